/**
 * Reads a fixed range of offsets of one topic, once, for the reindex: a throwaway consumer group
 * starts at `from` (its offsets are set by the admin client: kafkajs has no manual assignment),
 * delivers every committed record below `to`, never commits, and is deleted afterwards - so a
 * reindex leaves no group behind and does not disturb the live sink's group.
 *
 * "Reached `to`" is judged from the consumer's end-of-batch events, which also fire for batches
 * made only of transaction markers: a partition whose last offsets are commit or abort markers
 * (every exactly-once processor's output) is thereby known to be done, without waiting for a
 * record that will never come.
 */
import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';
import type { Logger } from '../../../core/log/index.ts';

export interface PartitionOffsets {
  partition: number;
  /** First offset still in the log. */
  low: number;
  /** The offset the next record will get (the high watermark). */
  high: number;
}

/** The low and high watermarks of every partition of `topic`. */
export async function topicWatermarks(kafka: Kafka, topic: string): Promise<PartitionOffsets[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets
      .map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

export interface RangeMessage {
  partition: number;
  message: KafkaMessage;
}

export interface ReadRangeOptions {
  /** Most messages handed to `onMessages` at once. */
  chunkRecords: number;
  /** Fail when no progress was made for this long (milliseconds). */
  stallMs: number;
  /** Prefix of the throwaway consumer group's id. */
  groupPrefix: string;
  log: Logger;
}

/**
 * Delivers the messages of `topic` from `from[p]` (inclusive) to `to[p]` (exclusive) on every
 * partition p, in offset order per partition, to `onMessages`, which is awaited (back-pressure).
 * Resolves with the number of messages delivered; rejects when `onMessages` throws or on a stall.
 */
export async function readTopicRange(
  kafka: Kafka,
  topic: string,
  from: ReadonlyMap<number, number>,
  to: ReadonlyMap<number, number>,
  onMessages: (messages: RangeMessage[]) => Promise<void>,
  options: ReadRangeOptions,
): Promise<number> {
  const pending = new Map<number, number>();
  for (const [partition, end] of to) if (end > (from.get(partition) ?? 0)) pending.set(partition, end);
  if (pending.size === 0) return 0;

  const groupId = `${options.groupPrefix}.${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxBytesPerPartition: 1024 * 1024 });
  let delivered = 0;
  let lastProgressAt = Date.now();
  let finish: (error?: unknown) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    finish = (error) => (error === undefined ? resolve() : reject(error));
  });

  try {
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [...from].map(([partition, offset]) => ({ partition, offset: String(offset) })),
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const end = pending.get(payload.partition);
      if (payload.topic !== topic || end === undefined || Number(payload.lastOffset) < end - 1) return;
      pending.delete(payload.partition);
      lastProgressAt = Date.now();
      consumer.pause([{ topic, partitions: [payload.partition] }]);
      if (pending.size === 0) finish();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) finish(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat, isRunning }) => {
        const end = to.get(batch.partition) ?? 0;
        const messages = batch.messages.filter((m) => Number(m.offset) < end);
        for (let start = 0; start < messages.length && isRunning(); start += options.chunkRecords) {
          const chunk = messages.slice(start, start + options.chunkRecords);
          try {
            await onMessages(chunk.map((message) => ({ partition: batch.partition, message })));
          } catch (error) {
            finish(error);
            return;
          }
          delivered += chunk.length;
          lastProgressAt = Date.now();
          await heartbeat();
        }
      },
    });
    const stallCheck = setInterval(
      () => {
        if (Date.now() - lastProgressAt < options.stallMs) return;
        finish(
          new PlatformError(
            ErrorCodes.SERVICE_UNAVAILABLE,
            `reading ${topic} made no progress for ${options.stallMs} ms; partitions not done: ` +
              [...pending].map(([p, end]) => `${p} (to ${end})`).join(', '),
            { retriable: true, service: 'kafka', topic },
          ),
        );
      },
      Math.min(1000, options.stallMs),
    );
    try {
      await finished;
    } finally {
      clearInterval(stallCheck);
    }
    return delivered;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin
      .deleteGroups([groupId])
      .catch((error: unknown) =>
        options.log.warn({ err: error, groupId }, 'could not delete the reader group'),
      );
    await admin.disconnect();
  }
}
