/**
 * The contract harness of the search sink, and what the store must hold after a list of actions.
 * The namespace is the index prefix: templates, versioned indices and aliases of a run all start
 * with it. Record builders and store readers are in tests/support/search-fixtures.ts.
 */
import assert from 'node:assert/strict';
import {
  aliasName,
  createSearchSink,
  itemAction,
  commentAction,
  type ItemRating,
  type SearchAction,
  type SearchTarget,
} from '../../../connectors/sinks/search/index.ts';
import type { EnrichedItem, ScoredComment } from '../../../schemas/types.generated.ts';
import { requireService, testConfig } from '../../support/index.ts';
import {
  enrichedItem,
  FIXTURE_TIME,
  removeSearchNamespace,
  scoredComment,
  searchConfig,
  storedDocuments,
  withSearchClient,
  type StoredDocument,
} from '../../support/search-fixtures.ts';
import type { ContractRecord, SinkHarness, SinkTestContext } from '../../support/sink-contract.ts';

const AT = FIXTURE_TIME;

/**
 * What the store must hold after `actions`: the last state per document. Reviews: deletes remove
 * the document. Items: a delete leaves a tombstone; each item carries its rating from `ratings`
 * (null for an item without reviews).
 */
export function expectedDocuments(
  actions: readonly SearchAction[],
  target: SearchTarget,
  ratings: ReadonlyMap<string, ItemRating> = new Map(),
): StoredDocument[] {
  const last = new Map<string, Extract<SearchAction, { version: number }>>();
  for (const action of actions) {
    if (action.target !== target || action.op === 'rate') continue;
    const seen = last.get(action.id);
    if (!seen || action.version > seen.version) last.set(action.id, action);
  }
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  return [...last.values()]
    .filter((action) => target === 'items' || action.op === 'index')
    .map((action) => {
      const content = action.op === 'index' ? plain(action.document) : { id: action.id };
      if (target === 'comments') return { id: action.id, version: action.version, source: content };
      const state = {
        itemOrder: action.version,
        deleted: action.op === 'delete',
        rating: ratings.get(action.id) ?? null,
      };
      return { id: action.id, version: action.version, source: { ...content, ...state } };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Each item's rating over the reviews that are left after `comments`, in order. */
export function expectedRatings(comments: readonly ScoredComment[]): Map<string, ItemRating> {
  const latest = new Map<string, ScoredComment>();
  for (const comment of comments) {
    const seen = latest.get(comment.comment.id);
    if (!seen || comment.version > seen.version) latest.set(comment.comment.id, comment);
  }
  const sums = new Map<string, { sum: number; count: number }>();
  for (const { comment, deleted } of latest.values()) {
    if (deleted) continue;
    const entry = sums.get(comment.itemId) ?? { sum: 0, count: 0 };
    sums.set(comment.itemId, { sum: entry.sum + comment.rating, count: entry.count + 1 });
  }
  return new Map([...sums].map(([id, { sum, count }]) => [id, { average: sum / count, count }]));
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
    const ratings = expectedRatings(
      records.filter((r) => r.schema === 'scored-comment').map((r) => r.value as ScoredComment),
    );
    const stored = snapshot as { items: StoredDocument[]; comments: StoredDocument[] };
    assert.deepEqual(stored.items, expectedDocuments(actions, 'items', ratings));
    assert.deepEqual(stored.comments, expectedDocuments(actions, 'comments'));
    // The seller rename reached the store, the deletes removed their reviews and left the item's
    // tombstone, and the ratings follow the edited and deleted reviews.
    assert.ok(
      stored.items.some((d) => (d.source.seller as { name: string } | null)?.name === 'Seller A renamed'),
    );
    assert.equal(stored.items.filter((d) => d.source.deleted === false).length, 9);
    assert.deepEqual(stored.items.find((d) => d.id === 'item-05')?.source, {
      id: 'item-05',
      itemOrder: 4 * 2 ** 21 + 1, // item version 4, seller version 1
      deleted: true,
      rating: { average: 1, count: 1 },
    });
    const rating = (id: string) => stored.items.find((d) => d.id === id)?.source.rating;
    assert.deepEqual(rating('item-00'), { average: 4, count: 1 });
    assert.deepEqual(rating('item-04'), { average: 1, count: 1 });
    assert.equal(rating('item-07'), null, 'its only review was deleted');
    assert.equal(rating('item-09'), null, 'never reviewed');
    assert.equal(stored.comments.length, 7);
  },
  cleanup: (context) => withSearchClient((client) => removeSearchNamespace(client, context.namespace)),
};
