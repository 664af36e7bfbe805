/**
 * Search fixtures: EnrichedItem and ScoredComment values as the processors emit them, written
 * through the real search sink (so documents look exactly as in production), and readers of what
 * the engine then holds. Shared by the search sink's tests and the catalogue API's tests; every
 * test works under its own index prefix (`uniqueName`), removed afterwards.
 *
 * @example
 * const prefix = uniqueName('test-catalogue');
 * const sink = createSearchSink(searchConfig(prefix));
 * await sink.init!();
 * await writeThroughSink(sink, [enrichedItem({ id, version: 1, title: 'Смартфон' })]);
 */
import type { Client } from '@opensearch-project/opensearch';
import type { SinkRecord } from '../../connectors/sinks/runtime/sink.ts';
import {
  aliasName,
  createSearchClient,
  createSearchSink,
  searchTargets,
  templateName,
  versionedIndices,
} from '../../connectors/sinks/search/index.ts';
import type { LoadedConfig } from '../../core/config/index.ts';
import type { Sink } from '../../connectors/sinks/runtime/sink.ts';
import { topics } from '../../schemas/topics.ts';
import type { EnrichedItem, ScoredComment } from '../../schemas/types.generated.ts';
import { testConfig } from './index.ts';

/** The fixed moment fixtures are dated from, so every run writes the same documents. */
export const FIXTURE_TIME = Date.UTC(2026, 0, 15, 9, 0, 0);

/** The platform configuration with `prefix` as the search index prefix. */
export function searchConfig(prefix: string): LoadedConfig {
  const config = testConfig();
  return { ...config, search: { ...config.search, indexPrefix: prefix } };
}

