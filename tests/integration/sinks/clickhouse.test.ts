/**
 * The ClickHouse sink against the real server: the shared contract suite, then what only this
 * store has - every named query's numbers for a hand-built batch, the same numbers after the batch
 * is written two and three times with merges stopped (users query before ClickHouse merges), the
 * latest item version winning in any order, idempotent DDL, and the error classification.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import { ErrorCodes, isPlatformError } from '../../../core/errors/index.ts';
import {
  analyticsQueries,
  ClickHouseAnalytics,
  createClickHouseSink,
  materialisedViews,
  rawTables,
} from '../../../connectors/sinks/clickhouse/index.ts';
import { qualifiedName, quoteString } from '../../../connectors/sinks/clickhouse/sql.ts';
import type { Sink, SinkRecord } from '../../../connectors/sinks/runtime/sink.ts';
import type { TopicDeclaration } from '../../../schemas/topics.ts';
import { testConfig, uniqueName } from '../../support/index.ts';
import { runSinkContract } from '../../support/sink-contract.ts';
import {
  clickHouseClient,
  enrichedActivity,
  enrichedItem,
  harness,
  itemId,
  scoredComment,
  storeSnapshot,
  WHOLE_RANGE,
} from './clickhouse.harness.ts';

runSinkContract(harness, import.meta.resolve('./clickhouse.harness.ts'));

const topic = (schema: TopicDeclaration['schema']): TopicDeclaration => ({
  name: uniqueName(`test.clickhouse.${schema}`),
  schema,
  partitions: 1,
  cleanupPolicy: 'delete',
  doc: 'test topic (written to the sink directly)',
});
const topics = {
  activity: topic('enriched-activity'),
  items: topic('enriched-item'),
  comments: topic('scored-comment'),
};

let offset = 0;
function record(input: TopicDeclaration, key: string, value: unknown): SinkRecord {
  offset += 1;
  return {
    topic: input.name,
    partition: 0,
    offset: String(offset),
    key,
    value,
    timestamp: 0,
    headers: {},
    sizeBytes: 100,
  };
}

const at = (hour: number, minute: number, second = 0) => Date.UTC(2026, 10, 25, hour, minute, second);
const nextDay = (hour: number) => Date.UTC(2026, 10, 26, hour, 0);

/** The hand-built batch whose every query result is worked out below. */
function handBatch(): SinkRecord[] {
  const a = (id: string, session: string, time: number, action: Parameters<typeof enrichedActivity>[3]) =>
    record(topics.activity, session, enrichedActivity(id, session, time, action));
  const i = (value: ReturnType<typeof enrichedItem>) => record(topics.items, value.item.id, value);
  const c = (value: ReturnType<typeof scoredComment>) => record(topics.comments, value.comment.id, value);
  return [
    a('e01', 's1', at(10, 0, 10), { type: 'PAGE_VIEW', item: 1 }),
    a('e02', 's1', at(10, 0, 50), { type: 'PAGE_VIEW', item: 1 }),
    a('e03', 's2', at(10, 0, 30), { type: 'PAGE_VIEW', item: 1 }),
    a('e04', 's2', at(10, 1), { type: 'PAGE_VIEW', item: 1 }),
    a('e05', 's2', at(10, 1, 5), { type: 'PAGE_VIEW', item: 2 }),
    a('e06', 's3', at(11, 15), { type: 'PAGE_VIEW', item: 1 }),
    a('e07', 's1', at(10, 2), { type: 'SEARCH', query: 'phone', results: 3, searchId: 'q1' }),
    a('e08', 's2', at(10, 3), { type: 'SEARCH', query: 'phone', results: 2, searchId: 'q2' }),
    a('e09', 's3', at(10, 4), { type: 'SEARCH', query: 'zzz', results: 0, searchId: 'q3' }),
    a('e10', 's1', at(10, 5), { type: 'CLICK', item: 1, searchId: 'q1', position: 1 }),
    a('e11', 's1', at(10, 6), { type: 'ADD_TO_CART', item: 1, quantity: 1 }),
    a('e12', 's1', at(10, 7), { type: 'PURCHASE', item: 1, quantity: 1, orderId: 'o1' }),
    a('e13', 's2', at(10, 8), { type: 'CLICK', item: 2, searchId: 'q2', position: 2 }),
    a('e14', 's2', at(10, 9), { type: 'SEARCH', query: 'Phone', results: 0, searchId: 'q4' }),
    // Item versions out of order: the seller re-emission of v2, then v1, then v2 as first enriched.
    i(enrichedItem(1, 2, { sellerVersion: 2, sellerName: 'Gadget House Pro' })),
    i(enrichedItem(1, 1)),
    i(enrichedItem(1, 2)),
    i(enrichedItem(2, 1)),
    i(enrichedItem(2, 2, { deleted: true })),
    i(enrichedItem(3, 1, { sellerVersion: null })),
    i(enrichedItem(3, 1)),
    c(scoredComment('c1', 1, 1, 'POSITIVE', at(10, 0))),
    c(scoredComment('c2', 1, 1, 'NEGATIVE', at(11, 0))),
    c(scoredComment('c2', 1, 2, 'NEUTRAL', at(12, 0))),
    c(scoredComment('c3', 1, 1, 'NEGATIVE', nextDay(9))),
    c(scoredComment('c4', 2, 1, 'POSITIVE', at(10, 0))),
    c(scoredComment('c4', 2, 2, 'POSITIVE', at(13, 0), { deleted: true })),
  ];
}

