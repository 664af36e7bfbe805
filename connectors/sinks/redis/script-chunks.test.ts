import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkSlice, type SliceEntry } from './script-chunks.ts';

/** Entries at offsets 10, 11, …; a number is an operation of that many bytes, null none. */
function slice(...sizes: (number | null)[]): SliceEntry<number>[] {
  return sizes.map((size, i) => ({ offset: String(10 + i), operation: size ?? undefined }));
}

const chunk = (limits: { maxOperations: number; maxBytes: number }, ...sizes: (number | null)[]) =>
  chunkSlice(slice(...sizes), limits, (bytes) => bytes).map(({ operations, lastOffset }) => [
    operations,
    lastOffset,
  ]);

describe('script chunks', () => {
  const roomy = { maxOperations: 100, maxBytes: 1000 };

  it('keeps a small slice in one script, its offset the last record’s', () => {
    assert.deepEqual(chunk(roomy, 1, 2, null, 3, null), [[[1, 2, 3], '14']]);
  });

  it('still moves the offset for a slice with nothing to apply', () => {
    assert.deepEqual(chunk(roomy, null, null), [[[], '11']]);
    assert.deepEqual(chunk(roomy), []);
  });

  it('cuts by operation count; records without operation ride with the chunk before', () => {
    assert.deepEqual(chunk({ maxOperations: 2, maxBytes: 1000 }, 1, 1, null, 1, 1, 1), [
      [[1, 1], '12'],
      [[1, 1], '14'],
      [[1], '15'],
    ]);
  });

  it('cuts by bytes, and gives an oversized operation a chunk of its own', () => {
    assert.deepEqual(chunk({ maxOperations: 100, maxBytes: 10 }, 4, 4, 4, 50, 1), [
      [[4, 4], '11'],
      [[4], '12'],
      [[50], '13'],
      [[1], '14'],
    ]);
  });

  it('covers every record exactly once, in order', () => {
    const sizes = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? null : (i % 13) + 1));
    const chunks = chunkSlice(slice(...sizes), { maxOperations: 37, maxBytes: 200 }, (bytes) => bytes);
    assert.deepEqual(
      chunks.flatMap((c) => c.operations),
      sizes.filter((size) => size !== null),
    );
    assert.equal(chunks.at(-1)!.lastOffset, String(10 + sizes.length - 1));
    for (const c of chunks) {
      assert.ok(c.operations.length <= 37);
      assert.ok(c.operations.reduce((a, b) => a + b, 0) <= 200);
    }
    const offsets = chunks.map((c) => Number(c.lastOffset));
    assert.deepEqual(
      offsets,
      [...offsets].sort((a, b) => a - b),
    );
  });
});
