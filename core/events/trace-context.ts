/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/) in Kafka headers: every event carries a
 * `traceparent`, and every record a processor emits continues its input's trace with a new span
 * id, so one change can be followed from the API through each processor to the sinks.
 */
import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface TraceParent {
  traceId: string;
  spanId: string;
  flags: string;
}

export function parseTraceparent(value: string | undefined): TraceParent | undefined {
  const match = value ? TRACEPARENT.exec(value.trim()) : null;
  if (!match || /^0+$/.test(match[1]!) || /^0+$/.test(match[2]!)) return undefined;
  return { traceId: match[1]!, spanId: match[2]!, flags: match[3]! };
}

/** A traceparent for a new trace (sampled). */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/** A traceparent continuing `parent`'s trace with a new span, or a new trace when there is none. */
export function childTraceparent(parent: string | undefined): string {
  const parsed = parseTraceparent(parent);
  return parsed ? `00-${parsed.traceId}-${randomBytes(8).toString('hex')}-${parsed.flags}` : newTraceparent();
}
