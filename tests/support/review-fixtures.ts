/**
 * Fixtures of the reviews contract tests: items to review (rows in Postgres, as the items API would
 * leave them) and scored reviews written into a private namespace through the real search and Redis
 * sinks (exactly what the pipeline would have written). The outbox rows a write leaves are read
 * with catalogue-fixtures.ts's `outboxRows`.
 *
 * @example
 * const stores = new ReviewStores(uniqueName('reviews'));
 * const api = await startTestApi(stores.environment());
 * const { itemId } = await createTestItem(api);
 * await stores.write([scoredReview({ itemId, occurredAt: Date.now(), rating: 5 })]);
 * ...
 * await stores.remove();
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisSink, prefixPattern } from '../../connectors/sinks/redis/index.ts';
import type { Sink, SinkRecord } from '../../connectors/sinks/runtime/sink.ts';
import { aliasName, createSearchClient, createSearchSink } from '../../connectors/sinks/search/index.ts';
import type { PlatformConfig } from '../../core/config/index.ts';
import { topics } from '../../schemas/topics.ts';
import type { ScoredComment } from '../../schemas/types.generated.ts';
import { removeSearchNamespace } from './search-fixtures.ts';
import type { TestApi } from './api.ts';
import { testConfig } from './index.ts';

export interface TestItem {
  itemId: string;
  sellerId: string;
  /** The seller's user. */
  ownerId: string;
}

/** A seller (with its owner account) and one of its items, straight into Postgres. */
export async function createTestItem(api: TestApi, options: { deleted?: boolean } = {}): Promise<TestItem> {
  const item = { itemId: randomUUID(), sellerId: randomUUID(), ownerId: randomUUID() };
  const db = api.deps.postgres;
  await db.query(`INSERT INTO users (id, email, password_hash, role) VALUES ($1, $2, 'x', 'seller')`, [
    item.ownerId,
    `owner-${item.ownerId}@reviews.test`,
  ]);
  await db.query('INSERT INTO sellers (id, owner_id, name) VALUES ($1, $2, $3)', [
    item.sellerId,
    item.ownerId,
    'Review Test Shop',
  ]);
  await db.query(
    `INSERT INTO items (id, seller_id, title, category, price_minor, currency, deleted_at)
     VALUES ($1, $2, 'Чайник электрический', 'Бытовая техника', 249900, 'RUB', $3)`,
    [item.itemId, item.sellerId, options.deleted ? new Date() : null],
  );
  return item;
}

export interface ScoredReviewSpec {
  itemId: string;
  occurredAt: number;
  id?: string;
  authorId?: string;
  text?: string;
  rating?: number;
  version?: number;
  label?: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';
  score?: number;
  deleted?: boolean;
}

/** A ScoredComment as score-comments emits it. */
export function scoredReview(spec: ScoredReviewSpec): ScoredComment {
  const id = spec.id ?? randomUUID();
  return {
    comment: {
      id,
      itemId: spec.itemId,
      authorId: spec.authorId ?? randomUUID(),
      text: spec.text ?? `Review ${id.slice(0, 8)}`,
      rating: spec.rating ?? 4,
    },
    deleted: spec.deleted ?? false,
    version: spec.version ?? 1,
    sentiment: {
      language: 'RU',
      score: spec.score ?? 0.5,
      label: spec.label ?? 'POSITIVE',
      confidence: 0.8,
      modelVersion: 'review-fixtures',
    },
    occurredAt: spec.occurredAt,
    sourceEventId: randomUUID(),
  };
}

/**
 * A private search index prefix and Redis key prefix, written through the real sinks. The API
 * started with `environment()` reads exactly what the pipeline would have left there.
 */
export class ReviewStores {
  readonly config: PlatformConfig;
  private readonly sinks: Sink[];
  private offset = 0;
  private initialised = false;

  constructor(readonly namespace: string) {
    const base = testConfig();
    this.config = {
      ...base,
      search: { ...base.search, indexPrefix: namespace },
      redis: { ...base.redis, keyPrefix: `${namespace}:` },
    };
    this.sinks = [createSearchSink(this.config), createRedisSink(this.config)];
  }

  environment(): Record<string, string> {
    return {
      SEARCH_INDEX_PREFIX: this.config.search.indexPrefix,
      REDIS_KEY_PREFIX: this.config.redis.keyPrefix,
    };
  }

  /** Writes `reviews` through both sinks, as one batch each, and makes them searchable at once. */
  async write(reviews: readonly ScoredComment[]): Promise<void> {
    if (!this.initialised) {
      for (const sink of this.sinks) await sink.init?.();
      this.initialised = true;
    }
    const records: SinkRecord[] = reviews.map((value) => ({
      topic: topics.commentsScored.name,
      partition: 0,
      offset: String(this.offset++),
      key: value.comment.id,
      value,
      timestamp: value.occurredAt,
      headers: {},
      sizeBytes: 256,
    }));
    for (const sink of this.sinks) {
      const { rejected } = await sink.write(records);
      if (rejected.length > 0)
        throw new Error(`${sink.name} refused: ${rejected.map((r) => r.reason).join('; ')}`);
    }
    const client = createSearchClient(this.config);
    try {
      await client.indices.refresh({ index: aliasName(this.config.search.indexPrefix, 'comments') });
    } finally {
      await client.close();
    }
  }

  /** Deletes the namespace's indices, templates and keys, and closes the sinks. */
  async remove(): Promise<void> {
    for (const sink of this.sinks) await sink.close?.();
    const client = createSearchClient(this.config);
    try {
      await removeSearchNamespace(client, this.config.search.indexPrefix);
    } finally {
      await client.close();
    }
    const redis = new Redis(this.config.redis.url, { maxRetriesPerRequest: 1 });
    try {
      const keys = await redis.keys(prefixPattern(this.config.redis.keyPrefix));
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      await redis.quit();
    }
  }
}
