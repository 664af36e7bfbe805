/**
 * What a sink is: something that writes batches of decoded records into a store, durably and
 * idempotently. The runtime (`SinkRunner`, this folder) owns Kafka, batching (count, bytes, time),
 * retries, dead-lettering and offset commits; a sink only knows its store.
 *
 * The contract every sink keeps (and `tests/support/sink-contract.ts` checks against the real store):
 * - `write` resolves only once the store has the records durably: the runner commits the batch's
 *   offsets after it resolves, never before.
 * - Idempotent: writing records again (redelivery after a crash, a replay from offset zero) leaves
 *   the store exactly as it was - through external versions, natural keys, replacing tables or
 *   offsets stored with the data.
 * - Transient failures (store down, timeouts) throw a retriable PlatformError: the runner retries
 *   the whole batch with backoff. Records the store can never accept are returned as rejections
 *   and go to the dead-letter topic with the reason; the rest of the batch is written.
 *
 * @example
 * const sink: Sink<EnrichedItem> = {
 *   name: 'search-sink',
 *   inputs: [topics.itemsEnriched],
 *   async write(records) {
 *     const failed = await bulkIndex(records);     // external versions: a replay changes nothing
 *     return { rejected: failed.map((f) => ({ record: f.record, code: 'WRITE_REJECTED', reason: f.reason })) };
 *   },
 * };
 */
import type { ErrorCode } from '../../../core/errors/index.ts';
import type { TopicDeclaration } from '../../../schemas/topics.ts';

export interface SinkRecord<V = unknown> {
  readonly topic: string;
  readonly partition: number;
  /** The Kafka offset, as kafkajs gives it (a decimal string). */
  readonly offset: string;
  /** The message key as UTF-8 (the entity id), or null. */
  readonly key: string | null;
  /** The value decoded with the topic's current schema (older writers' records resolved to it). */
  readonly value: V;
  /** The message timestamp in epoch milliseconds. */
  readonly timestamp: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Size of the message value in bytes, as counted against the batch's byte bound. */
  readonly sizeBytes: number;
}

export interface Rejection {
  readonly record: SinkRecord;
  readonly code: ErrorCode;
  readonly reason: string;
}

export interface WriteOutcome {
  /** Records the store refused for good; every other record of the batch is written. */
  readonly rejected: readonly Rejection[];
}

/** Limits of one batch; the runner writes a batch when any is reached. */
export interface BatchLimits {
  maxRecords: number;
  maxBytes: number;
  /** How long the first record of a batch waits for more before the batch is written. */
  lingerMs: number;
}

export interface Sink<V = unknown> {
  /** Stable name: consumer group, metric label, log name (e.g. `search-sink`). */
  readonly name: string;
  /** Topics the sink consumes; their schemas decode the values. */
  readonly inputs: readonly TopicDeclaration[];
  /** Narrower batch limits than the configured defaults (e.g. the archive's file roll). */
  readonly batch?: Partial<BatchLimits>;
  /** Prepares the store (index templates, tables, buckets); idempotent, called before consuming. */
  init?(): Promise<void>;
  /**
   * Writes a batch durably. The batch mixes topics and partitions; within a partition records are
   * in offset order. See the contract above.
   */
  write(records: readonly SinkRecord<V>[]): Promise<WriteOutcome>;
  /** Releases the store's clients. */
  close?(): Promise<void>;
}

/** The outcome of a batch every record of which was written. */
export const allWritten: WriteOutcome = Object.freeze({ rejected: [] });
