/**
 * What a stream processor is: a pure function from one input record to output records or a typed
 * rejection. No client, no I/O, no clock: everything it may know arrives in the context. The
 * runtime (this folder) owns Kafka, transactions, retries, dead-lettering and metrics.
 *
 * @example
 * const normaliseItems: Processor<ItemChanged, NormalisedItem> = {
 *   name: 'normalise-items',
 *   inputs: [topics.items],
 *   process(event, ctx) {
 *     if (event.item.price.amountMinor <= 0) return reject('VALIDATION_FAILED', 'price must be positive');
 *     return emit({ topic: topics.itemsNormalised, key: event.item.id, value: normalise(event) });
 *   },
 * };
 */
import type { ErrorCode } from '../../core/errors/index.ts';
import type { TopicDeclaration } from '../../schemas/topics.ts';

export interface ProcessorContext {
  /** The input topic this record came from (processors with several inputs dispatch on it). */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The input record's timestamp in epoch milliseconds: the processor's only clock. */
  readonly timestamp: number;
  /** Read-only reference data (global tables), by table name. */
  readonly tables: TableReader;
}

/** Read access to the global tables a processor declared. */
export interface TableReader {
  /** The latest value for `key` in table `table`, or undefined. */
  get<V>(table: string, key: string): V | undefined;
  /** Every value of `table` whose secondary index `index` equals `value` (for foreign-key joins). */
  lookup<V>(table: string, index: string, value: string): V[];
}

export interface OutputRecord<T = unknown> {
  topic: TopicDeclaration;
  /** The entity id: all records of one entity go to one partition, in order. */
  key: string;
  value: T;
}

export type ProcessResult<T = unknown> =
  { kind: 'emit'; records: OutputRecord<T>[] } | { kind: 'reject'; code: ErrorCode; reason: string };

/** A global table: a compacted topic read in full into memory on every instance. */
export interface TableDeclaration<V = unknown> {
  name: string;
  topic: TopicDeclaration;
  /** Secondary indexes: name → function giving the indexed value of a row (undefined: not indexed). */
  indexes?: Record<string, (value: V) => string | undefined>;
  /** Rows for which this returns true are removed (deletions that are not tombstones). */
  isDeleted?: (value: V) => boolean;
}

export interface Processor<In = unknown, Out = unknown> {
  /** Stable name: consumer group, transactional id prefix, metric label. */
  readonly name: string;
  readonly inputs: readonly TopicDeclaration[];
  readonly outputs: readonly TopicDeclaration[];
  readonly tables?: readonly TableDeclaration[];
  process(record: In, context: ProcessorContext): ProcessResult<Out>;
}

export function emit<T>(...records: OutputRecord<T>[]): ProcessResult<T> {
  return { kind: 'emit', records };
}

export function reject(code: ErrorCode, reason: string): ProcessResult<never> {
  return { kind: 'reject', code, reason };
}
