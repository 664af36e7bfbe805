/**
 * The staff analytics endpoints against the real ClickHouse: a private database made by the
 * ClickHouse sink's own schema, rows written through the sink's write() (a hand-built shop morning
 * whose every figure is worked out below), and the API reading it with the named queries. Then the
 * auth cases of every endpoint, every validation error - an injection attempt in each kind of
 * parameter among them, which must be a 400 and leave the store as it was - a database that does
 * not exist yet (empty answers) and an unreachable ClickHouse (503).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouseSink } from '../../../connectors/sinks/clickhouse/index.ts';
import { qualifiedName, quoteIdentifier } from '../../../connectors/sinks/clickhouse/sql.ts';
import type { Sink, SinkRecord } from '../../../connectors/sinks/runtime/sink.ts';
import { topics } from '../../../schemas/topics.ts';
import type { EnrichedActivity, ScoredComment, SentimentLabel } from '../../../schemas/types.generated.ts';
import { requireService, testConfig, uniqueName } from '../../support/index.ts';
import {
  assertProblem,
  createTestUser,
  expiredToken,
  startTestApi,
  type TestApi,
  type TestUser,
} from '../../support/api.ts';
import { clickHouseClient } from '../sinks/clickhouse.harness.ts';

// Two items whose ids sort A before B, so the expected rows are in the queries' item order.
const itemA = `0a${randomUUID().slice(2)}`;
const itemB = `fb${randomUUID().slice(2)}`;
const at = (hour: number, minute: number, second = 0) => Date.UTC(2026, 10, 25, hour, minute, second);
const nextDay = (hour: number) => Date.UTC(2026, 10, 26, hour, 0);
/** Holds every fixture: 2026-11-25 00:00 to 2026-11-27 00:00 UTC. */
const range = 'from=2026-11-25T00:00:00Z&to=2026-11-27T00:00:00Z';
const ids = { q1: randomUUID(), q2: randomUUID(), q3: randomUUID(), q4: randomUUID(), order: randomUUID() };

type Action =
  | { type: 'PAGE_VIEW'; item: string }
  | { type: 'SEARCH'; query: string; results: number; searchId: string }
  | { type: 'CLICK'; item: string; searchId: string }
  | { type: 'ADD_TO_CART'; item: string }
  | { type: 'PURCHASE'; item: string };

let offset = 0;
function record(topic: string, key: string, value: unknown): SinkRecord {
  offset += 1;
  return {
    topic,
    partition: 0,
    offset: String(offset),
    key,
    value,
    timestamp: 0,
    headers: {},
    sizeBytes: 100,
  };
}

function activity(session: string, time: number, action: Action): SinkRecord {
  const value: EnrichedActivity = {
    activity: {
      eventId: randomUUID(),
      type: action.type,
      sessionId: session,
      userId: null,
      occurredAt: time,
      userAgent: 'Mozilla/5.0',
      referrer: null,
      itemId: 'item' in action ? action.item : null,
      page: action.type === 'PAGE_VIEW' ? `/items/${action.item}` : null,
      search:
        action.type === 'SEARCH'
          ? { searchId: action.searchId, query: action.query, resultCount: action.results }
          : null,
      click: action.type === 'CLICK' ? { searchId: action.searchId, position: 1 } : null,
      cart: action.type === 'ADD_TO_CART' ? { quantity: 1 } : null,
      purchase:
        action.type === 'PURCHASE'
          ? { orderId: ids.order, quantity: 1, total: { amountMinor: 79999, currency: 'RUB' } }
          : null,
    },
    item: null,
    normalisedQuery: action.type === 'SEARCH' ? action.query.toLowerCase() : null,
  };
  return record(topics.activityEnriched.name, session, value);
}

function review(
  id: string,
  item: string,
  version: number,
  label: SentimentLabel,
  time: number,
  deleted = false,
) {
  const score = label === 'POSITIVE' ? 0.75 : label === 'NEGATIVE' ? -0.5 : 0.125;
  const value: ScoredComment = {
    comment: {
      id,
      itemId: item,
      authorId: randomUUID(),
      text: `${label} ${id}`,
      rating: label === 'POSITIVE' ? 5 : label === 'NEGATIVE' ? 1 : 3,
    },
    deleted,
    version,
    sentiment: { language: 'EN', score, label, confidence: 0.9, modelVersion: 'test' },
    occurredAt: time,
    sourceEventId: randomUUID(),
  };
  return record(topics.commentsScored.name, id, value);
}

