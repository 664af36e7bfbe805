import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from 'kafkajs';
import { chunkOutputs } from './output-chunks.ts';

const message = (key: string, bytes: number): Message => ({ key, value: Buffer.alloc(bytes) });

describe('chunkOutputs', () => {
  it('keeps small outputs in one send', () => {
    const outputs = new Map([
      ['a', [message('1', 10), message('2', 10)]],
      ['b', [message('3', 10)]],
    ]);
    assert.deepEqual(
      chunkOutputs(outputs).map((send) => send.map((t) => [t.topic, t.messages.map((m) => m.key)])),
      [
        [
          ['a', ['1', '2']],
          ['b', ['3']],
        ],
      ],
    );
  });

  it('splits a fan-out larger than the bound, in order, every send under the bound', () => {
    const many = Array.from({ length: 3000 }, (_, i) => message(String(i), 1000));
    const sends = chunkOutputs(new Map([['shop.items.enriched', many]]), 512 * 1024);
    assert.ok(sends.length >= 6);
    const keys = sends.flatMap((send) => send.flatMap((t) => t.messages.map((m) => m.key)));
    assert.deepEqual(
      keys,
      many.map((m) => m.key),
    );
    for (const send of sends) {
      const size = send
        .flatMap((t) => t.messages)
        .reduce((sum, m) => sum + (m.value as Buffer).length + 65, 0);
      assert.ok(size <= 512 * 1024, `a send of ${size} bytes`);
    }
  });

  it('gives a record larger than the bound a send of its own', () => {
    const sends = chunkOutputs(
      new Map([['t', [message('small', 10), message('huge', 2_000_000), message('after', 10)]]]),
      1024,
    );
    assert.deepEqual(
      sends.map((send) => send.flatMap((t) => t.messages.map((m) => m.key))),
      [['small'], ['huge'], ['after']],
    );
  });
});
