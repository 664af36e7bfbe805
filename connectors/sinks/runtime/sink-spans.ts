/**
 * The spans of one sink write. A batch mixes records of many traces, so it gets two kinds:
 *
 * - `<sink> batch`: one per write, in no trace of its own records (a root span), linked to each
 *   distinct traceparent of the batch; the store write runs inside it.
 * - `<sink> write`: one per distinct `traceparent` header in the batch (the records of one write
 *   that land in one batch share it), the child of that traceparent, so each write's trace ends
 *   at the sink; timed as the batch's store write and linked to the batch span. A rejected record
 *   marks its span with an error status.
 *
 * Attributes of `<sink> write` (the first record of its trace gives topic, partition and offset):
 * messaging.system=kafka, messaging.destination.name, messaging.kafka.partition,
 * messaging.kafka.offset, messaging.consumer.group.name, eshop.sink, eshop.sink.records.
 *
 * Overhead: without an installed SDK (or when the batch span is not sampled) no per-trace span
 * is made at all; with one, a span per distinct trace per batch.
 */
import { context } from '@opentelemetry/api';
import { linkTo, SpanKind, startChildSpan, type ChildSpan } from '../../../core/telemetry/tracing.ts';
import type { Rejection, SinkRecord } from './sink.ts';

export interface SinkWriteSpans {
  /** Runs the store write inside the batch span. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Ends every span: the traces of rejected records (or all, on an error) with an error status. */
  end(rejected: readonly Rejection[], error?: unknown): void;
}

export function startSinkWriteSpans(
  sink: string,
  groupId: string,
  records: readonly SinkRecord[],
): SinkWriteSpans {
  const byTrace = new Map<string, SinkRecord[]>();
  for (const record of records) {
    const traceparent = record.headers.traceparent;
    if (!traceparent) continue;
    const list = byTrace.get(traceparent);
    if (list) list.push(record);
    else byTrace.set(traceparent, [record]);
  }
  const startTime = Date.now();
  const batch = startChildSpan(
    `${sink} batch`,
    SpanKind.CONSUMER,
    undefined,
    { 'eshop.sink': sink, 'eshop.sink.records': records.length },
    { links: [...byTrace.keys()].flatMap((tp) => linkTo(tp) ?? []), startTime },
  );
  const perTrace = new Map<string, ChildSpan>();
  if (batch.span.isRecording()) {
    const batchLink = { context: batch.span.spanContext() };
    for (const [traceparent, list] of byTrace) {
      const first = list[0]!;
      perTrace.set(
        traceparent,
        startChildSpan(
          `${sink} write`,
          SpanKind.CONSUMER,
          traceparent,
          {
            'messaging.system': 'kafka',
            'messaging.destination.name': first.topic,
            'messaging.kafka.partition': first.partition,
            'messaging.kafka.offset': first.offset,
            'messaging.consumer.group.name': groupId,
            'eshop.sink': sink,
            'eshop.sink.records': list.length,
          },
          { links: [batchLink], startTime },
        ),
      );
    }
  }
  return {
    run: (work) => context.with(batch.context, work),
    end(rejected, error) {
      const refused = new Map<string, string>();
      for (const { record, reason } of rejected) {
        const traceparent = record.headers.traceparent;
        if (traceparent && !refused.has(traceparent)) refused.set(traceparent, reason);
      }
      const endTime = Date.now();
      for (const [traceparent, span] of perTrace) {
        const reason = refused.get(traceparent);
        span.end(error ?? (reason === undefined ? undefined : new Error(reason)), endTime);
      }
      batch.end(error, endTime);
    },
  };
}
