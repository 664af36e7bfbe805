/**
 * OpenTelemetry tracing for platform processes. Spans are linked across Kafka through the W3C
 * `traceparent` header: a processor's span for a record is the child of the span that produced it.
 *
 * `startTracing()` installs the SDK: spans are exported over OTLP/HTTP when the standard
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, e.g. to Jaeger's
 * http://jaeger:4318 in docker-compose; without it spans are still created, so trace ids flow
 * through the headers, but go nowhere. OTEL_SERVICE_NAME defaults to the component's name.
 * Without startTracing() (tools, most tests) the API's no-op tracer makes spans cost nothing, and
 * the ids still flow: every hop derives its outgoing traceparent from the incoming one.
 *
 * The spans of one write, in order (names and attributes are stable: dashboards and tests use them):
 *
 * | span                          | kind     | parent                            | attributes                                                    |
 * |-------------------------------|----------|-----------------------------------|---------------------------------------------------------------|
 * | `<METHOD> <route>`            | SERVER   | the caller's traceparent, if any  | http.request.method, http.route, http.response.status_code     |
 * | `outbox-relay publish`        | PRODUCER | the outbox row's traceparent      | messaging.system=kafka, messaging.operation.type=publish, messaging.destination.name, eshop.outbox.id, eshop.event.id |
 * | `<processor> process`         | CONSUMER | the record's `traceparent` header | messaging.system=kafka, messaging.destination.name (the topic read), messaging.kafka.partition, messaging.kafka.offset, messaging.consumer.group.name, eshop.processor |
 * | `<sink> batch`                | CONSUMER | none (a batch mixes traces)       | eshop.sink, eshop.sink.records; links to the records' spans    |
 * | `<sink> write`                | CONSUMER | the record's `traceparent` header | messaging.system=kafka, messaging.destination.name, messaging.kafka.partition, messaging.kafka.offset, messaging.consumer.group.name, eshop.sink, eshop.sink.records; a link to its batch span |
 *
 * The relay's PRODUCER span is what the Kafka record's `traceparent` header carries; a processor's
 * outputs carry its CONSUMER span. A sink writes one `<sink> write` span per distinct traceparent
 * of a batch (records of one trace in one batch share it), timed as the batch's store write.
 */
import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type TimeInput,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { childTraceparent } from '../events/trace-context.ts';

export { SpanKind } from '@opentelemetry/api';

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

const tracer = () => trace.getTracer('eshop-platform');

/** The context whose (remote) span is `traceparent`'s; the root context when it is absent or invalid. */
export function contextOf(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/**
 * Runs `work` with `traceparent`'s span as the active context, so the log lines it writes carry
 * that trace (core/log's mixin). For logging about a record outside its own span (a dead letter).
 */
export function inTraceOf<T>(traceparent: string | undefined, work: () => T): T {
  return context.with(contextOf(traceparent), work);
}

/** A link to the span a traceparent names, or undefined when it names none. */
export function linkTo(traceparent: string | undefined): Link | undefined {
  const spanContext = trace.getSpanContext(contextOf(traceparent));
  return spanContext && isSpanContextValid(spanContext) ? { context: spanContext } : undefined;
}

export interface ChildSpan {
  span: Span;
  /** The active context with this span in it (run logs about the record in it). */
  context: Context;
  /**
   * The span's own traceparent, for the records it sends. Without an installed SDK: the incoming
   * trace with a fresh span id (or a new trace), so ids flow all the same.
   */
  traceparent: string;
  /** Ends the span, with an error status when given an error. */
  end(error?: unknown, endTime?: TimeInput): void;
}

/** Starts a span continuing `incomingTraceparent`'s trace (a new trace when there is none). */
export function startChildSpan(
  name: string,
  kind: SpanKind,
  incomingTraceparent: string | undefined,
  attributes: Attributes,
  options: { links?: Link[]; startTime?: TimeInput } = {},
): ChildSpan {
  const parent = contextOf(incomingTraceparent);
  const span = tracer().startSpan(name, { kind, attributes, ...options }, parent);
  const active = trace.setSpan(parent, span);
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return {
    span,
    context: active,
    traceparent: carrier.traceparent ?? childTraceparent(incomingTraceparent),
    end(error, endTime) {
      if (error !== undefined) {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
      }
      span.end(endTime);
    },
  };
}

/**
 * Runs `work` inside a CONSUMER span that continues the trace of `incomingTraceparent`, and gives
 * it the traceparent its outputs must carry (the span's own). Without an installed SDK, the
 * outputs still continue the incoming trace with a fresh span id.
 */
export function withRecordSpan<T>(
  name: string,
  incomingTraceparent: string | undefined,
  attributes: Attributes,
  work: (outgoingTraceparent: string) => T,
  options: { kind?: SpanKind; links?: Link[] } = {},
): T {
  const child = startChildSpan(name, options.kind ?? SpanKind.CONSUMER, incomingTraceparent, attributes, {
    ...(options.links ? { links: options.links } : {}),
  });
  try {
    const result = context.with(child.context, () => work(child.traceparent));
    if (result instanceof Promise) {
      return result.then(
        (value) => (child.end(), value),
        (error: unknown) => {
          child.end(error);
          throw error;
        },
      ) as T;
    }
    child.end();
    return result;
  } catch (error) {
    child.end(error);
    throw error;
  }
}
