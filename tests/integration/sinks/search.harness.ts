/**
 * The contract harness of the search sink, plus the record builders and store readers its own
 * tests (search.test.ts) share. The namespace is the index prefix: templates, versioned indices
 * and aliases of a run all start with it.
 */
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import {
  aliasName,
  createSearchClient,
  createSearchSink,
  itemAction,
  commentAction,
  searchTargets,
  templateName,
  versionedIndices,
  type SearchAction,
  type SearchTarget,
} from '../../../connectors/sinks/search/index.ts';
import type { LoadedConfig } from '../../../core/config/index.ts';
import type { EnrichedItem, ScoredComment } from '../../../schemas/types.generated.ts';
import { requireService, testConfig } from '../../support/index.ts';
import type { ContractRecord, SinkHarness, SinkTestContext } from '../../support/sink-contract.ts';

const AT = Date.UTC(2026, 0, 15, 9, 0, 0);

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
      imageUrls: [`items/${spec.id}/front.jpg`],
      attributes: spec.attributes ?? {},
      updatedAt: AT + spec.version * 60_000,
      sourceEventId: `event-${spec.id}-${spec.version}`,
    },
    seller: seller && {
      id: sellerId,
      name: seller.name,
      rating: 4.5,
      region: 'Moscow',
      version: seller.version,
    },
    enrichedAt: AT + spec.version * 60_000 + 1,
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
    occurredAt: AT + spec.version * 1000,
    sourceEventId: `event-${spec.id}-${spec.version}`,
  };
}

export interface StoredDocument {
  id: string;
  /** The engine's `_version`: the external version of the last write. */
  version: number;
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
    .map((hit) => ({ id: hit._id!, version: hit._version!, source: hit._source as Record<string, unknown> }))
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

/** What the store must hold after `records`: the last action per document, deletes removing it. */
export function expectedDocuments(actions: readonly SearchAction[], target: SearchTarget): StoredDocument[] {
  const last = new Map<string, SearchAction>();
  for (const action of actions) {
    if (action.target !== target) continue;
    const seen = last.get(action.id);
    if (!seen || action.version > seen.version) last.set(action.id, action);
  }
  return [...last.values()]
    .filter((action) => action.op === 'index')
    .map((action) => ({
      id: action.id,
      version: action.version,
      source: JSON.parse(JSON.stringify(action.op === 'index' ? action.document : null)) as Record<
        string,
        unknown
      >,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const itemTitles = [
  'Смартфон Apple iPhone 13',
  'Wireless noise cancelling headphones',
  'Ноутбук для работы и учёбы',
  'Running shoes for women',
  'Книга «Мастер и Маргарита»',
  'Electric kettle 1.7 l',
  'Детский велосипед',
  'Gaming mouse with RGB lights',
  'Кофемашина автоматическая',
  'Leather wallet',
];
const sellerOf = (i: number) => ['seller-a', 'seller-b', 'seller-c'][i % 3]!;

function contractItems(): EnrichedItem[] {
  const ids = itemTitles.map((_, i) => `item-${String(i).padStart(2, '0')}`);
  const out: EnrichedItem[] = [];
  // Three versions of each item; item-09's seller is unknown at first.
  for (const version of [1, 2, 3]) {
    ids.forEach((id, i) =>
      out.push(
        enrichedItem({
          id,
          version,
          title: version === 1 ? itemTitles[i]! : `${itemTitles[i]} (v${version})`,
          sellerId: sellerOf(i),
          seller: i === 9 && version === 1 ? null : { name: `Seller ${sellerOf(i)}`, version: 1 },
          attributes: { colour: ['black', 'white'][version % 2]!, size: String(i) },
        }),
      ),
    );
  }
  // seller-a renamed: enrich-items re-emits its items with the same item version, seller version 2.
  ids.forEach((id, i) => {
    if (sellerOf(i) !== 'seller-a') return;
    out.push(
      enrichedItem({
        id,
        version: 3,
        title: `${itemTitles[i]} (v3)`,
        sellerId: 'seller-a',
        seller: { name: 'Seller A renamed', version: 2 },
        attributes: { colour: 'white', size: String(i) },
      }),
    );
  });
  out.push(
    enrichedItem({ id: 'item-05', version: 4, title: itemTitles[5]!, sellerId: sellerOf(5), deleted: true }),
  );
  return out;
}

function contractComments(): ScoredComment[] {
  const out: ScoredComment[] = [];
  const ids = Array.from({ length: 8 }, (_, i) => `comment-${i}`);
  ids.forEach((id, i) =>
    out.push(
      scoredComment({
        id,
        itemId: `item-0${i}`,
        version: 1,
        text: i % 2 === 0 ? 'Отличный товар, рекомендую' : 'Great value, works as described',
        language: i % 2 === 0 ? 'RU' : 'EN',
      }),
    ),
  );
  for (const i of [0, 1, 2, 3, 4, 5, 6]) {
    out.push(
      scoredComment({
        id: ids[i]!,
        itemId: `item-0${i}`,
        version: 2,
        text: 'Сломался через неделю, не советую',
        rating: 1,
        label: 'NEGATIVE',
        score: -0.8,
      }),
    );
  }
  for (const i of [0, 1, 2, 3]) {
    out.push(
      scoredComment({
        id: ids[i]!,
        itemId: `item-0${i}`,
        version: 3,
        text: 'Updated: fine after repair',
        language: 'EN',
      }),
    );
  }
  out.push(scoredComment({ id: ids[7]!, itemId: 'item-07', version: 2, text: 'deleted', deleted: true }));
  return out;
}

function actionsOf(records: readonly ContractRecord[]): SearchAction[] {
  return records.map((record) =>
    record.schema === 'enriched-item'
      ? itemAction(record.value as EnrichedItem)
      : commentAction(record.value as ScoredComment),
  );
}

export const harness: SinkHarness = {
  name: 'search (OpenSearch)',
  inputs: ['enriched-item', 'scored-comment'],
  requireStore: () =>
    withSearchClient((client) => requireService('opensearch', testConfig().search.url, () => client.info())),
  createSink: (context: SinkTestContext) =>
    createSearchSink(searchConfig(context.namespace), {
      topics: { items: context.topics['enriched-item']!, comments: context.topics['scored-comment']! },
    }),
  records(): ContractRecord[] {
    const items = contractItems().map((value, i) => ({
      schema: 'enriched-item' as const,
      key: value.item.id,
      value,
      timestamp: AT + i,
    }));
    const comments = contractComments().map((value, i) => ({
      schema: 'scored-comment' as const,
      key: value.comment.id,
      value,
      timestamp: AT + i,
    }));
    return [...items, ...comments];
  },
  snapshot: (context) =>
    withSearchClient(async (client) => ({
      items: await storedDocuments(client, aliasName(context.namespace, 'items')),
      comments: await storedDocuments(client, aliasName(context.namespace, 'comments')),
    })),
  assertComplete(snapshot, records) {
    const actions = actionsOf(records);
    const stored = snapshot as { items: StoredDocument[]; comments: StoredDocument[] };
    assert.deepEqual(stored.items, expectedDocuments(actions, 'items'));
    assert.deepEqual(stored.comments, expectedDocuments(actions, 'comments'));
    // The seller rename reached the store, and the deletes removed their documents.
    assert.ok(
      stored.items.some((d) => (d.source.seller as { name: string } | null)?.name === 'Seller A renamed'),
    );
    assert.equal(stored.items.length, 9);
    assert.equal(stored.comments.length, 7);
  },
  cleanup: (context) => withSearchClient((client) => removeSearchNamespace(client, context.namespace)),
};
