import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { pino } from 'pino';
import { startTracing } from '../telemetry/tracing.ts';
import { traceMixin } from './index.ts';

// Registers the async context manager, as every process does (the API's default keeps no context).
startTracing('log-test');

function capture(bindings: Record<string, unknown> = {}) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ base: { component: 't' }, mixin: traceMixin }, stream).child(bindings);
  return { log, lines, raw };
}

const spanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 1,
};

describe('log trace mixin', () => {
  it('adds the active span’s traceId and spanId to every line written inside it', async () => {
    const { log, lines } = capture();
    await context.with(trace.setSpanContext(context.active(), spanContext), async () => {
      log.info('inside');
      await Promise.resolve();
      log.warn({ offset: '7' }, 'still inside after an await');
    });
    assert.deepEqual(
      lines.map((l) => [l.msg, l.traceId, l.spanId]),
      [
        ['inside', spanContext.traceId, spanContext.spanId],
        ['still inside after an await', spanContext.traceId, spanContext.spanId],
      ],
    );
    assert.equal(lines[1]!.offset, '7');
  });

  it('adds nothing outside a trace (start-up lines) or for an invalid span', () => {
    const { log, lines } = capture();
    log.info('start-up');
    context.with(trace.setSpanContext(context.active(), { ...spanContext, traceId: '0'.repeat(32) }), () =>
      log.info('invalid'),
    );
    assert.equal('traceId' in lines[0]!, false);
    assert.equal('traceId' in lines[1]!, false);
  });

  it('leaves a logger already bound to a trace id alone: the key appears once', () => {
    const { log, lines, raw } = capture({ traceId: 'bound' });
    context.with(trace.setSpanContext(context.active(), spanContext), () => log.info('request'));
    assert.equal(lines[0]!.traceId, 'bound');
    assert.equal(raw[0]!.match(/"traceId"/g)!.length, 1);
  });
});
