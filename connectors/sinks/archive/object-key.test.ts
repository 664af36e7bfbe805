import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hourOf, hourPrefix, hoursBetween, objectKey, parseObjectKey } from './object-key.ts';

const nine = Date.UTC(2026, 0, 5, 9);

describe('objectKey', () => {
  it('names a file by topic, UTC date and hour, partition and zero-padded first offset', () => {
    assert.equal(
      objectKey({ topic: 'shop.items', partition: 2, hourStart: nine, firstOffset: 1200 }),
      'shop.items/2026-01-05/09/shop.items-2-00000000000000001200.avro',
    );
  });

  it('sorts names of one partition by offset as plain strings', () => {
    const keys = [9, 10, 1_000_000, 99].map((firstOffset) =>
      objectKey({ topic: 't', partition: 0, hourStart: nine, firstOffset }),
    );
    assert.deepEqual([...keys].sort(), [keys[0], keys[1], keys[3], keys[2]]);
  });

  it('is parsed back, topic names with dashes and dots included', () => {
    const id = { topic: 'test.shop-items-1a2b', partition: 11, hourStart: nine, firstOffset: 0 };
    assert.deepEqual(parseObjectKey(objectKey(id)), id);
  });

  it('parses nothing else in the bucket', () => {
    assert.equal(parseObjectKey('shop.items/2026-01-05/09/notes.txt'), undefined);
    assert.equal(parseObjectKey('shop.items/2026-01-05/09/other-0-00000000000000000001.avro'), undefined);
    assert.equal(parseObjectKey('shop.items/2026-01-05/9/shop.items-0-00000000000000000001.avro'), undefined);
  });
});

describe('hours', () => {
  it('takes the UTC hour of a timestamp whatever the minutes', () => {
    assert.equal(hourOf(nine + 59 * 60_000 + 59_999), nine);
    assert.equal(hourOf(nine), nine);
    assert.equal(hourPrefix('t', Date.UTC(2026, 11, 31, 23)), 't/2026-12-31/23/');
  });

  it('lists every hour overlapping a half-open range', () => {
    assert.deepEqual(hoursBetween(nine + 1, nine + 2 * 3_600_000), [nine, nine + 3_600_000]);
    assert.deepEqual(hoursBetween(nine, nine + 2 * 3_600_000 + 1), [
      nine,
      nine + 3_600_000,
      nine + 7_200_000,
    ]);
    assert.deepEqual(hoursBetween(nine, nine), []);
  });
});
