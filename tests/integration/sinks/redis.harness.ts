/**
 * The contract harness of the Redis sink, plus the record builders and the store reader its own
 * tests (redis.test.ts) share. The namespace is the key prefix (`<namespace>:`): every key of a run
 * starts with it, and the snapshot shows keys without it.
 */
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import {
  createRedisSink,
  prefixPattern,
  type RedisSinkOptions,
} from '../../../connectors/sinks/redis/index.ts';
import type { Sink, SinkRecord } from '../../../connectors/sinks/runtime/sink.ts';
import type { LoadedConfig } from '../../../core/config/index.ts';
import type { EnrichedActivity, EnrichedItem, ScoredComment } from '../../../schemas/types.generated.ts';
import { requireService, testConfig } from '../../support/index.ts';
import type { ContractRecord, SinkHarness, SinkTestContext } from '../../support/sink-contract.ts';

export const AT = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

/** The platform configuration with `prefix` as the Redis key prefix. */
export function redisConfig(prefix: string): LoadedConfig {
  const config = testConfig();
  return { ...config, redis: { ...config.redis, keyPrefix: prefix } };
}

export const keyPrefix = (namespace: string): string => `${namespace}:`;

export async function withRedis<T>(use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(testConfig().redis.url, { maxRetriesPerRequest: 1 });
  try {
    return await use(redis);
  } finally {
    await redis.quit();
  }
}

/** A fixed item id, `item(3)` → `00000000-0000-4000-8000-000000000003`. */
export const itemId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export interface ItemSpec {
  n: number;
  version: number;
  title?: string;
  sellerId?: string;
  /** The seller snapshot; null while unknown. Default: `Seller <id>`, version 1. */
  seller?: { name: string; version: number } | null;
  priceMinor?: number;
  deleted?: boolean;
}

/** An EnrichedItem as enrich-items emits it. */
export function enrichedItem(spec: ItemSpec): EnrichedItem {
  const sellerId = spec.sellerId ?? 'seller-a';
  const seller = spec.seller === undefined ? { name: `Seller ${sellerId}`, version: 1 } : spec.seller;
  return {
    item: {
      id: itemId(spec.n),
      version: spec.version,
      deleted: spec.deleted ?? false,
      sellerId,
      title: spec.title ?? `Item ${spec.n} v${spec.version}`,
      description: `Item ${spec.n}: description`,
      category: { raw: 'Смартфоны', id: 'electronics.phones', path: ['Electronics', 'Phones'], known: true },
      price: { amountMinor: spec.priceMinor ?? 1000_00 + spec.n * 100 + spec.version, currency: 'RUB' },
      imageUrls: [`items/${itemId(spec.n)}/front.jpg`, `items/${itemId(spec.n)}/back.jpg`],
      attributes: {},
      updatedAt: AT + spec.version * MINUTE,
      sourceEventId: `event-${spec.n}-${spec.version}`,
    },
    seller: seller && {
      id: sellerId,
      name: seller.name,
      rating: 4.5,
      region: 'Moscow',
      version: seller.version,
    },
    enrichedAt: AT + spec.version * MINUTE + 1,
  };
}

export interface ActivitySpec {
  /** The viewed item's number; null: a page of no item. */
  n: number | null;
  session: string;
  user?: string | null;
  at: number;
  type?: EnrichedActivity['activity']['type'];
}

/** An EnrichedActivity: a page view unless `type` says otherwise. */
export function enrichedActivity(spec: ActivitySpec): EnrichedActivity {
  const type = spec.type ?? 'PAGE_VIEW';
  const item = spec.n === null ? null : itemId(spec.n);
  return {
    activity: {
      eventId: `activity-${spec.session}-${spec.at}-${spec.n}`,
      type,
      sessionId: spec.session,
      userId: spec.user ?? null,
      occurredAt: spec.at,
      userAgent: 'Mozilla/5.0',
      referrer: null,
      itemId: type === 'SEARCH' ? null : item,
      page: type === 'PAGE_VIEW' ? (item ? `/items/${item}` : '/') : null,
      search: type === 'SEARCH' ? { searchId: `search-${spec.at}`, query: 'phone', resultCount: 3 } : null,
      click: null,
      cart: null,
      purchase: null,
    },
    item:
      item === null
        ? null
        : {
            categoryId: 'electronics.phones',
            categoryPath: ['Electronics', 'Phones'],
            sellerId: 'seller-a',
            price: { amountMinor: 1000_00, currency: 'RUB' },
          },
    normalisedQuery: type === 'SEARCH' ? 'phone' : null,
  };
}

export interface CommentSpec {
  id: string;
  /** The reviewed item's number. */
  n: number;
  version: number;
  rating: number;
  score: number;
  deleted?: boolean;
}

