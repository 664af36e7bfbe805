/**
 * How a batch becomes files: one file per run of consecutive records (in offset order) of one
 * topic and one partition whose timestamps fall in the same UTC hour.
 *
 * A run, not a bucket: message timestamps are set by producers and need not grow with the offset,
 * so a partition may go 09:59, 10:00, 09:59. Cutting at every change of hour keeps each file's
 * offsets contiguous (no other file holds an offset between its first and last), which the reader's
 * duplicate handling relies on, and keeps every cut at a place that depends on the records alone.
 */
import type { SinkRecord } from '../runtime/sink.ts';
import { hourOf, type ArchiveObjectId } from './object-key.ts';

export interface FileGroup<V = unknown> {
  id: ArchiveObjectId;
  /** In offset order. */
  records: SinkRecord<V>[];
}

export function groupIntoFiles<V>(records: readonly SinkRecord<V>[]): FileGroup<V>[] {
  const byPartition = new Map<string, SinkRecord<V>[]>();
  for (const record of records) {
    const key = `${record.partition}\u0000${record.topic}`;
    let list = byPartition.get(key);
    if (!list) byPartition.set(key, (list = []));
    list.push(record);
  }
  const groups: FileGroup<V>[] = [];
  for (const list of byPartition.values()) {
    // The runner hands records of a partition in offset order; sorting costs nothing when they are.
    list.sort((a, b) => compareOffsets(a.offset, b.offset));
    let current: FileGroup<V> | undefined;
    for (const record of list) {
      const hourStart = hourOf(record.timestamp);
      if (!current || current.id.hourStart !== hourStart) {
        current = {
          id: {
            topic: record.topic,
            partition: record.partition,
            hourStart,
            firstOffset: Number(record.offset),
          },
          records: [],
        };
        groups.push(current);
      }
      current.records.push(record);
    }
  }
  return groups;
}

/** Orders kafkajs' decimal-string offsets numerically ('10' after '9'). */
function compareOffsets(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
