/**
 * The contract harness of the ClickHouse sink: a small shop day (sessions that search, view, click,
 * buy; items with new versions, a deletion and a seller rename re-emitting items; reviews with an
 * edit and a deletion), and a snapshot made of every named query plus the raw tables read FINAL.
 */
import assert from 'node:assert/strict';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import {
  activityTable,
  analyticsQueries,
  ClickHouseAnalytics,
  commentsTable,
  createClickHouseSink,
  itemsTable,
  type AnalyticsQuery,
  type TableDefinition,
} from '../../../connectors/sinks/clickhouse/index.ts';
import { qualifiedName, quoteIdentifier } from '../../../connectors/sinks/clickhouse/sql.ts';
import type {
  EnrichedActivity,
  EnrichedItem,
  ItemDimensions,
  NormalisedItem,
  ScoredComment,
  SellerSnapshot,
  SentimentLabel,
  UserActivity,
} from '../../../schemas/types.generated.ts';
import { requireService, testConfig } from '../../support/index.ts';
import type { ContractRecord, SinkHarness, SinkTestContext } from '../../support/sink-contract.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** 2026-11-25 10:00 UTC: the shop day of the fixtures. */
export const DAY_START = Date.UTC(2026, 10, 25, 10, 0, 0);
/** The Kafka timestamp of the first contract record (2025-11-24). */
const KAFKA_TIME = Date.UTC(2025, 10, 24);
/** A range holding every fixture (the batch spans two days). */
export const WHOLE_RANGE = { from: Date.UTC(2026, 10, 24), to: Date.UTC(2026, 10, 28), limit: 100 };

export function clickHouseClient(): ClickHouseClient {
  const { url, username, password } = testConfig().clickhouse;
  return createClient({ url, username, password, request_timeout: 30_000 });
}

