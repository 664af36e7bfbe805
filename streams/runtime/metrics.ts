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
    collectDefaultMetrics({ register: this.registry, prefix: 'eshop_stream_' });
  }
}
