/**
 * OpenTelemetry tracing for platform processes. Spans are linked across Kafka through the W3C
 * `traceparent` header: a processor's span for a record is the child of the span that produced it.
 *
 * `startTracing()` installs the SDK: spans are exported over OTLP/HTTP when the standard
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, e.g. to Jaeger's
 * http://jaeger:4318 in docker-compose; without it spans are still created, so trace ids flow
 * through the headers, but go nowhere. OTEL_SERVICE_NAME defaults to the component's name.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { childTraceparent } from '../events/trace-context.ts';

let provider: NodeTracerProvider | undefined;

/** Installs the tracing SDK for this process, once. Returns a function that flushes and stops it. */
export function startTracing(component: string, extraProcessors: SpanProcessor[] = []): () => Promise<void> {
  if (!provider) {
    process.env.OTEL_SERVICE_NAME ??= `eshop-${component}`;
    const exporting = Boolean(
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
    );
    provider = new NodeTracerProvider({
      spanProcessors: [
        ...(exporting ? [new BatchSpanProcessor(new OTLPTraceExporter())] : []),
        ...extraProcessors,
      ],
    });
    // Registers the W3C trace-context propagator and the async context manager globally.
    provider.register();
  }
  const current = provider;
  return () => current.shutdown();
}

const tracer = () => trace.getTracer('eshop-streams');

/**
 * Runs `work` inside a span that continues the trace of `incomingTraceparent`, and gives it the
 * traceparent its outputs must carry. Without an installed SDK, the outputs still continue the
 * incoming trace with a fresh span id.
 */
export function withRecordSpan<T>(
  name: string,
  incomingTraceparent: string | undefined,
  attributes: Record<string, string | number>,
  work: (outgoingTraceparent: string) => T,
): T {
  const parent = propagation.extract(
    ROOT_CONTEXT,
    incomingTraceparent ? { traceparent: incomingTraceparent } : {},
  );
  const span: Span = tracer().startSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent);
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);
  const outgoing = carrier.traceparent ?? childTraceparent(incomingTraceparent);
  const end = (error?: unknown) => {
    if (error !== undefined) {
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    span.end();
  };
  try {
    const result = context.with(trace.setSpan(parent, span), () => work(outgoing));
    if (result instanceof Promise) {
      return result.then(
        (value) => (end(), value),
        (error: unknown) => {
          end(error);
          throw error;
        },
      ) as T;
    }
    end();
    return result;
  } catch (error) {
    end(error);
    throw error;
  }
}