export async function withClickHouse<T>(use: (client: ClickHouseClient) => Promise<T>): Promise<T> {
  const client = clickHouseClient();
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

// ----- builders, shared with the sink's own integration tests -----

const sellers: Record<string, { name: string; region: string }> = {
  'seller-a': { name: 'Gadget House', region: 'Moscow' },
  'seller-b': { name: 'Book Corner', region: 'Kazan' },
};

export function itemId(n: number): string {
  return `item-${String(n).padStart(2, '0')}`;
}

export function enrichedItem(
  n: number,
  itemVersion: number,
  options: {
    sellerVersion?: number | null;
    sellerName?: string;
    deleted?: boolean;
    priceMinor?: number;
    at?: number;
  } = {},
): EnrichedItem {
  const sellerId = n <= 5 ? 'seller-a' : 'seller-b';
  const at = options.at ?? DAY_START - DAY_MS + itemVersion * HOUR_MS;
  const item: NormalisedItem = {
    id: itemId(n),
    version: itemVersion,
    deleted: options.deleted ?? false,
    sellerId,
    title: `Item ${n} v${itemVersion}`,
    description: `Description of item ${n}`,
    category:
      n <= 5
        ? { raw: 'Смартфоны', id: 'electronics.phones', path: ['Electronics', 'Phones'], known: true }
        : { raw: 'книги', id: 'books', path: ['Books'], known: true },
    price: { amountMinor: options.priceMinor ?? n * 10_000 + itemVersion, currency: 'RUB' },
    imageUrls: [],
    attributes: {},
    updatedAt: at,
    sourceEventId: `item-event-${n}-${itemVersion}`,
  };
  const sellerVersion = options.sellerVersion === undefined ? 1 : options.sellerVersion;
  const seller: SellerSnapshot | null =
    sellerVersion === null
      ? null
      : {
          id: sellerId,
          name: options.sellerName ?? sellers[sellerId]!.name,
          rating: n <= 5 ? 4.5 : null,
          region: sellers[sellerId]!.region,
          version: sellerVersion,
        };
  return { item, seller, enrichedAt: at };
}

const dimensionsOf = (n: number): ItemDimensions => {
  const { item } = enrichedItem(n, 1);
  return {
    categoryId: item.category.id,
    categoryPath: item.category.path,
    sellerId: item.sellerId,
    price: item.price,
  };
};

type Action =
  | { type: 'PAGE_VIEW'; item: number }
  | { type: 'SEARCH'; query: string; results: number; searchId: string }
  | { type: 'CLICK'; item: number; searchId: string; position: number }
  | { type: 'ADD_TO_CART'; item: number; quantity: number }
  | { type: 'PURCHASE'; item: number; quantity: number; orderId: string };

/** An enriched action of `session` at `at`, with a fixed event id. */
export function enrichedActivity(
  eventId: string,
  session: string,
  at: number,
  action: Action,
): EnrichedActivity {
  const activity: UserActivity = {
    eventId,
    type: action.type,
    sessionId: session,
    userId: session === 's1' ? 'user-1' : null,
    occurredAt: at,
    userAgent: 'Mozilla/5.0',
    referrer: null,
    itemId: 'item' in action ? itemId(action.item) : null,
    page: action.type === 'PAGE_VIEW' ? `/items/${itemId(action.item)}` : null,
    search:
      action.type === 'SEARCH'
        ? { searchId: action.searchId, query: ` ${action.query} `, resultCount: action.results }
        : null,
    click: action.type === 'CLICK' ? { searchId: action.searchId, position: action.position } : null,
    cart: action.type === 'ADD_TO_CART' ? { quantity: action.quantity } : null,
    purchase:
      action.type === 'PURCHASE'
        ? {
            orderId: action.orderId,
            quantity: action.quantity,
            total: {
              amountMinor: action.quantity * dimensionsOf(action.item).price.amountMinor,
              currency: 'RUB',
            },
          }
        : null,
  };
  return {
    activity,
    item: 'item' in action ? dimensionsOf(action.item) : null,
    normalisedQuery: action.type === 'SEARCH' ? action.query.toLowerCase() : null,
  };
}

export function scoredComment(
  id: string,
  item: number,
  version: number,
  label: SentimentLabel,
  at: number,
  options: { deleted?: boolean; rating?: number } = {},
): ScoredComment {
  const score = label === 'POSITIVE' ? 0.75 : label === 'NEGATIVE' ? -0.5 : 0.125;
  const rating = options.rating ?? (label === 'POSITIVE' ? 5 : label === 'NEGATIVE' ? 1 : 3);
  return {
    comment: {
      id,
      itemId: itemId(item),
      authorId: `author-${id}`,
      text: `${label} review ${id} v${version}`,
      rating,
    },
    deleted: options.deleted ?? false,
    version,
    sentiment: { language: 'EN', score, label, confidence: 0.9, modelVersion: 'contract' },
    occurredAt: at,
    sourceEventId: `comment-event-${id}-${version}`,
  };
}

/** The contract batch: ~60 actions in five sessions, 10 items over 21 records, 15 review records. */
export function contractBatch(): {
  activities: EnrichedActivity[];
  items: EnrichedItem[];
  comments: ScoredComment[];
} {
  const activities: EnrichedActivity[] = [];
  let seq = 0;
  const act = (session: string, at: number, action: Action) => {
    seq += 1;
    activities.push(enrichedActivity(`evt-${String(seq).padStart(3, '0')}`, session, at, action));
  };
  const t = (hours: number, minutes: number) => DAY_START + hours * HOUR_MS + minutes * MINUTE_MS;

  // s1: the whole funnel, from a search.
  act('s1', t(0, 0), { type: 'SEARCH', query: 'Phone', results: 5, searchId: 'q-1' });
  act('s1', t(0, 1), { type: 'CLICK', item: 1, searchId: 'q-1', position: 1 });
  act('s1', t(0, 1), { type: 'PAGE_VIEW', item: 1 });
  act('s1', t(0, 3), { type: 'PAGE_VIEW', item: 2 });
  act('s1', t(0, 4), { type: 'ADD_TO_CART', item: 1, quantity: 1 });
  act('s1', t(0, 6), { type: 'PURCHASE', item: 1, quantity: 1, orderId: 'order-1' });
  // s2: a search that found nothing, another search, click, view, cart - no purchase.
  act('s2', t(0, 10), { type: 'SEARCH', query: 'zzz', results: 0, searchId: 'q-2' });
  act('s2', t(0, 11), { type: 'SEARCH', query: 'phone', results: 3, searchId: 'q-3' });
  act('s2', t(0, 12), { type: 'CLICK', item: 2, searchId: 'q-3', position: 2 });
  act('s2', t(0, 12), { type: 'PAGE_VIEW', item: 2 });
  act('s2', t(0, 14), { type: 'PAGE_VIEW', item: 3 });
  act('s2', t(0, 15), { type: 'ADD_TO_CART', item: 2, quantity: 2 });
  // s3: browses many pages over two hours, and searches for nothing twice.
  for (let i = 0; i < 20; i += 1)
    act('s3', t(Math.floor(i / 10), (i * 7) % 60), { type: 'PAGE_VIEW', item: (i % 6) + 1 });
  act('s3', t(1, 30), { type: 'SEARCH', query: 'laptop', results: 0, searchId: 'q-4' });
  act('s3', t(1, 31), { type: 'SEARCH', query: 'laptop', results: 0, searchId: 'q-5' });
  // s4: starts before midnight and buys after it, so its funnel spans two days.
  act('s4', Date.UTC(2026, 10, 25, 23, 55), { type: 'SEARCH', query: 'book', results: 4, searchId: 'q-6' });
  act('s4', Date.UTC(2026, 10, 25, 23, 56), { type: 'CLICK', item: 7, searchId: 'q-6', position: 3 });
  act('s4', Date.UTC(2026, 10, 25, 23, 56), { type: 'PAGE_VIEW', item: 7 });
  act('s4', Date.UTC(2026, 10, 26, 0, 2), { type: 'ADD_TO_CART', item: 7, quantity: 1 });
  act('s4', Date.UTC(2026, 10, 26, 0, 5), { type: 'PURCHASE', item: 7, quantity: 1, orderId: 'order-2' });
  // s5: views of the books in the same minutes as others, and an item view of a deleted item.
  for (let i = 0; i < 18; i += 1) act('s5', t(0, i % 9), { type: 'PAGE_VIEW', item: 6 + (i % 5) });
  act('s5', t(0, 20), { type: 'PAGE_VIEW', item: 4 });

  const items: EnrichedItem[] = [];
  for (let n = 1; n <= 10; n += 1) items.push(enrichedItem(n, 1));
  // Items 1-3 get a second version; item 4 is deleted; item 10's seller was unknown at first.
  for (const n of [1, 2, 3]) items.push(enrichedItem(n, 2));
  items.push(enrichedItem(4, 2, { deleted: true }));
  items.push(enrichedItem(10, 2, { sellerVersion: null }), enrichedItem(10, 2));
  // Seller A renamed (seller version 2): enrich-items re-emits its live items with the same item version.
  for (const [n, v] of [
    [1, 2],
    [2, 2],
    [3, 2],
    [5, 1],
  ] as const) {
    items.push(enrichedItem(n, v, { sellerVersion: 2, sellerName: 'Gadget House Pro', at: DAY_START }));
  }

  const d1 = DAY_START;
  const d2 = DAY_START + DAY_MS;
  const comments: ScoredComment[] = [
    scoredComment('c-01', 1, 1, 'POSITIVE', d1),
    scoredComment('c-02', 1, 1, 'POSITIVE', d1 + HOUR_MS),
    scoredComment('c-03', 1, 1, 'NEGATIVE', d1 + 2 * HOUR_MS),
    scoredComment('c-04', 2, 1, 'NEUTRAL', d1),
    scoredComment('c-05', 2, 1, 'NEGATIVE', d1 + HOUR_MS),
    scoredComment('c-06', 2, 1, 'POSITIVE', d2),
    scoredComment('c-07', 3, 1, 'POSITIVE', d1),
    scoredComment('c-08', 3, 1, 'NEGATIVE', d1),
    scoredComment('c-09', 6, 1, 'NEUTRAL', d2),
    scoredComment('c-10', 7, 1, 'POSITIVE', d2),
    scoredComment('c-11', 7, 1, 'NEGATIVE', d2 + HOUR_MS),
    scoredComment('c-12', 8, 1, 'POSITIVE', d1),
    // c-03 edited the same day (negative → positive), c-05 edited the next day, c-08 deleted.
    scoredComment('c-03', 1, 2, 'POSITIVE', d1 + 3 * HOUR_MS),
    scoredComment('c-05', 2, 2, 'NEUTRAL', d2),
    scoredComment('c-08', 3, 2, 'NEGATIVE', d1 + 4 * HOUR_MS, { deleted: true }),
  ];
  return { activities, items, comments };
}

// ----- snapshot -----

/** Every named query over the whole range (latest items: all). */
export async function queryResults(
  client: ClickHouseClient,
  database: string,
): Promise<Record<string, unknown[]>> {
  const analytics = new ClickHouseAnalytics(client, database);
  const results: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(analyticsQueries)) {
    results[name] = await analytics.run(query as AnalyticsQuery<typeof WHOLE_RANGE, unknown>, WHOLE_RANGE);
  }
  return results;
}

