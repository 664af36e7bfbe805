/**
 * Item ratings in the item documents: the average rating and count of an item's live reviews,
 * aggregated over the reviews index and written into each item document (`rating`, `ratingAt`),
 * so the catalogue search can sort by rating and show it without a second query.
 *
 * Why aggregate instead of adding each review's rating to a running sum: a review can be edited,
 * deleted, redelivered or replayed, and the reviews index already settles all of that with
 * external versions; an aggregation over it is right whatever happened before, so writing it
 * twice changes nothing.
 *
 * Why `ratingAt` orders the writes: the aggregation starts after the writer's own reviews are
 * written and refreshed, so an aggregation that starts later sees every review an earlier one saw
 * (a refresh is visible to every later search). `at` is taken just before the aggregation is sent;
 * the item-side script applies a rating only when its `at` is newer than the stored one. Two sink
 * instances on different hosts compare wall clocks: clock skew larger than the time between two
 * reviews of one item could keep an older average until that item's next review.
 */
import type { Client } from '@opensearch-project/opensearch';
import { rateAction, type ItemRating, type SearchAction } from './documents.ts';

/** Item ids per aggregation request: a terms query and as many buckets stay well inside the limits. */
const IDS_PER_REQUEST = 1000;

interface RatingBucket {
  key: string | { itemId: string };
  doc_count: number;
  average: { value: number | null };
}

function ratingOf(bucket: RatingBucket | undefined): ItemRating | null {
  if (!bucket || bucket.doc_count === 0 || bucket.average.value === null) return null;
  return { average: bucket.average.value, count: bucket.doc_count };
}

const averageRating = { average: { avg: { field: 'rating' } } };

/**
 * The rating of each of `itemIds` over the reviews in `commentsIndex` (an index or an alias), as
 * of its last refresh; null for an item without reviews.
 */
export async function aggregateItemRatings(
  client: Client,
  commentsIndex: string,
  itemIds: readonly string[],
): Promise<Map<string, ItemRating | null>> {
  const ratings = new Map<string, ItemRating | null>();
  for (let start = 0; start < itemIds.length; start += IDS_PER_REQUEST) {
    const ids = itemIds.slice(start, start + IDS_PER_REQUEST);
    const response = await client.search({
      index: commentsIndex,
      body: {
        size: 0,
        query: { bool: { filter: [{ terms: { itemId: ids } }] } },
        // The client's generated types leave `field` out of terms aggregations; the server needs it.
        aggs: { items: { terms: { field: 'itemId', size: ids.length }, aggs: averageRating } as never },
      },
    });
    const buckets = (response.body.aggregations?.items as { buckets: RatingBucket[] } | undefined)?.buckets;
    const byId = new Map((buckets ?? []).map((bucket) => [bucket.key as string, bucket]));
    for (const id of ids) ratings.set(id, ratingOf(byId.get(id)));
  }
  return ratings;
}

/**
 * Every reviewed item's rating over `commentsIndex`, a page at a time (a composite aggregation, so
 * memory stays bounded however many items there are). Items without reviews are not listed.
 */
export async function* allItemRatings(
  client: Client,
  commentsIndex: string,
  pageSize = IDS_PER_REQUEST,
): AsyncGenerator<Map<string, ItemRating>> {
  let after: Record<string, unknown> | undefined;
  for (;;) {
    const response = await client.search({
      index: commentsIndex,
      body: {
        size: 0,
        aggs: {
          items: {
            composite: {
              size: pageSize,
              sources: [{ itemId: { terms: { field: 'itemId' } } }],
              ...(after ? { after } : {}),
            },
            aggs: averageRating,
          } as never,
        },
      },
    });
    const page = response.body.aggregations?.items as
      { buckets: RatingBucket[]; after_key?: Record<string, unknown> } | undefined;
    const buckets = page?.buckets ?? [];
    if (buckets.length === 0) return;
    const ratings = new Map<string, ItemRating>();
    for (const bucket of buckets) {
      const rating = ratingOf(bucket);
      if (rating) ratings.set((bucket.key as { itemId: string }).itemId, rating);
    }
    yield ratings;
    if (!page?.after_key) return;
    after = page.after_key;
  }
}

/** The `rate` actions that write `ratings`, as an aggregation started at `at` saw them. */
export function rateActions(ratings: ReadonlyMap<string, ItemRating | null>, at: number): SearchAction[] {
  return [...ratings].map(([id, rating]) => rateAction(id, rating, at));
}

/**
 * A clock for `at`: wall-clock milliseconds, but never the same or an earlier value twice in one
 * process, so two aggregations of one sink are always ordered.
 */
export function ratingClock(now: () => number = Date.now): () => number {
  let last = 0;
  return function nextRatingTime() {
    last = Math.max(now(), last + 1);
    return last;
  };
}