const expected = {
  viewsPerItemPerMinute: [
    { itemId: itemId(1), minute: '2026-11-25T10:00:00Z', views: 3 },
    { itemId: itemId(1), minute: '2026-11-25T10:01:00Z', views: 1 },
    { itemId: itemId(1), minute: '2026-11-25T11:15:00Z', views: 1 },
    { itemId: itemId(2), minute: '2026-11-25T10:01:00Z', views: 1 },
  ],
  uniqueVisitorsPerItemPerHour: [
    { itemId: itemId(1), hour: '2026-11-25T10:00:00Z', visitors: 2 },
    { itemId: itemId(1), hour: '2026-11-25T11:00:00Z', visitors: 1 },
    { itemId: itemId(2), hour: '2026-11-25T10:00:00Z', visitors: 1 },
  ],
  topSearchTerms: [
    { query: 'phone', searches: 3, zeroResultSearches: 1 },
    { query: 'zzz', searches: 1, zeroResultSearches: 1 },
  ],
  zeroResultSearchTerms: [
    { query: 'phone', searches: 3, zeroResultSearches: 1 },
    { query: 'zzz', searches: 1, zeroResultSearches: 1 },
  ],
  searchClickThrough: [
    { query: 'phone', searches: 3, searchesWithClick: 2 },
    { query: 'zzz', searches: 1, searchesWithClick: 0 },
  ],
  funnelConversion: [{ sessions: 3, viewed: 3, clicked: 2, addedToCart: 1, purchased: 1 }],
  sessionFunnels: [
    {
      sessionId: 's1',
      firstSeen: '2026-11-25T10:00:10Z',
      lastSeen: '2026-11-25T10:07:00Z',
      searched: true,
      viewed: true,
      clicked: true,
      addedToCart: true,
      purchased: true,
    },
    {
      sessionId: 's2',
      firstSeen: '2026-11-25T10:00:30Z',
      lastSeen: '2026-11-25T10:09:00Z',
      searched: true,
      viewed: true,
      clicked: true,
      addedToCart: false,
      purchased: false,
    },
    {
      sessionId: 's3',
      firstSeen: '2026-11-25T10:04:00Z',
      lastSeen: '2026-11-25T11:15:00Z',
      searched: true,
      viewed: true,
      clicked: false,
      addedToCart: false,
      purchased: false,
    },
  ],
  sentimentPerItemPerDay: [
    // c2 was edited the same day: it counts once, as its last version (neutral). c4 was deleted.
    {
      itemId: itemId(1),
      day: '2026-11-25',
      comments: 2,
      positive: 1,
      neutral: 1,
      negative: 0,
      averageScore: (0.75 + 0.125) / 2,
      averageRating: 4,
    },
    {
      itemId: itemId(1),
      day: '2026-11-26',
      comments: 1,
      positive: 0,
      neutral: 0,
      negative: 1,
      averageScore: -0.5,
      averageRating: 1,
    },
  ],
};

