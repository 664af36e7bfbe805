/**
 * The outbox relay's Prometheus metrics, in a registry of its own that the relay's process serves.
 * Names and labels are part of the platform's API (dashboards and alerts rely on them):
 *
 * | metric | type | labels |
 * | --- | --- | --- |
 * | eshop_outbox_published_total | counter (rows published to their topic) | topic (platform name) |
 * | eshop_outbox_dead_lettered_total | counter (rows sent to the dead-letter topic) | code |
 * | eshop_outbox_lag_seconds | gauge (age of the oldest unpublished row, read at scrape time) | |
 * | eshop_outbox_unpublished_rows | gauge (rows not yet published: the backlog, read at scrape time) | |
 * | eshop_outbox_batch_rows | histogram (rows per published batch) | |
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OutboxStatus } from './status.ts';

export class OutboxMetrics {
  readonly registry = new Registry();
  readonly published: Counter<'topic'>;
  readonly deadLettered: Counter<'code'>;
  readonly lagSeconds: Gauge;
  readonly unpublishedRows: Gauge;
  readonly batchRows: Histogram;

  /**
   * @param readStatus reads the outbox's backlog (one read serves both gauges of a scrape); a
   *   failure leaves the last values in place
   */
  constructor(readStatus: () => Promise<Pick<OutboxStatus, 'unpublished' | 'oldestAgeSeconds'>>) {
    const registers = [this.registry];
    // Both gauges are collected side by side on every scrape: share the read in progress.
    let reading: Promise<Pick<OutboxStatus, 'unpublished' | 'oldestAgeSeconds'>> | undefined;
    const status = () => (reading ??= readStatus().finally(() => (reading = undefined)));
    this.published = new Counter({
      name: 'eshop_outbox_published_total',
      help: 'Outbox rows published to their topic',
      labelNames: ['topic'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'eshop_outbox_dead_lettered_total',
      help: 'Outbox rows sent to the dead-letter topic, by error code',
      labelNames: ['code'],
      registers,
    });
    this.lagSeconds = new Gauge({
      name: 'eshop_outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none)',
      registers,
      async collect() {
        try {
          this.set(Math.max(0, (await status()).oldestAgeSeconds ?? 0));
        } catch {
          // The database is unreachable: the relay logs that; the scrape still answers.
        }
      },
    });
    this.unpublishedRows = new Gauge({
      name: 'eshop_outbox_unpublished_rows',
      help: 'Outbox rows not yet published to Kafka (the backlog; every relay reports the same table)',
      registers,
      async collect() {
        try {
          this.set((await status()).unpublished);
        } catch {
          // As above.
        }
      },
    });
    this.batchRows = new Histogram({
      name: 'eshop_outbox_batch_rows',
      help: 'Rows per published outbox batch',
      buckets: [1, 5, 10, 50, 100, 250, 500, 1000, 5000],
      registers,
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'eshop_outbox_' });
  }

  /** Sets the published counter of every topic to zero, so its series exist before the first row. */
  initialise(topics: readonly string[]): void {
    for (const topic of topics) this.published.inc({ topic }, 0);
  }
}
