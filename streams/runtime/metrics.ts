/**
 * The stream runtime's Prometheus metrics. Names and labels are part of the platform's API: every
 * processor gets the same series, distinguished by the `processor` label, and dashboards rely on them.
 *
 * | metric | type | labels |
 * | --- | --- | --- |
 * | eshop_stream_records_in_total | counter | processor, topic |
 * | eshop_stream_records_out_total | counter | processor, topic |
 * | eshop_stream_dead_lettered_total | counter | processor, code |
 * | eshop_stream_processing_seconds | histogram (per record) | processor |
 * | eshop_stream_batch_records | histogram (records per transaction) | processor |
 * | eshop_stream_consumer_lag | gauge (records behind the high watermark) | processor, topic, partition |
 * | eshop_stream_consumer_lag_seconds | gauge (time behind, read at scrape time: see ConsumerTimeLag) | processor, topic, partition |
 * | eshop_stream_transaction_aborts_total | counter | processor |
 * | eshop_stream_retries_total | counter | processor |
 * | eshop_stream_table_rows | gauge | processor, table |
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class StreamMetrics {
  readonly registry = new Registry();
  readonly recordsIn: Counter<'processor' | 'topic'>;
  readonly recordsOut: Counter<'processor' | 'topic'>;
  readonly deadLettered: Counter<'processor' | 'code'>;
  readonly processingSeconds: Histogram<'processor'>;
  readonly batchRecords: Histogram<'processor'>;
  readonly consumerLag: Gauge<'processor' | 'topic' | 'partition'>;
  readonly transactionAborts: Counter<'processor'>;
  readonly retries: Counter<'processor'>;
  readonly tableRows: Gauge<'processor' | 'table'>;
  readonly consumerLagSeconds: Gauge<'processor' | 'topic' | 'partition'>;
  private readonly timeLags = new Map<string, ConsumerTimeLag>();

  constructor() {
    const registers = [this.registry];
    this.recordsIn = new Counter({
      name: 'eshop_stream_records_in_total',
      help: 'Records consumed',
      labelNames: ['processor', 'topic'],
      registers,
    });
    this.recordsOut = new Counter({
      name: 'eshop_stream_records_out_total',
      help: 'Records produced',
      labelNames: ['processor', 'topic'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'eshop_stream_dead_lettered_total',
      help: 'Records sent to the dead-letter topic, by error code',
      labelNames: ['processor', 'code'],
      registers,
    });
    this.processingSeconds = new Histogram({
      name: 'eshop_stream_processing_seconds',
      help: 'Time to decode, process and encode one record',
      labelNames: ['processor'],
      buckets: [0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
      registers,
    });
    this.batchRecords = new Histogram({
      name: 'eshop_stream_batch_records',
      help: 'Records per committed transaction',
      labelNames: ['processor'],
      buckets: [1, 10, 50, 100, 250, 500, 1000, 5000],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'eshop_stream_consumer_lag',
      help: 'Records between the last processed offset and the partition high watermark',
      labelNames: ['processor', 'topic', 'partition'],
      registers,
    });
    this.transactionAborts = new Counter({
      name: 'eshop_stream_transaction_aborts_total',
      help: 'Kafka transactions aborted (their records are processed again)',
      labelNames: ['processor'],
      registers,
    });
    this.retries = new Counter({
      name: 'eshop_stream_retries_total',
      help: 'Retries after retriable errors',
      labelNames: ['processor'],
      registers,
    });
    this.tableRows = new Gauge({
      name: 'eshop_stream_table_rows',
      help: 'Rows held in a global table',
      labelNames: ['processor', 'table'],
      registers,
    });
    this.consumerLagSeconds = consumerLagSecondsGauge({
      name: 'eshop_stream_consumer_lag_seconds',
      help:
        'Time behind: age of the oldest record read and not yet committed; when behind with nothing ' +
        'read, now minus the timestamp of the last committed record; 0 when caught up. Record ' +
        'timestamps are event times.',
      component: 'processor',
      lags: this.timeLags,
      registers,
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'eshop_stream_' });
  }

  /** The time-lag bookkeeping of one processor, reported as eshop_stream_consumer_lag_seconds. */
  timeLag(processor: string): ConsumerTimeLag {
    let lag = this.timeLags.get(processor);
    if (!lag) this.timeLags.set(processor, (lag = new ConsumerTimeLag()));
    return lag;
  }

  /**
   * Sets every counter and histogram of `processor` to zero for its topics, so their series exist
   * (and rate() reads 0, not "no data") before the first record or failure.
   */
  initialise(processor: string, inputs: readonly string[], outputs: readonly string[]): void {
    for (const topic of inputs) this.recordsIn.inc({ processor, topic }, 0);
    for (const topic of outputs) this.recordsOut.inc({ processor, topic }, 0);
    this.transactionAborts.inc({ processor }, 0);
    this.retries.inc({ processor }, 0);
    this.processingSeconds.zero({ processor });
    this.batchRecords.zero({ processor });
  }
}

/**
 * A gauge of the time lag of every component (processor or sink) by topic and partition, worked
 * out at scrape time from each one's ConsumerTimeLag.
 */
