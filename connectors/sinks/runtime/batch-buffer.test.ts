import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BatchBuffer } from './batch-buffer.ts';

describe('BatchBuffer', () => {
  it('is full at the record limit', () => {
    const buffer = new BatchBuffer<number>({ maxRecords: 3, maxBytes: 1000, lingerMs: 50 });
    buffer.add(1, 1, 0);
    buffer.add(2, 1, 0);
    assert.equal(buffer.full, false);
    buffer.add(3, 1, 0);
    assert.equal(buffer.full, true);
  });

  it('is full at the byte limit, even with one large record', () => {
    const buffer = new BatchBuffer<string>({ maxRecords: 100, maxBytes: 10, lingerMs: 50 });
    buffer.add('big', 12, 0);
    assert.equal(buffer.full, true);
    assert.equal(buffer.sizeBytes, 12);
  });

  it('is due one linger after its first record, not its last', () => {
    const buffer = new BatchBuffer<number>({ maxRecords: 100, maxBytes: 1000, lingerMs: 50 });
    assert.equal(buffer.dueAt(), undefined);
    buffer.add(1, 1, 1000);
    buffer.add(2, 1, 1040);
    assert.equal(buffer.dueAt(), 1050);
  });

  it('drains everything in arrival order and starts over', () => {
    const buffer = new BatchBuffer<number>({ maxRecords: 2, maxBytes: 1000, lingerMs: 50 });
    buffer.add(1, 5, 10);
    buffer.add(2, 5, 20);
    assert.deepEqual(buffer.drain(), [1, 2]);
    assert.equal(buffer.size, 0);
    assert.equal(buffer.sizeBytes, 0);
    assert.equal(buffer.full, false);
    assert.equal(buffer.dueAt(), undefined);
    buffer.add(3, 1, 99);
    assert.equal(buffer.dueAt(), 149);
  });
});
