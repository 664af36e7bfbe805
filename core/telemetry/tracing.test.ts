import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { parseTraceparent } from '../events/trace-context.ts';
import { startTracing, withRecordSpan } from './tracing.ts';

describe('record spans', () => {
  const exporter = new InMemorySpanExporter();
  startTracing('test', [new SimpleSpanProcessor(exporter)]);
  const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('continues the incoming trace: the span is the child of the producer span, outputs carry the new span', async () => {
    const outgoing = await withRecordSpan(
      'normalise-items process',
      incoming,
      { 'messaging.kafka.offset': '7' },
      async (tp) => tp,
    );
    const parsed = parseTraceparent(outgoing)!;
    assert.equal(parsed.traceId, '0af7651916cd43dd8448eb211c80319c');
    const [span] = exporter.getFinishedSpans();
    assert.equal(span!.name, 'normalise-items process');
    assert.equal(span!.spanContext().spanId, parsed.spanId);
    assert.equal(span!.parentSpanContext?.spanId, 'b7ad6b7169203331');
    assert.equal(span!.attributes['messaging.kafka.offset'], '7');
  });

  it('starts a new trace when the record has none, and marks failures', async () => {
    exporter.reset();
    await assert.rejects(
      withRecordSpan('p', undefined, {}, async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    const [span] = exporter.getFinishedSpans();
    assert.equal(span!.parentSpanContext, undefined);
    assert.equal(span!.status.code, 2); // ERROR
  });
});