/** A shop morning: three sessions that view, search, click and buy; four reviews with an edit and a delete. */
function shopMorning(): SinkRecord[] {
  const [c1, c2, c3, c4] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  return [
    activity('s1', at(10, 0, 10), { type: 'PAGE_VIEW', item: itemA }),
    activity('s1', at(10, 0, 50), { type: 'PAGE_VIEW', item: itemA }),
    activity('s2', at(10, 0, 30), { type: 'PAGE_VIEW', item: itemA }),
    activity('s2', at(10, 1), { type: 'PAGE_VIEW', item: itemA }),
    activity('s2', at(10, 1, 5), { type: 'PAGE_VIEW', item: itemB }),
    activity('s3', at(11, 15), { type: 'PAGE_VIEW', item: itemA }),
    activity('s1', at(10, 2), { type: 'SEARCH', query: 'phone', results: 3, searchId: ids.q1 }),
    activity('s2', at(10, 3), { type: 'SEARCH', query: 'phone', results: 2, searchId: ids.q2 }),
    activity('s3', at(10, 4), { type: 'SEARCH', query: 'zzz', results: 0, searchId: ids.q3 }),
    activity('s1', at(10, 5), { type: 'CLICK', item: itemA, searchId: ids.q1 }),
    activity('s1', at(10, 6), { type: 'ADD_TO_CART', item: itemA }),
    activity('s1', at(10, 7), { type: 'PURCHASE', item: itemA }),
    activity('s2', at(10, 8), { type: 'CLICK', item: itemB, searchId: ids.q2 }),
    activity('s2', at(10, 9), { type: 'SEARCH', query: 'Phone', results: 0, searchId: ids.q4 }),
    review(c1, itemA, 1, 'POSITIVE', at(10, 0)),
    review(c2, itemA, 1, 'NEGATIVE', at(11, 0)),
    review(c2, itemA, 2, 'NEUTRAL', at(12, 0)),
    review(c3, itemA, 1, 'NEGATIVE', nextDay(9)),
    review(c4, itemB, 1, 'POSITIVE', at(10, 0)),
    review(c4, itemB, 2, 'POSITIVE', at(13, 0), true),
  ];
}

const paths = [
  `/v1/analytics/items/views?${range}&itemId=${itemA}`,
  `/v1/analytics/searches/top?${range}`,
  `/v1/analytics/searches/zero-results?${range}`,
  `/v1/analytics/searches/click-through?${range}`,
  `/v1/analytics/funnel?${range}`,
  `/v1/analytics/items/sentiment?${range}&itemId=${itemA}`,
];