/** A ScoredComment; the label follows the score like the scorer's. */
export function scoredComment(spec: CommentSpec): ScoredComment {
  const label = spec.score > 0.2 ? 'POSITIVE' : spec.score < -0.2 ? 'NEGATIVE' : 'NEUTRAL';
  return {
    comment: {
      id: spec.id,
      itemId: itemId(spec.n),
      authorId: `user-${spec.id}`,
      text: `Review ${spec.id}`,
      rating: spec.rating,
    },
    deleted: spec.deleted ?? false,
    version: spec.version,
    sentiment: { language: 'EN', score: spec.score, label, confidence: 0.9, modelVersion: 'contract' },
    occurredAt: AT + spec.version * MINUTE,
    sourceEventId: `comment-${spec.id}-${spec.version}`,
  };
}

/** A record as the runner hands it to the sink. */
export function sinkRecord(topic: string, partition: number, offset: number, value: unknown): SinkRecord {
  return {
    topic,
    partition,
    offset: String(offset),
    key: null,
    value,
    timestamp: AT,
    headers: {},
    sizeBytes: 100,
  };
}

/** The contract batch: items, activity and reviews, with updates, a re-emission and deletes. */
function contractRecords(): ContractRecord[] {
  const records: ContractRecord[] = [];
  const item = (spec: ItemSpec) =>
    records.push({
      schema: 'enriched-item',
      key: itemId(spec.n),
      value: enrichedItem(spec),
      timestamp: AT + spec.version * MINUTE,
    });
  // Ten items of two sellers; item 9's seller is not known yet.
  for (let n = 1; n <= 10; n += 1) {
    item({
      n,
      version: 1,
      sellerId: n % 2 === 0 ? 'seller-b' : 'seller-a',
      seller: n === 9 ? null : undefined,
    });
  }
  for (const n of [1, 2, 3, 4]) item({ n, version: 2, sellerId: n % 2 === 0 ? 'seller-b' : 'seller-a' });
  item({ n: 5, version: 2, sellerId: 'seller-a', title: 'Item 5 renamed' });
  item({ n: 5, version: 3, sellerId: 'seller-a', priceMinor: 4_99 });
  // seller-a renamed: its items re-emitted at the same item version with seller version 2.
  for (const [n, version] of [
    [1, 2],
    [3, 2],
    [5, 3],
    [7, 1],
    [9, 1],
  ] as const) {
    item({ n, version, sellerId: 'seller-a', seller: { name: 'Seller A renamed', version: 2 } });
  }
  item({ n: 10, version: 2, sellerId: 'seller-b', deleted: true });

  // 84 actions over six hours: views of items 1-8, more of the low numbers and more recent ones for
  // item 1, from twelve sessions (some signed in); searches and a view of no item in between.
  const activity = (spec: ActivitySpec) =>
    records.push({
      schema: 'enriched-activity',
      key: spec.session,
      value: enrichedActivity(spec),
      timestamp: spec.at,
    });
  for (let i = 0; i < 84; i += 1) {
    const session = `session-${i % 12}`;
    const at = AT + i * 4 * MINUTE;
    if (i % 10 === 9) activity({ n: null, session, at, type: 'SEARCH' });
    else if (i === 40) activity({ n: null, session, at });
    else
      activity({
        n: 1 + ((i * 7) % (i > 60 ? 3 : 8)),
        session,
        user: i % 12 < 3 ? `user-${i % 12}` : null,
        at,
      });
  }

  // Fifteen reviews of items 1-4; c2 is edited (its rating and tone change), c5 is deleted.
  const comment = (spec: CommentSpec) =>
    records.push({
      schema: 'scored-comment',
      key: spec.id,
      value: scoredComment(spec),
      timestamp: AT + spec.version * MINUTE,
    });
  for (let i = 1; i <= 15; i += 1) {
    comment({ id: `c${i}`, n: 1 + (i % 4), version: 1, rating: 1 + (i % 5), score: ((i % 5) - 2) / 2.5 });
  }
  comment({ id: 'c2', n: 3, version: 2, rating: 1, score: -0.9 });
  comment({ id: 'c5', n: 2, version: 2, rating: 1, score: 0, deleted: true });
  return records;
}

/**
 * Every key under the namespace, prefix stripped, with its value: cards parsed, hashes as sorted
 * objects, HyperLogLogs as their count, sorted sets as [member, score] with scores to 4 significant
 * digits (the trending weights are sums of floating-point powers of two, added in whatever order
 * partitions arrive in), offsets per input schema rather than per (private) topic name.
 */
