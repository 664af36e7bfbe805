import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@clickhouse/client';
import { requireService, testConfig, uniqueName } from '../support/index.ts';

describe('ClickHouse (real server)', () => {
  const { url, database, username, password } = testConfig().clickhouse;
  const client = createClient({ url, database, username, password, request_timeout: 10_000 });
  const table = uniqueName('test_events').replace(/-/g, '_');

  before(() =>
    requireService('clickhouse', url, async () => {
      const ping = await client.ping();
      if (!ping.success) throw ping.error;
    }),
  );
  after(async () => {
    await client.command({ query: `DROP TABLE IF EXISTS ${table}` }).catch(() => undefined);
    await client.close();
  });

  it('inserts rows and aggregates them back', async () => {
    // Plain MergeTree DDL and JSONEachRow: accepted by 18.16 and by current releases alike.
    await client.command({
      query: `CREATE TABLE ${table} (event_date Date, event_time DateTime, item_id String, views UInt32)
              ENGINE = MergeTree PARTITION BY toYYYYMM(event_date) ORDER BY (item_id, event_time)`,
    });
    await client.insert({
      table,
      format: 'JSONEachRow',
      values: [
        { event_date: '2026-11-25', event_time: '2026-11-25 10:00:00', item_id: 'item-1', views: 2 },
        { event_date: '2026-11-25', event_time: '2026-11-25 10:05:00', item_id: 'item-1', views: 3 },
        { event_date: '2026-11-25', event_time: '2026-11-25 10:06:00', item_id: 'item-2', views: 1 },
      ],
    });
    const result = await client.query({
      query: `SELECT item_id, sum(views) AS views FROM ${table} GROUP BY item_id ORDER BY item_id`,
      format: 'JSONEachRow',
    });
    assert.deepEqual(await result.json(), [
      { item_id: 'item-1', views: '5' },
      { item_id: 'item-2', views: '1' },
    ]);
  });

  it('reports a server version', async () => {
    const result = await client.query({ query: 'SELECT version() AS version', format: 'JSONEachRow' });
    const [row] = await result.json<{ version: string }>();
    assert.match(row!.version, /^\d+\.\d+/);
  });
});