export async function withSearchClient<T>(use: (client: Client) => Promise<T>): Promise<T> {
  const client = createSearchClient(testConfig());
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

export interface ItemSpec {
  id: string;
  version: number;
  title: string;
  description?: string;
  category?: { id: string | null; path: string[]; raw: string };
  sellerId?: string;
  /** The seller snapshot; null while unknown. Default: a seller named after sellerId, version 1. */
  seller?: { name: string; version: number } | null;
  priceMinor?: number;
  currency?: string;
  attributes?: Record<string, string>;
  /** Default `items/<id>/front.jpg`. */
  imageUrls?: string[];
  /** Default FIXTURE_TIME + version minutes. */
  updatedAt?: number;
  deleted?: boolean;
}

/** An EnrichedItem as enrich-items emits it. */
export function enrichedItem(spec: ItemSpec): EnrichedItem {
  const sellerId = spec.sellerId ?? 'seller-a';
  const seller = spec.seller === undefined ? { name: `Seller ${sellerId}`, version: 1 } : spec.seller;
  const category = spec.category ?? {
    id: 'electronics.phones',
    path: ['Electronics', 'Phones'],
    raw: 'Смартфоны',
  };
  const updatedAt = spec.updatedAt ?? FIXTURE_TIME + spec.version * 60_000;
  return {
    item: {
      id: spec.id,
      version: spec.version,
      deleted: spec.deleted ?? false,
      sellerId,
      title: spec.title,
      description: spec.description ?? `${spec.title}: description`,
      category: { ...category, known: category.id !== null },
      price: { amountMinor: spec.priceMinor ?? 100_00 * spec.version, currency: spec.currency ?? 'RUB' },
      imageUrls: spec.imageUrls ?? [`items/${spec.id}/front.jpg`],
      attributes: spec.attributes ?? {},
      updatedAt,
      sourceEventId: `event-${spec.id}-${spec.version}`,
    },
    seller: seller && {
      id: sellerId,
      name: seller.name,
      rating: 4.5,
      region: 'Moscow',
      version: seller.version,
    },
    enrichedAt: updatedAt + 1,
  };
}

export interface CommentSpec {
  id: string;
  itemId: string;
  version: number;
  text: string;
  rating?: number;
  language?: 'RU' | 'EN' | 'UNKNOWN';
  label?: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';
  score?: number;
  deleted?: boolean;
}

/** A ScoredComment as score-comments emits it. */
export function scoredComment(spec: CommentSpec): ScoredComment {
  return {
    comment: {
      id: spec.id,
      itemId: spec.itemId,
      authorId: `user-${spec.id}`,
      text: spec.text,
      rating: spec.rating ?? 4,
    },
    deleted: spec.deleted ?? false,
    version: spec.version,
    sentiment: {
      language: spec.language ?? 'RU',
      score: spec.score ?? 0.5,
      label: spec.label ?? 'POSITIVE',
      confidence: 0.75,
      modelVersion: 'contract',
    },
    occurredAt: FIXTURE_TIME + spec.version * 1000,
    sourceEventId: `event-${spec.id}-${spec.version}`,
  };
}

let nextOffset = 0;

/** A record of `topic` as the SinkRunner hands it to a sink (offsets only need to be distinct). */
export function sinkRecord<V extends EnrichedItem | ScoredComment>(topic: string, value: V): SinkRecord<V> {
  const key = 'item' in value ? value.item.id : value.comment.id;
  return {
    topic,
    partition: 0,
    offset: String(nextOffset++),
    key,
    value,
    timestamp: Date.now(),
    headers: {},
    sizeBytes: 100,
  };
}

/**
 * Writes items and reviews through `sink` (built on the default topics) in batches, as the runner
 * would, and fails on any record the sink refuses.
 */
export async function writeThroughSink(
  sink: Sink,
  values: readonly (EnrichedItem | ScoredComment)[],
  batchRecords = 500,
): Promise<void> {
  const records = values.map((value) =>
    sinkRecord('item' in value ? topics.itemsEnriched.name : topics.commentsScored.name, value),
  );
  for (let start = 0; start < records.length; start += batchRecords) {
    const outcome = await sink.write(records.slice(start, start + batchRecords));
    if (outcome.rejected.length > 0) {
      throw new Error(
        `the search sink refused fixtures: ${outcome.rejected.map((r) => r.reason).join('; ')}`,
      );
    }
  }
}

export interface StoredDocument {
  id: string;
  /**
   * The document's order: an item's `itemOrder` (0 for a rating-only stub), a review's `_version`
   * (its external version). Not an item's `_version`: that counts the writes, which batching varies.
   */
  version: number;
  /** `_source`, less `ratingAt` (a write time, different in every run). */
  source: Record<string, unknown>;
}

/** Every document of `index` (an index or an alias), sorted by id, after a refresh. */
export async function storedDocuments(client: Client, index: string): Promise<StoredDocument[]> {
  await client.indices.refresh({ index });
  const response = await client.search({
    index,
    body: { query: { match_all: {} }, size: 10_000, version: true },
  });
  return response.body.hits.hits
    .map((hit) => {
      const { ratingAt, ...source } = hit._source as Record<string, unknown>;
      const isItem = 'itemOrder' in source || ratingAt !== undefined;
      const version = isItem ? ((source.itemOrder as number | undefined) ?? 0) : hit._version!;
      return { id: hit._id!, version, source };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Deletes the templates and every versioned index of `prefix`. */
export async function removeSearchNamespace(client: Client, prefix: string): Promise<void> {
  for (const target of searchTargets) {
    const indices = await versionedIndices(client, prefix, target);
    if (indices.length > 0) await client.indices.delete({ index: indices.join(',') });
    await client.indices.deleteIndexTemplate({ name: templateName(prefix, target) }).catch(() => undefined);
  }
}

/**
 * A private search namespace for API tests: the real sink's templates and aliases under `prefix`,
 * filled through the sink, searchable on `refresh()`, removed by `remove()`.
 *
 * @example
 * const search = new SearchNamespace(uniqueName('test-catalogue'));
 * await search.write([enrichedItem({ id, version: 1, title: 'Смартфон' })]);
 * await search.refresh();
 * const api = await startTestApi({ SEARCH_INDEX_PREFIX: search.prefix });
 */
export class SearchNamespace {
  readonly prefix: string;
  readonly client: Client;
  private readonly sink: Sink;
  private initialised = false;

  constructor(prefix: string) {
    this.prefix = prefix;
    this.client = createSearchClient(testConfig());
    this.sink = createSearchSink(searchConfig(prefix));
  }

  /** Writes items and reviews through the sink (creating the indices on first use). */
  async write(values: readonly (EnrichedItem | ScoredComment)[]): Promise<void> {
    if (!this.initialised) {
      await this.sink.init!();
      this.initialised = true;
    }
    await writeThroughSink(this.sink, values);
  }

  /** Makes everything written so far searchable now instead of within the refresh interval. */
  async refresh(): Promise<void> {
    await this.client.indices.refresh({
      index: `${aliasName(this.prefix, 'items')},${aliasName(this.prefix, 'comments')}`,
    });
  }

  async remove(): Promise<void> {
    await this.sink.close!();
    await removeSearchNamespace(this.client, this.prefix);
    await this.client.close();
  }
}
