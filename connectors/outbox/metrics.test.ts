import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutboxMetrics } from './metrics.ts';

describe('OutboxMetrics', () => {
  it('reports the backlog and the oldest row from one status read per scrape', async () => {
    let reads = 0;
    const metrics = new OutboxMetrics(async () => {
      reads += 1;
      return { unpublished: 42, oldestAgeSeconds: 7.5 };
    });
    const text = await metrics.registry.metrics();
    assert.match(text, /^eshop_outbox_unpublished_rows 42$/m);
    assert.match(text, /^eshop_outbox_lag_seconds 7.5$/m);
    assert.equal(reads, 1);
  });

  it('reads 0 when nothing is unpublished, and keeps the last values when the read fails', async () => {
    let status: { unpublished: number; oldestAgeSeconds: number | null } | Error = {
      unpublished: 0,
      oldestAgeSeconds: null,
    };
    const metrics = new OutboxMetrics(async () => {
      if (status instanceof Error) throw status;
      return status;
    });
    assert.match(await metrics.registry.metrics(), /^eshop_outbox_lag_seconds 0$/m);
    status = { unpublished: 3, oldestAgeSeconds: 2 };
    await metrics.registry.metrics();
    status = new Error('connection refused');
    const text = await metrics.registry.metrics();
    assert.match(text, /^eshop_outbox_unpublished_rows 3$/m);
    assert.match(text, /^eshop_outbox_lag_seconds 2$/m);
  });

  it('initialises the published counter of each topic at zero', async () => {
    const metrics = new OutboxMetrics(async () => ({ unpublished: 0, oldestAgeSeconds: null }));
    metrics.initialise(['shop.items', 'shop.sellers']);
    const text = await metrics.registry.metrics();
    assert.match(text, /^eshop_outbox_published_total\{topic="shop.items"\} 0$/m);
    assert.match(text, /^eshop_outbox_published_total\{topic="shop.sellers"\} 0$/m);
  });
});
