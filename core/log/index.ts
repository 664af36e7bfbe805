/**
 * Structured JSON logs (pino) for every long-running platform process. One logger per component,
 * named by `component`, so logs from processors, connectors and the API can be filtered alike.
 *
 * Trace ids: every line written while an OpenTelemetry span is active (inside an API request, a
 * processor's span for a record, a sink's write span, the relay's publish span) carries that
 * span's `traceId` and `spanId`, added by a mixin from the active context, so a line can be found
 * from a trace and the other way round. Lines written outside any trace (start-up, shutdown,
 * batch-level warnings) have neither. A logger whose bindings already name a `traceId` (the API's
 * request logger, `log.child({ traceId })`) keeps its own and gets no second one.
 */
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(component: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { component },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceMixin,
  });
}

/** The active span's ids, for pino's `mixin` option; nothing outside a trace. */
export function traceMixin(
  _mergeObject: object,
  _level: number,
  logger?: Logger,
): { traceId?: string; spanId?: string } {
  const span = trace.getSpan(context.active());
  // Always a fresh object: pino merges the line's fields into what the mixin returns.
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  // pino writes bindings and mixin fields side by side: a child already bound to a trace id
  // would print the key twice.
  const bindings = logger ? (logger as unknown as Record<symbol, unknown>)[pino.symbols.chindingsSym] : '';
  if (typeof bindings === 'string' && bindings.includes('"traceId":')) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
