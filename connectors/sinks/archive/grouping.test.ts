import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SinkRecord } from '../runtime/sink.ts';
import { groupIntoFiles } from './grouping.ts';

const nine = Date.UTC(2026, 0, 5, 9);
const ten = nine + 3_600_000;

function record(topic: string, partition: number, offset: number, timestamp: number): SinkRecord {
  return {
    topic,
    partition,
    offset: String(offset),
    key: `k${offset}`,
    value: {},
    timestamp,
    headers: {},
    sizeBytes: 10,
  };
}

function summary(records: SinkRecord[]): string[] {
  return groupIntoFiles(records).map(
    (g) =>
      `${g.id.topic}/${g.id.partition}@${g.id.firstOffset}h${(g.id.hourStart - nine) / 3_600_000}:` +
      g.records.map((r) => r.offset).join(','),
  );
}

describe('groupIntoFiles', () => {
  it('makes one file per topic, partition and hour', () => {
    const files = summary([
      record('a', 0, 5, nine + 1),
      record('a', 1, 7, nine + 2),
      record('b', 0, 3, nine + 3),
      record('a', 0, 6, nine + 4),
      record('a', 0, 7, ten + 1),
      record('a', 0, 8, ten + 2),
    ]);
    assert.deepEqual(files.sort(), ['a/0@5h0:5,6', 'a/0@7h1:7,8', 'a/1@7h0:7', 'b/0@3h0:3']);
  });

  it('cuts a run at every change of hour, so offsets within a file stay contiguous', () => {
    const files = summary([
      record('a', 0, 10, nine + 10),
      record('a', 0, 11, ten),
      record('a', 0, 12, nine + 20),
      record('a', 0, 13, nine + 30),
    ]);
    assert.deepEqual(files, ['a/0@10h0:10', 'a/0@11h1:11', 'a/0@12h0:12,13']);
  });

  it('orders offsets numerically', () => {
    const files = summary([record('a', 0, 10, nine), record('a', 0, 9, nine), record('a', 0, 100, nine)]);
    assert.deepEqual(files, ['a/0@9h0:9,10,100']);
  });

  it('cuts in the same places whatever the batch boundaries, from a batch start on', () => {
    const all = [0, 1, 2, 3, 4, 5, 6].map((o) => record('a', 0, o, o < 4 ? nine : ten));
    // One batch from offset 0, or two batches split at 2: the file holding offset 4 starts at 4 in both.
    const whole = groupIntoFiles(all).map((g) => g.id.firstOffset);
    const split = [...groupIntoFiles(all.slice(0, 2)), ...groupIntoFiles(all.slice(2))].map(
      (g) => g.id.firstOffset,
    );
    assert.deepEqual(whole, [0, 4]);
    assert.deepEqual(split, [0, 2, 4]);
  });

  it('makes no file of an empty batch', () => {
    assert.deepEqual(groupIntoFiles([]), []);
  });
});
