/**
 * Outputs of one chunk go to Kafka in several sends of the same transaction, each under a byte
 * bound. One input can fan out into thousands of outputs (a seller rename re-emits every item of
 * the seller), and a produce request whose batch for one partition passes the broker's
 * `message.max.bytes` (1 MiB by default) is refused as a whole: without the bound, such a chunk
 * would fail, be retried, and fail again, stalling its partition for good.
 */
import type { Message } from 'kafkajs';

/** Per-record overhead of the record batch format (lengths, offsets, timestamps), rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

/** Below the broker's 1 MiB default with room for the batch header and compression's worst case. */
export const DEFAULT_MAX_SEND_BYTES = 512 * 1024;

function sizeOf(message: Message): number {
  let size = RECORD_OVERHEAD_BYTES + byteLength(message.key) + byteLength(message.value);
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    size += Buffer.byteLength(key) + byteLength(value as Buffer | string | undefined);
  }
  return size;
}

function byteLength(value: Buffer | string | null | undefined | unknown): number {
  if (value === null || value === undefined) return 0;
  if (Buffer.isBuffer(value)) return value.length;
  return Buffer.byteLength(String(value));
}

export interface TopicMessages {
  topic: string;
  messages: Message[];
}

/**
 * Splits outputs into sends of at most `maxBytes` each (a single larger record gets a send of its
 * own, and the broker decides). Order within each topic is kept, and sends are made in order, so
 * each partition still receives its records in the order the processor emitted them.
 *
 * @example
 * for (const topicMessages of chunkOutputs(outputs)) await transaction.sendBatch({ acks: -1, topicMessages });
 */
export function chunkOutputs(
  outputs: ReadonlyMap<string, readonly Message[]>,
  maxBytes = DEFAULT_MAX_SEND_BYTES,
): TopicMessages[][] {
  const sends: TopicMessages[][] = [];
  let current: TopicMessages[] = [];
  let bytes = 0;
  for (const [topic, messages] of outputs) {
    let entry: TopicMessages | undefined;
    for (const message of messages) {
      const size = sizeOf(message);
      if (bytes > 0 && bytes + size > maxBytes) {
        sends.push(current);
        current = [];
        entry = undefined;
        bytes = 0;
      }
      if (!entry) current.push((entry = { topic, messages: [] }));
      entry.messages.push(message);
      bytes += size;
    }
  }
  if (current.length > 0) sends.push(current);
  return sends;
}