export function consumerLagSecondsGauge<C extends string>(options: {
  name: string;
  help: string;
  /** The label naming the component: `processor`, `sink`. */
  component: C;
  lags: ReadonlyMap<string, ConsumerTimeLag>;
  registers: Registry[];
}): Gauge<C | 'topic' | 'partition'> {
  const { component, lags } = options;
  return new Gauge<string>({
    name: options.name,
    help: options.help,
    labelNames: [component, 'topic', 'partition'],
    registers: options.registers,
    collect() {
      this.reset();
      const now = Date.now();
      for (const [name, lag] of lags) {
        for (const { topic, partition, seconds } of lag.secondsBehind(now)) {
          this.set({ [component]: name, topic, partition: String(partition) }, seconds);
        }
      }
    },
  });
}

/**
 * How far behind a consumer is in time, per partition, worked out when asked (at scrape time) so
 * it keeps growing while the consumer is stuck:
 *
 * - the age of the oldest record read and not yet committed, when there is one;
 * - otherwise, if the consumer was behind the high watermark when it last read, now minus the
 *   timestamp of the last record committed (the next one is at least that old, give or take
 *   out-of-order event times);
 * - otherwise 0 (caught up).
 *
 * Record timestamps are what the producer set: event times on this platform. Ages are in seconds
 * and never negative (an event time ahead of this clock reads as 0).
 *
 * Records are tracked as segments: a segment starts at the first record read after the previous
 * segment was sealed, so the bookkeeping is O(1) per record. A stream processor commits what it
 * read; a sink seals what it hands to one write, while reading on into the next segment.
 *
 * @example
 * const lag = new ConsumerTimeLag();
 * lag.read('shop.items', 0, '10', Date.now() - 5_000);   // read offset 10, 5 s old, not committed
 * lag.secondsBehind(Date.now());                        // [{ topic: 'shop.items', partition: 0, seconds: 5 }]
 * lag.committed('shop.items', 0, '11', { timestamp: Date.now() - 5_000, recordsBehind: 0 });
 * lag.secondsBehind(Date.now());                        // [{ ..., seconds: 0 }]
 */
export class ConsumerTimeLag {
  private readonly partitions = new Map<string, PartitionLag>();

  /**
   * A record at `offset` with `timestamp` (epoch ms) was read and is not committed yet. With
   * `recordsBehind` (records after it up to the high watermark), it also becomes the position the
   * consumer is at when nothing is left uncommitted (sinks, which commit what they read).
   */
  read(topic: string, partition: number, offset: string, timestamp: number, recordsBehind?: number): void {
    const state = this.state(topic, partition);
    const open = state.segments.at(-1);
    if (!open || open.sealed) state.segments.push({ offset: BigInt(offset), timestamp, sealed: false });
    if (recordsBehind !== undefined) {
      state.lastTimestamp = timestamp;
      state.behind = recordsBehind > 0;
    }
  }

  /** What was read so far goes into one write: records read from now on start a new segment. */
  seal(): void {
    for (const state of this.partitions.values()) {
      const open = state.segments.at(-1);
      if (open) open.sealed = true;
    }
  }

  /**
   * Offsets of the partition below `nextOffset` are committed. A commit covers whole segments: all
   * a processor read, or all a sink read before it sealed the batch. `last` is the last committed
   * record and how many records followed it up to the high watermark (processors, which commit
   * chunks of what they fetched).
   */
  committed(
    topic: string,
    partition: number,
    nextOffset: string,
    last?: { timestamp: number; recordsBehind: number },
  ): void {
    const state = this.state(topic, partition);
    const next = BigInt(nextOffset);
    while (state.segments.length > 0 && state.segments[0]!.offset < next) state.segments.shift();
    if (last) {
      state.lastTimestamp = last.timestamp;
      state.behind = last.recordsBehind > 0;
    }
  }

  /** Forgets every uncommitted record (a rebalance: whoever owns the partition now reads them again). */
  dropUncommitted(): void {
    for (const state of this.partitions.values()) state.segments.length = 0;
  }

  /** Keeps only the partitions in `assignment` (topic → partitions), after a rebalance. */
  retain(assignment: Readonly<Record<string, readonly number[]>>): void {
    for (const [key, state] of this.partitions) {
      if (!assignment[state.topic]?.includes(state.partition)) this.partitions.delete(key);
    }
  }

  /** Seconds behind per partition seen (and still assigned), as of `now` (epoch ms). */
  secondsBehind(now: number): { topic: string; partition: number; seconds: number }[] {
    return [...this.partitions.values()].map((state) => {
      const since = state.segments[0]?.timestamp ?? (state.behind ? state.lastTimestamp : undefined);
      const seconds = since === undefined ? 0 : Math.max(0, (now - since) / 1000);
      return { topic: state.topic, partition: state.partition, seconds };
    });
  }

  private state(topic: string, partition: number): PartitionLag {
    const key = `${topic}\u0000${partition}`;
    let state = this.partitions.get(key);
    if (!state) {
      state = { topic, partition, segments: [], lastTimestamp: undefined, behind: false };
      this.partitions.set(key, state);
    }
    return state;
  }
}

interface PartitionLag {
  topic: string;
  partition: number;
  /** Runs of records read and not committed, oldest first; each remembers its first record. */
  segments: { offset: bigint; timestamp: number; sealed: boolean }[];
  lastTimestamp: number | undefined;
  behind: boolean;
}
