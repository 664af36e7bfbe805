/**
 * The sink runtime's Prometheus metrics. Names and labels are part of the platform's API: every sink
 * gets the same series, distinguished by the `sink` label.
 *
 * | metric | type | labels |
 * | --- | --- | --- |
 * | eshop_sink_records_written_total | counter | sink, topic |
 * | eshop_sink_dead_lettered_total | counter | sink, code |
 * | eshop_sink_batch_records | histogram (records per write) | sink |
 * | eshop_sink_batch_bytes | histogram (bytes per write) | sink |
 * | eshop_sink_write_seconds | histogram (one write, retries excluded) | sink |
 * | eshop_sink_retries_total | counter | sink |
 * | eshop_sink_commit_failures_total | counter (commits lost to a rebalance; redelivery is idempotent) | sink |
 * | eshop_sink_consumer_lag | gauge (records behind the high watermark) | sink, topic, partition |
 * | eshop_sink_buffered_records | gauge | sink |
 * | eshop_sink_consumer_lag_seconds | gauge (time behind, read at scrape time: see ConsumerTimeLag) | sink, topic, partition |
 * | eshop_sink_end_to_end_seconds | histogram (record timestamp to durable write; timestamps are event times) | sink |
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ConsumerTimeLag, consumerLagSecondsGauge } from '../../../streams/runtime/metrics.ts';

export class SinkMetrics {
  readonly registry = new Registry();
  readonly recordsWritten: Counter<'sink' | 'topic'>;
  readonly deadLettered: Counter<'sink' | 'code'>;
  readonly batchRecords: Histogram<'sink'>;
  readonly batchBytes: Histogram<'sink'>;
  readonly writeSeconds: Histogram<'sink'>;
  readonly retries: Counter<'sink'>;
  readonly commitFailures: Counter<'sink'>;
  readonly consumerLag: Gauge<'sink' | 'topic' | 'partition'>;
  readonly buffered: Gauge<'sink'>;
  readonly consumerLagSeconds: Gauge<'sink' | 'topic' | 'partition'>;
  readonly endToEndSeconds: Histogram<'sink'>;
  private readonly timeLags = new Map<string, ConsumerTimeLag>();

  constructor() {
    const registers = [this.registry];
    this.recordsWritten = new Counter({
      name: 'eshop_sink_records_written_total',
      help: 'Records written to the store',
      labelNames: ['sink', 'topic'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'eshop_sink_dead_lettered_total',
      help: 'Records sent to the dead-letter topic, by error code',
      labelNames: ['sink', 'code'],
      registers,
    });
    this.batchRecords = new Histogram({
      name: 'eshop_sink_batch_records',
      help: 'Records per write',
      labelNames: ['sink'],
      buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000, 50000],
      registers,
    });
    this.batchBytes = new Histogram({
      name: 'eshop_sink_batch_bytes',
      help: 'Bytes (Kafka values) per write',
      labelNames: ['sink'],
      buckets: [1e3, 1e4, 1e5, 1e6, 4e6, 16e6, 64e6],
      registers,
    });
    this.writeSeconds = new Histogram({
      name: 'eshop_sink_write_seconds',
      help: 'Duration of one successful write to the store',
      labelNames: ['sink'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.retries = new Counter({
      name: 'eshop_sink_retries_total',
      help: 'Batch writes retried after a transient error',
      labelNames: ['sink'],
      registers,
    });
    this.commitFailures = new Counter({
      name: 'eshop_sink_commit_failures_total',
      help: 'Offset commits that failed (the batch is redelivered and rewritten idempotently)',
      labelNames: ['sink'],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'eshop_sink_consumer_lag',
      help: 'Records between the last one buffered and the high watermark',
      labelNames: ['sink', 'topic', 'partition'],
      registers,
    });
    this.buffered = new Gauge({
      name: 'eshop_sink_buffered_records',
      help: 'Records consumed and not yet written',
      labelNames: ['sink'],
      registers,
    });
    this.consumerLagSeconds = consumerLagSecondsGauge({
      name: 'eshop_sink_consumer_lag_seconds',
      help:
        'Time behind: age of the oldest record consumed and not yet written and committed; when ' +
        'behind with nothing buffered, now minus the timestamp of the last record consumed; 0 when ' +
        'caught up. Record timestamps are event times.',
      component: 'sink',
      lags: this.timeLags,
      registers,
    });
    this.endToEndSeconds = new Histogram({
      name: 'eshop_sink_end_to_end_seconds',
      help:
        "Event time to store: now minus the record's Kafka timestamp when its write is durable. The " +
        'platform sets record timestamps to event times, so this spans the whole pipeline',
      labelNames: ['sink'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'eshop_sink_' });
  }

  /** The time-lag bookkeeping of one sink, reported as eshop_sink_consumer_lag_seconds. */
  timeLag(sink: string): ConsumerTimeLag {
    let lag = this.timeLags.get(sink);
    if (!lag) this.timeLags.set(sink, (lag = new ConsumerTimeLag()));
    return lag;
  }

  /**
   * Sets every counter and histogram of `sink` to zero for its input topics, so their series exist
   * (and rate() reads 0, not "no data") before the first write or failure.
   */
  initialise(sink: string, inputs: readonly string[]): void {
    for (const topic of inputs) this.recordsWritten.inc({ sink, topic }, 0);
    this.retries.inc({ sink }, 0);
    this.commitFailures.inc({ sink }, 0);
    this.batchRecords.zero({ sink });
    this.batchBytes.zero({ sink });
    this.writeSeconds.zero({ sink });
    this.endToEndSeconds.zero({ sink });
  }
}