describe('GET /v1/analytics/* (real ClickHouse)', () => {
  const database = uniqueName('apianalytics').replace(/-/g, '_');
  let client: ClickHouseClient;
  let sink: Sink;
  let api: TestApi;
  let admin: TestUser;

  const get = (path: string, token = admin.token) => api.request('GET', path, { token });

  before(async () => {
    const config = testConfig();
    client = clickHouseClient();
    await requireService('clickhouse', config.clickhouse.url, async () => {
      const ping = await client.ping();
      if (!ping.success) throw ping.error;
    });
    sink = createClickHouseSink(config, { database, client });
    await sink.init!();
    assert.deepEqual((await sink.write(shopMorning())).rejected, []);
    api = await startTestApi({ CLICKHOUSE_DATABASE: database });
    admin = await createTestUser(api, 'admin');
  });

  after(async () => {
    await api?.stop();
    await sink?.close?.();
    await client
      ?.command({ query: `DROP DATABASE IF EXISTS ${quoteIdentifier(database)}` })
      .catch(() => undefined);
    await client?.close();
  });

  it('views per item per minute and visitors per item per hour, for the items asked', async () => {
    const both = await get(`/v1/analytics/items/views?${range}&itemId=${itemA}&itemId=${itemB}`);
    assert.equal(both.status, 200, JSON.stringify(both.body));
    assert.deepEqual(both.body, {
      from: '2026-11-25T00:00:00.000Z',
      to: '2026-11-27T00:00:00.000Z',
      views: [
        { itemId: itemA, minute: '2026-11-25T10:00:00Z', views: 3 },
        { itemId: itemA, minute: '2026-11-25T10:01:00Z', views: 1 },
        { itemId: itemA, minute: '2026-11-25T11:15:00Z', views: 1 },
        { itemId: itemB, minute: '2026-11-25T10:01:00Z', views: 1 },
      ],
      visitors: [
        { itemId: itemA, hour: '2026-11-25T10:00:00Z', visitors: 2 },
        { itemId: itemA, hour: '2026-11-25T11:00:00Z', visitors: 1 },
        { itemId: itemB, hour: '2026-11-25T10:00:00Z', visitors: 1 },
      ],
    });
    // A comma list names items too; only the items asked come back; the range is half-open.
    const commaList = await get(`/v1/analytics/items/views?${range}&itemId=${itemB},${itemB}`);
    assert.deepEqual(commaList.body.views, [{ itemId: itemB, minute: '2026-11-25T10:01:00Z', views: 1 }]);
    const morning = await get(
      `/v1/analytics/items/views?from=2026-11-25T10:00:30Z&to=2026-11-25T11:15:00Z&itemId=${itemA}`,
    );
    assert.deepEqual(
      morning.body.views.map((row: { minute: string }) => row.minute),
      ['2026-11-25T10:01:00Z'],
    );
  });

  it('top searches and the searches that found nothing, by normalised query, within the limit', async () => {
    const expected = [
      { query: 'phone', searches: 3, zeroResultSearches: 1 },
      { query: 'zzz', searches: 1, zeroResultSearches: 1 },
    ];
    const top = await get(`/v1/analytics/searches/top?${range}`);
    assert.equal(top.status, 200, JSON.stringify(top.body));
    assert.deepEqual(top.body.searches, expected);
    assert.deepEqual((await get(`/v1/analytics/searches/top?${range}&limit=1`)).body.searches, [expected[0]]);
    const zero = await get(`/v1/analytics/searches/zero-results?${range}&limit=5`);
    assert.equal(zero.status, 200);
    assert.deepEqual(zero.body, {
      from: '2026-11-25T00:00:00.000Z',
      to: '2026-11-27T00:00:00.000Z',
      searches: expected,
    });
  });

  it('search click-through: searches per query and those with a clicked result', async () => {
    const response = await get(`/v1/analytics/searches/click-through?${range}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.searches, [
      { query: 'phone', searches: 3, searchesWithClick: 2, clickThroughRate: 0.6667 },
      { query: 'zzz', searches: 1, searchesWithClick: 0, clickThroughRate: 0 },
    ]);
  });

  it('funnel: sessions per step and the conversion between steps', async () => {
    const response = await get(`/v1/analytics/funnel?${range}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body, {
      from: '2026-11-25T00:00:00.000Z',
      to: '2026-11-27T00:00:00.000Z',
      sessions: 3,
      viewed: 3,
      clicked: 2,
      addedToCart: 1,
      purchased: 1,
      conversion: { viewToClick: 0.6667, clickToCart: 0.5, cartToPurchase: 1, viewToPurchase: 0.3333 },
    });
    const empty = await get('/v1/analytics/funnel?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z');
    assert.deepEqual(
      [empty.body.sessions, empty.body.conversion],
      [0, { viewToClick: null, clickToCart: null, cartToPurchase: null, viewToPurchase: null }],
    );
  });

  it('sentiment per item per day: an edited review counts once as its last version, a deleted one not at all', async () => {
    const response = await get(`/v1/analytics/items/sentiment?${range}&itemId=${itemA}&itemId=${itemB}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.sentiment, [
      {
        itemId: itemA,
        day: '2026-11-25',
        comments: 2,
        positive: 1,
        neutral: 1,
        negative: 0,
        averageScore: (0.75 + 0.125) / 2,
        averageRating: 4,
      },
      {
        itemId: itemA,
        day: '2026-11-26',
        comments: 1,
        positive: 0,
        neutral: 0,
        negative: 1,
        averageScore: -0.5,
        averageRating: 1,
      },
    ]);
  });

  it('is for admins only: 401 without a token or with an expired one, 403 for shoppers and sellers', async () => {
    const shopper = await createTestUser(api, 'shopper');
    const seller = await createTestUser(api, 'seller');
    const expired = await expiredToken(api, admin);
    for (const path of paths) {
      assertProblem(await api.request('GET', path), 401, 'UNAUTHENTICATED');
      assertProblem(await get(path, expired), 401, 'UNAUTHENTICATED');
      assertProblem(await get(path, shopper.token), 403, 'FORBIDDEN');
      assertProblem(await get(path, seller.token), 403, 'FORBIDDEN');
      assert.equal((await get(path)).status, 200, path);
    }
  });

  it('refuses bad times, ranges, ids and limits with a 400 naming the parameter', async () => {
    const hundredAndOne = Array.from({ length: 101 }, () => `itemId=${randomUUID()}`).join('&');
    const hundred = Array.from({ length: 100 }, () => `itemId=${randomUUID()}`).join('&');
    const cases: [string, string, string][] = [
      ['/v1/analytics/funnel?from=yesterday&to=2026-11-27T00:00:00Z', 'query.from', 'ISO 8601'],
      ['/v1/analytics/funnel?from=2026-11-25&to=2026-11-27T00:00:00Z', 'query.from', 'ISO 8601'],
      ['/v1/analytics/funnel?to=2026-11-27T00:00:00Z', 'query.from', ''],
      [
        '/v1/analytics/funnel?from=2026-11-27T00:00:00Z&to=2026-11-25T00:00:00Z',
        'query.to',
        'later than from',
      ],
      [
        '/v1/analytics/funnel?from=2026-11-25T00:00:00Z&to=2026-11-25T00:00:00Z',
        'query.to',
        'later than from',
      ],
      [
        '/v1/analytics/funnel?from=2026-01-01T00:00:00Z&to=2026-04-03T00:00:01Z',
        'query.to',
        'at most 92 days',
      ],
      ['/v1/analytics/funnel?from=2026-11-25T00:00:00Z&to=2200-01-01T00:00:00Z', 'query.to', 'before 2100'],
      [`/v1/analytics/items/views?${range}&itemId=not-a-uuid`, 'query.itemId.0', 'UUID'],
      [`/v1/analytics/items/views?${range}`, 'query.itemId', 'at least one item'],
      [`/v1/analytics/items/sentiment?${range}&${hundredAndOne}`, 'query.itemId', 'at most 100 items'],
      [`/v1/analytics/items/views?${range}&${hundred}`, 'query.to', 'per-minute views of 100 items'],
      [`/v1/analytics/searches/top?${range}&limit=0`, 'query.limit', 'at least 1'],
      [`/v1/analytics/searches/top?${range}&limit=1001`, 'query.limit', 'at most 1000'],
      [`/v1/analytics/searches/zero-results?${range}&limit=ten`, 'query.limit', 'number'],
      [`/v1/analytics/searches/click-through?${range}&limit=2.5`, 'query.limit', 'whole number'],
    ];
    for (const [path, field, message] of cases) {
      const response = await get(path);
      assertProblem(response, 400, 'VALIDATION_FAILED');
      const errors = response.body.errors as { path: string; message: string }[];
      assert.ok(
        errors.some((e) => e.path === field && e.message.includes(message)),
        `${path}: ${JSON.stringify(errors)}`,
      );
    }
  });

  it('answers an injection attempt in any parameter with a 400, and the store is untouched', async () => {
    const injection = encodeURIComponent("'; DROP TABLE activity; --");
    for (const path of [
      `/v1/analytics/items/views?${range}&itemId=${injection}`,
      `/v1/analytics/items/sentiment?${range}&itemId=${itemA},${injection}`,
      `/v1/analytics/searches/top?from=${injection}&to=2026-11-27T00:00:00Z`,
      `/v1/analytics/searches/top?${range}&limit=${encodeURIComponent('1; DROP TABLE activity')}`,
      `/v1/analytics/funnel?from=2026-11-25T00:00:00Z&to=${encodeURIComponent("2026-11-27T00:00:00Z' OR 1=1")}`,
    ]) {
      assertProblem(await get(path), 400, 'VALIDATION_FAILED');
    }
    const result = await client.query({
      query: `SELECT count() AS n FROM ${qualifiedName(database, 'activity')}`,
      format: 'JSONEachRow',
    });
    assert.deepEqual(await result.json(), [{ n: '14' }]);
    assert.equal((await get(`/v1/analytics/funnel?${range}`)).body.sessions, 3);
  });

  it('answers empty series from a database the sink has not created yet, and 503 when ClickHouse is unreachable', async () => {
    const fresh = await startTestApi({ CLICKHOUSE_DATABASE: uniqueName('nothing_yet').replace(/-/g, '_') });
    try {
      const token = (await createTestUser(fresh, 'admin')).token;
      const views = await fresh.request('GET', paths[0]!, { token });
      assert.equal(views.status, 200, JSON.stringify(views.body));
      assert.deepEqual([views.body.views, views.body.visitors], [[], []]);
      assert.equal((await fresh.request('GET', paths[4]!, { token })).body.sessions, 0);
    } finally {
      await fresh.stop();
    }
    const unreachable = await startTestApi({ CLICKHOUSE_URL: 'http://127.0.0.1:1' });
    try {
      const token = (await createTestUser(unreachable, 'admin')).token;
      const response = await unreachable.request('GET', paths[1]!, { token });
      assertProblem(response, 503, 'SERVICE_UNAVAILABLE');
    } finally {
      await unreachable.stop();
    }
  });
});