export async function snapshotKeys(
  prefix: string,
  topics: SinkTestContext['topics'] = {},
): Promise<Record<string, unknown>> {
  const schemaOf = new Map(Object.entries(topics).map(([schema, topic]) => [topic.name, schema]));
  return withRedis(async (redis) => {
    const found = await scanKeys(redis, prefix);
    const entries = await Promise.all(
      found.map(async (key): Promise<[string, unknown]> => {
        const name = key.slice(prefix.length);
        const type = await redis.type(key);
        if (type === 'hash') {
          let fields = Object.entries(await redis.hgetall(key));
          if (name === 'sink:offsets') {
            fields = fields.map(([field, offset]) => {
              const cut = field.lastIndexOf(':');
              return [
                `${schemaOf.get(field.slice(0, cut)) ?? field.slice(0, cut)}:${field.slice(cut + 1)}`,
                offset,
              ];
            });
          }
          return [name, Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))];
        }
        if (type === 'zset') {
          const flat = await redis.zrange(key, '0', '-1', 'WITHSCORES');
          const members: [string, number][] = [];
          for (let i = 0; i < flat.length; i += 2)
            members.push([flat[i]!, Number(Number(flat[i + 1]).toPrecision(4))]);
          return [name, members.sort(([a], [b]) => (a < b ? -1 : 1))];
        }
        if (name.endsWith(':viewers')) return [name, { pfcount: await redis.pfcount(key) }];
        const value = await redis.get(key);
        return [name, name.endsWith(':card') ? JSON.parse(value!) : value];
      }),
    );
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
  });
}

async function scanKeys(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', prefixPattern(prefix), 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return [...new Set(keys)];
}

/** Removes every key under `prefix`. */
export async function deletePrefix(prefix: string): Promise<void> {
  await withRedis(async (redis) => {
    const keys = await scanKeys(redis, prefix);
    for (let start = 0; start < keys.length; start += 500)
      await redis.unlink(...keys.slice(start, start + 500));
  });
}

export function createTestSink(context: SinkTestContext, options: Partial<RedisSinkOptions> = {}): Sink {
  return createRedisSink(redisConfig(keyPrefix(context.namespace)), {
    topics: {
      itemsEnriched: context.topics['enriched-item'],
      activityEnriched: context.topics['enriched-activity'],
      commentsScored: context.topics['scored-comment'],
    },
    ...options,
  });
}

/** What the records must have produced, worked out without Redis. */
function expectedEffects(records: readonly ContractRecord[]) {
  const cards = new Map<string, boolean>();
  const views = new Map<string, number>();
  const reviews = new Map<string, Map<string, boolean>>();
  for (const record of records) {
    if (record.schema === 'enriched-item') {
      const { item } = record.value as EnrichedItem;
      cards.set(item.id, !item.deleted);
    } else if (record.schema === 'enriched-activity') {
      const { activity } = record.value as EnrichedActivity;
      if (activity.type === 'PAGE_VIEW' && activity.itemId)
        views.set(activity.itemId, (views.get(activity.itemId) ?? 0) + 1);
    } else if (record.schema === 'scored-comment') {
      const { comment, deleted } = record.value as ScoredComment;
      const ofItem = reviews.get(comment.itemId) ?? new Map<string, boolean>();
      reviews.set(comment.itemId, ofItem.set(comment.id, !deleted));
    }
  }
  return { cards, views, reviews };
}

export const harness: SinkHarness = {
  name: 'Redis (cards, counters, trending, summaries)',
  inputs: ['enriched-item', 'enriched-activity', 'scored-comment'],
  requireStore: () =>
    withRedis((redis) => requireService('redis', testConfig().redis.url, () => redis.ping())),
  createSink: (context) => createTestSink(context),
  records: contractRecords,
  snapshot: (context) => snapshotKeys(keyPrefix(context.namespace), context.topics),
  assertComplete(snapshot, records) {
    const stored = snapshot as Record<string, unknown>;
    const { cards, views, reviews } = expectedEffects(records);
    for (const [id, live] of cards) {
      assert.equal(stored[`item:${id}:card`] !== undefined, live, `card of ${id}`);
    }
    assert.equal(Object.keys(stored['item-card:versions'] as object).length, cards.size);
    for (const [id, count] of views)
      assert.equal(stored[`item:${id}:views`], String(count), `views of ${id}`);
    const trending = stored['trending:items'] as [string, number][];
    assert.deepEqual(trending.map(([id]) => id).sort(), [...views.keys()].sort());
    for (const [id, ofItem] of reviews) {
      const live = [...ofItem.values()].filter(Boolean).length;
      assert.equal(
        (stored[`item:${id}:ratings`] as { count: string }).count,
        String(live),
        `reviews of ${id}`,
      );
    }
    assert.equal(Object.keys(stored['sink:offsets'] as object).length > 0, true);
  },
  cleanup: (context) => deletePrefix(keyPrefix(context.namespace)),
};