/** A raw table deduplicated with FINAL, in key order (one row per key after FINAL). */
async function finalRows(
  client: ClickHouseClient,
  database: string,
  table: TableDefinition,
): Promise<unknown[]> {
  const order = table.columns.map(([column]) => quoteIdentifier(column)).join(', ');
  const result = await client.query({
    query: `SELECT * FROM ${qualifiedName(database, table.name)} FINAL ORDER BY ${order}`,
    format: 'JSONEachRow',
  });
  return result.json();
}

export async function storeSnapshot(client: ClickHouseClient, database: string): Promise<StoreSnapshot> {
  return {
    queries: await queryResults(client, database),
    tables: {
      activity: await finalRows(client, database, activityTable),
      items: await finalRows(client, database, itemsTable),
      comments: await finalRows(client, database, commentsTable),
    },
  };
}

export interface StoreSnapshot {
  queries: Record<string, unknown[]>;
  tables: Record<'activity' | 'items' | 'comments', unknown[]>;
}

export const harness: SinkHarness = {
  name: 'ClickHouse (analytics store)',
  inputs: ['enriched-activity', 'enriched-item', 'scored-comment'],
  requireStore: () =>
    withClickHouse((client) =>
      requireService('clickhouse', testConfig().clickhouse.url, async () => {
        const ping = await client.ping();
        if (!ping.success) throw ping.error;
      }),
    ),
  createSink: (context: SinkTestContext) =>
    createClickHouseSink(testConfig(), {
      database: context.namespace,
      topics: {
        activity: context.topics['enriched-activity']!,
        items: context.topics['enriched-item']!,
        comments: context.topics['scored-comment']!,
      },
    }),
  records(): ContractRecord[] {
    const { activities, items, comments } = contractBatch();
    // Kafka refuses timestamps more than an hour ahead of its clock: the messages carry fixed past
    // times of their own, the events keep theirs.
    const records: ContractRecord[] = [
      ...items.map((value) => ({
        schema: 'enriched-item' as const,
        key: value.item.id,
        value,
        timestamp: value.enrichedAt,
      })),
      ...activities.map((value) => ({
        schema: 'enriched-activity' as const,
        key: value.activity.sessionId,
        value,
        timestamp: value.activity.occurredAt,
      })),
      ...comments.map((value) => ({
        schema: 'scored-comment' as const,
        key: value.comment.id,
        value,
        timestamp: value.occurredAt,
      })),
    ];
    return records.map((record, i) => ({ ...record, timestamp: KAFKA_TIME + i }));
  },
  snapshot: (context) => withClickHouse((client) => storeSnapshot(client, context.namespace)),
  assertComplete(snapshot, records) {
    const { queries, tables } = snapshot as StoreSnapshot;
    const distinct = (schema: ContractRecord['schema'], id: (value: never) => string) =>
      new Set(records.filter((r) => r.schema === schema).map((r) => id(r.value as never))).size;
    assert.equal(
      tables.activity.length,
      distinct('enriched-activity', (v: EnrichedActivity) => v.activity.eventId),
    );
    assert.equal(
      tables.items.length,
      distinct('enriched-item', (v: EnrichedItem) => v.item.id),
    );
    assert.equal(
      tables.comments.length,
      distinct('scored-comment', (v: ScoredComment) => v.comment.id),
    );
    // The seller rename reached the items, and the deleted item is not among the latest.
    const latest = queries.latestItems as { itemId: string; sellerName: string }[];
    assert.equal(latest.find((i) => i.itemId === itemId(1))?.sellerName, 'Gadget House Pro');
    assert.equal(
      latest.some((i) => i.itemId === itemId(4)),
      false,
    );
    for (const name of Object.keys(analyticsQueries)) {
      assert.ok((queries[name]?.length ?? 0) > 0, `query ${name} returned nothing`);
    }
  },
  cleanup: (context) =>
    withClickHouse(async (client) => {
      await client.command({ query: `DROP DATABASE IF EXISTS ${quoteIdentifier(context.namespace)}` });
    }),
};
