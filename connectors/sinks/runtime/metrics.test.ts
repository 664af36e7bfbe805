import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SinkMetrics } from './metrics.ts';

describe('SinkMetrics', () => {
  it('initialises counters and histograms at zero, so rate() has series before the first write', async () => {
    const metrics = new SinkMetrics();
    metrics.initialise('redis-sink', ['shop.items.enriched']);
    const text = await metrics.registry.metrics();
    for (const series of [
      'eshop_sink_records_written_total{sink="redis-sink",topic="shop.items.enriched"} 0',
      'eshop_sink_retries_total{sink="redis-sink"} 0',
      'eshop_sink_commit_failures_total{sink="redis-sink"} 0',
      'eshop_sink_write_seconds_count{sink="redis-sink"} 0',
      'eshop_sink_batch_records_count{sink="redis-sink"} 0',
      'eshop_sink_batch_bytes_count{sink="redis-sink"} 0',
      'eshop_sink_end_to_end_seconds_count{sink="redis-sink"} 0',
    ]) {
      assert.ok(text.includes(series), series);
    }
  });

  it('reports the time lag per sink and partition at scrape time', async () => {
    const metrics = new SinkMetrics();
    const lag = metrics.timeLag('search-sink');
    lag.read('shop.items.enriched', 1, '5', Date.now() - 30_000, 0);
    lag.seal();
    lag.committed('shop.items.enriched', 1, '6');
    lag.read('shop.items.enriched', 0, '9', Date.now() - 90_000, 3);
    const text = await metrics.registry.getSingleMetricAsString('eshop_sink_consumer_lag_seconds');
    assert.match(text, /\{sink="search-sink",topic="shop.items.enriched",partition="1"\} 0$/m);
    const behind = /\{sink="search-sink",topic="shop.items.enriched",partition="0"\} ([\d.]+)$/m.exec(text);
    assert.ok(behind && Number(behind[1]) >= 90, text);
  });
});
