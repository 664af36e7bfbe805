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
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
    collectDefaultMetrics({ register: this.registry, prefix: 'eshop_sink_' });
  }
}
