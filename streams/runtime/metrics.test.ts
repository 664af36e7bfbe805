import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConsumerTimeLag, StreamMetrics } from './metrics.ts';

const T = Date.UTC(2026, 10, 25, 12, 0, 0);
const seconds = (lag: ConsumerTimeLag, now: number) =>
  Object.fromEntries(lag.secondsBehind(now).map((p) => [`${p.topic}/${p.partition}`, p.seconds]));

describe('ConsumerTimeLag', () => {
  it('is the age of the oldest record read and not committed, growing while nothing commits', () => {
    const lag = new ConsumerTimeLag();
    lag.read('a', 0, '10', T - 5_000);
    assert.deepEqual(seconds(lag, T), { 'a/0': 5 });
    assert.deepEqual(seconds(lag, T + 60_000), { 'a/0': 65 });
  });

  it('is 0 once everything read is committed and the consumer is at the end', () => {
    const lag = new ConsumerTimeLag();
    lag.read('a', 0, '10', T - 5_000);
    lag.committed('a', 0, '11', { timestamp: T - 5_000, recordsBehind: 0 });
    assert.deepEqual(seconds(lag, T + 60_000), { 'a/0': 0 });
  });

  it('falls back to the last committed record when behind with nothing read', () => {
    const lag = new ConsumerTimeLag();
    lag.read('a', 0, '10', T - 5_000);
    lag.committed('a', 0, '11', { timestamp: T - 4_000, recordsBehind: 30 });
    assert.deepEqual(seconds(lag, T), { 'a/0': 4 });
  });

  it('keeps the segment read after a sink sealed its batch, and drops the committed one', () => {
    const lag = new ConsumerTimeLag();
    lag.read('a', 0, '1', T - 9_000, 5);
    lag.read('a', 0, '2', T - 8_000, 4);
    lag.seal(); // the batch [1, 2] is being written
    lag.read('a', 0, '3', T - 3_000, 3); // read meanwhile: a new segment
    assert.deepEqual(seconds(lag, T), { 'a/0': 9 });
    lag.committed('a', 0, '3');
    assert.deepEqual(seconds(lag, T), { 'a/0': 3 });
    lag.seal();
    lag.committed('a', 0, '4');
    // Nothing uncommitted, 3 records behind at the last read: its timestamp.
    assert.deepEqual(seconds(lag, T), { 'a/0': 3 });
  });

  it('tracks partitions apart, forgets revoked ones and dropped records', () => {
    const lag = new ConsumerTimeLag();
    lag.read('a', 0, '1', T - 2_000);
    lag.read('a', 1, '1', T - 7_000);
    lag.read('b', 0, '1', T - 1_000);
    lag.retain({ a: [0, 1] });
    assert.deepEqual(seconds(lag, T), { 'a/0': 2, 'a/1': 7 });
    lag.dropUncommitted();
    assert.deepEqual(seconds(lag, T), { 'a/0': 0, 'a/1': 0 });
  });

  it('never reads negative when an event time is ahead of the clock', () => {
    const lag = new ConsumerTimeLag();
    lag.read('a', 0, '1', T + 10_000);
    assert.deepEqual(seconds(lag, T), { 'a/0': 0 });
  });
});

describe('StreamMetrics', () => {
  it('reports the time lag per processor and partition at scrape time', async () => {
    const metrics = new StreamMetrics();
    metrics.timeLag('normalise-items').read('shop.items', 2, '7', Date.now() - 60_000);
    const text = await metrics.registry.getSingleMetricAsString('eshop_stream_consumer_lag_seconds');
    const value =
      /eshop_stream_consumer_lag_seconds\{processor="normalise-items",topic="shop.items",partition="2"\} ([\d.]+)/.exec(
        text,
      );
    assert.ok(value, text);
    assert.ok(Number(value[1]) >= 60 && Number(value[1]) < 120, value[1]);
  });

  it('initialises counters and histograms at zero, so rate() has series before any record', async () => {
    const metrics = new StreamMetrics();
    metrics.initialise('score-comments', ['shop.comments'], ['shop.comments.scored']);
    const text = await metrics.registry.metrics();
    for (const series of [
      'eshop_stream_records_in_total{processor="score-comments",topic="shop.comments"} 0',
      'eshop_stream_records_out_total{processor="score-comments",topic="shop.comments.scored"} 0',
      'eshop_stream_retries_total{processor="score-comments"} 0',
      'eshop_stream_transaction_aborts_total{processor="score-comments"} 0',
      'eshop_stream_processing_seconds_count{processor="score-comments"} 0',
      'eshop_stream_batch_records_count{processor="score-comments"} 0',
    ]) {
      assert.ok(text.includes(series), series);
    }
  });
});