async function allQueries(client: ClickHouseClient, database: string): Promise<Record<string, unknown[]>> {
  const analytics = new ClickHouseAnalytics(client, database);
  const results: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(analyticsQueries)) {
    results[name] = await analytics.run(query as never, WHOLE_RANGE as never);
  }
  return results;
}

async function physicalRows(client: ClickHouseClient, database: string, table: string): Promise<number> {
  const result = await client.query({
    query: `SELECT count() AS n FROM ${qualifiedName(database, table)}`,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string }>();
  return Number(row!.n);
}

/** Every table of the schema (raw and the views' targets). */
const allTables = [...rawTables.map((t) => t.name), ...materialisedViews.map((v) => v.target.name)];

describe('ClickHouse sink (real server)', () => {
  const database = uniqueName('chsink').replace(/-/g, '_');
  const config = testConfig();
  let client: ClickHouseClient;
  let sink: Sink;

  before(async () => {
    await harness.requireStore();
    client = clickHouseClient();
    sink = createClickHouseSink(config, { database, topics });
    await sink.init!();
  });

  after(async () => {
    await sink?.close?.();
    await client?.command({ query: `DROP DATABASE IF EXISTS \`${database}\`` }).catch(() => undefined);
    await client?.close();
  });

  it('answers every named query with the numbers worked out by hand', async () => {
    const outcome = await sink.write(handBatch());
    assert.deepEqual(outcome.rejected, []);
    const results = await allQueries(client, database);
    for (const [name, rows] of Object.entries(expected)) assert.deepEqual(results[name], rows, name);
  });

  it('gives the latest item version, whatever the order: a seller re-emission wins, deletes drop out', async () => {
    const analytics = new ClickHouseAnalytics(client, database);
    const latest = await analytics.run(analyticsQueries.latestItems, {});
    assert.deepEqual(
      latest.map((i) => [i.itemId, i.itemVersion, i.sellerVersion, i.sellerName, i.title]),
      [
        [itemId(1), 2, 2, 'Gadget House Pro', 'Item 1 v2'],
        [itemId(3), 1, 1, 'Gadget House', 'Item 3 v1'],
      ],
    );
    assert.deepEqual(await analytics.run(analyticsQueries.latestItems, { itemIds: [itemId(3)] }), [
      latest[1],
    ]);
  });

  it('gives the same answers after the batch is written twice and three times, before any merge', async () => {
    const once = await storeSnapshot(client, database);
    for (const table of allTables) {
      await client.command({ query: `SYSTEM STOP MERGES ${qualifiedName(database, table)}` });
    }
    try {
      const rowsOnce = await physicalRows(client, database, 'activity');
      for (const copies of [2, 3]) {
        await sink.write(handBatch());
        // The copies are really there, unmerged: the queries must see through them.
        assert.equal(await physicalRows(client, database, 'activity'), rowsOnce * copies);
        assert.deepEqual(await storeSnapshot(client, database), once, `after ${copies} writes`);
      }
    } finally {
      for (const table of allTables) {
        await client.command({ query: `SYSTEM START MERGES ${qualifiedName(database, table)}` });
      }
    }
    // And once merged, still the same.
    for (const table of allTables) {
      await client.command({ query: `OPTIMIZE TABLE ${qualifiedName(database, table)} FINAL` });
    }
    assert.equal(await physicalRows(client, database, 'activity'), once.tables.activity.length);
    assert.deepEqual(await storeSnapshot(client, database), once, 'after OPTIMIZE FINAL');
  });

  it('runs its DDL again without change, and gives back a column a raw table lost', async () => {
    const before = await storeSnapshot(client, database);
    await client.command({
      query: `ALTER TABLE ${qualifiedName(database, 'activity')} DROP COLUMN user_agent`,
    });
    await sink.init!();
    await sink.init!();
    const columns = await client.query({
      query: `SELECT name FROM system.columns WHERE database = ${quoteString(database)} AND table = 'activity'`,
      format: 'JSONEachRow',
    });
    assert.ok((await columns.json<{ name: string }>()).some((c) => c.name === 'user_agent'));
    // The dropped column's values are gone ('' now); every other value and every query is unchanged.
    const after = await storeSnapshot(client, database);
    assert.deepEqual(after.queries, before.queries);
    assert.deepEqual(after.tables.items, before.tables.items);
  });

  it('rejects the record ClickHouse would store wrongly and writes the rest', async () => {
    const bad = enrichedActivity('e-bad', 's9', Date.UTC(2200, 0, 1), { type: 'PAGE_VIEW', item: 9 });
    const good = enrichedActivity('e-good', 's9', at(15, 0), { type: 'PAGE_VIEW', item: 9 });
    const badRecord = record(topics.activity, 's9', bad);
    const stranger = record(topic('enriched-activity'), 's9', good);
    const outcome = await sink.write([badRecord, record(topics.activity, 's9', good), stranger]);
    assert.deepEqual(
      outcome.rejected.map((r) => [r.record, r.code]),
      [
        [badRecord, ErrorCodes.VALIDATION_FAILED],
        [stranger, ErrorCodes.VALIDATION_FAILED],
      ],
    );
    assert.match(outcome.rejected[0]!.reason, /activity\.occurredAt must be a time from 1970 to 2106/);
    const views = await new ClickHouseAnalytics(client, database).run(
      analyticsQueries.viewsPerItemPerMinute,
      {
        ...WHOLE_RANGE,
        itemIds: [itemId(9)],
      },
    );
    assert.deepEqual(views, [{ itemId: itemId(9), minute: '2026-11-25T15:00:00Z', views: 1 }]);
  });

  it('recreates a table dropped under it: the failed write is retriable, the next one succeeds', async () => {
    await client.command({ query: `DROP TABLE ${qualifiedName(database, 'comments')}` });
    const batch = [record(topics.comments, 'c9', scoredComment('c9', 9, 1, 'POSITIVE', at(16, 0)))];
    await assert.rejects(sink.write(batch), (error: unknown) => {
      assert.ok(isPlatformError(error, ErrorCodes.SERVICE_UNAVAILABLE));
      assert.equal(error.retriable, true);
      assert.equal(error.details.failure, 'schema-mismatch');
      return true;
    });
    assert.deepEqual((await sink.write(batch)).rejected, []);
    assert.equal(await physicalRows(client, database, 'comments'), 1);
    // The view over the recreated table fires again.
    const sentiment = await new ClickHouseAnalytics(client, database).run(
      analyticsQueries.sentimentPerItemPerDay,
      {
        ...WHOLE_RANGE,
        itemIds: [itemId(9)],
      },
    );
    assert.equal(sentiment.length, 1);
  });

  it('reads literals back exactly as the queries write them', async () => {
    const tricky = "it's a \\ back'slash\n\ttab \u0001 Айфон 😀 `tick`";
    const result = await client.query({ query: `SELECT ${quoteString(tricky)} AS s`, format: 'JSONEachRow' });
    assert.deepEqual(await result.json(), [{ s: tricky }]);
  });

  it('reports an unreachable server as retriable SERVICE_UNAVAILABLE', async () => {
    const unreachable = createClickHouseSink(
      { clickhouse: { ...config.clickhouse, url: 'http://127.0.0.1:1' } },
      { database, topics, requestTimeoutMs: 2_000 },
    );
    try {
      await assert.rejects(unreachable.write(handBatch()), (error: unknown) => {
        assert.ok(isPlatformError(error, ErrorCodes.SERVICE_UNAVAILABLE));
        assert.equal(error.retriable, true);
        return true;
      });
    } finally {
      await unreachable.close?.();
    }
  });
});
