/**
 * What the search engine stores for an event: one pure mapping from an EnrichedItem or a
 * ScoredComment to a bulk action (index or delete), with the document, its id and its order. The
 * live sink and the reindex command both build their actions here, so a reindexed index holds
 * exactly the documents the sink would have written.
 *
 * Reviews are written with external versions (the review's version). Items are not: an item
 * document also carries its rating (`rating`, `ratingAt`), computed from the reviews and written
 * by partial updates, and any partial update moves `_version` on, which external versioning would
 * then mistake for the item's order. So an item's order lives in its `_source` as `itemOrder`
 * and is enforced by a scripted upsert (item-scripts.ts); a deleted item stays as a tombstone
 * (`deleted: true`, no content) that remembers its order, so no older state can bring it back.
 * Readers see live items only: `liveItemsFilter`.
 *
 * The field layout matches the index templates in templates.ts; a field added here is stored in
 * `_source` at once but only becomes searchable in an index created after the template changed
 * (the mappings are `dynamic: false`), which is what `eshop search reindex` is for.
 */
import { enrichedItemVersion, SELLER_VERSION_LIMIT } from '../enriched-item-version.ts';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';
import type { EnrichedItem, ScoredComment } from '../../../schemas/types.generated.ts';

export type SearchTarget = 'items' | 'comments';

export const searchTargets: readonly SearchTarget[] = ['items', 'comments'];

export interface ItemDocument {
  id: string;
  /** The item's own version (the document's `_version` also counts seller changes, see below). */
  version: number;
  title: string;
  description: string;
  category: { id: string | null; path: string[]; raw: string; known: boolean };
  /** The item's seller id, present even while the seller itself is not known yet. */
  sellerId: string;
  seller: { id: string; name: string; rating: number | null; region: string | null; version: number } | null;
  price: {
    /** Exact amount in minor units: filters and sorts that must not round. */
    amountMinor: number;
    /** Amount in major units (799.99) for range facets and display. */
    amount: number;
    currency: string;
  };
  imageUrls: string[];
  /**
   * Attributes as `key=value` keywords. Sellers invent attribute keys freely; mapping each key as
   * its own field would grow the mapping without bound (and a key like `size` next to `size.eu`
   * would conflict), so one keyword field holds them all and still filters and facets exactly.
   */
  attributes: string[];
  updatedAt: number;
}

export interface CommentDocument {
  id: string;
  itemId: string;
  authorId: string;
  text: string;
  rating: number;
  language: string;
  sentiment: { label: string; score: number; confidence: number; modelVersion: string };
  version: number;
  occurredAt: number;
}

export type SearchDocument = ItemDocument | CommentDocument;

/** An item's reviews in short: their average rating (1..5) and how many there are. */
export interface ItemRating {
  average: number;
  count: number;
}

/**
 * One bulk action. `index` and `delete` apply an event: for reviews `version` is the external
 * version; for items it is the item order (itemExternalVersion) kept in `_source.itemOrder`, and a
 * delete leaves a tombstone. `rate` sets an item's rating as an aggregation over the reviews saw
 * it at `at` (epoch milliseconds); null when the item has no reviews.
 */
export type SearchAction =
  | { op: 'index'; target: SearchTarget; id: string; version: number; document: SearchDocument }
  | { op: 'delete'; target: SearchTarget; id: string; version: number }
  | { op: 'rate'; target: 'items'; id: string; at: number; rating: ItemRating | null };

/**
 * The query filter that keeps live items: written by an item event (`itemOrder`), not deleted,
 * with content. It leaves out tombstones and rating-only stubs (a review's rating can arrive
 * before its item). Every reader of the items alias puts this in its filter context.
 */
export const liveItemsFilter: readonly Record<string, unknown>[] = [
  { exists: { field: 'itemOrder' } },
  { exists: { field: 'title' } },
  { bool: { must_not: [{ term: { deleted: true } }] } },
];

export { SELLER_VERSION_LIMIT };

/** The order of an item document (`itemOrder`): the platform's enriched-item order (see there). */
export function itemExternalVersion(enriched: {
  item: Pick<EnrichedItem['item'], 'id' | 'version'>;
  seller: Pick<NonNullable<EnrichedItem['seller']>, 'version'> | null;
}): number {
  const version = enrichedItemVersion(enriched.item.version, enriched.seller?.version ?? 0);
  if (version === undefined) {
    throw outOfRange(
      `item ${enriched.item.id}: item version ${enriched.item.version} or seller version ${enriched.seller?.version} is outside 0..2^32-1 / 0..2^21-1 and cannot be a document version`,
    );
  }
  return version;
}

function outOfRange(message: string): PlatformError {
  return new PlatformError(ErrorCodes.WRITE_REJECTED, message);
}

const fractionDigitsCache = new Map<string, number>();

/** Digits after the point in `currency`'s minor unit (ISO 4217 via ICU): 2 for RUB, 0 for JPY. */
export function currencyFractionDigits(currency: string): number {
  let digits = fractionDigitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits!;
    } catch {
      digits = 2; // not a well-formed code; normalise-items lets only known currencies through anyway
    }
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

export function itemDocument(enriched: EnrichedItem): ItemDocument {
  const { item, seller } = enriched;
  const scale = 10 ** currencyFractionDigits(item.price.currency);
  return {
    id: item.id,
    version: item.version,
    title: item.title,
    description: item.description,
    category: {
      id: item.category.id,
      path: [...item.category.path],
      raw: item.category.raw,
      known: item.category.known,
    },
    sellerId: item.sellerId,
    seller: seller && {
      id: seller.id,
      name: seller.name,
      rating: seller.rating,
      region: seller.region,
      version: seller.version,
    },
    price: {
      amountMinor: item.price.amountMinor,
      amount: item.price.amountMinor / scale,
      currency: item.price.currency,
    },
    imageUrls: [...item.imageUrls],
    attributes: Object.entries(item.attributes)
      .map(([key, value]) => `${key}=${value}`)
      .sort(),
    updatedAt: item.updatedAt,
  };
}

export function commentDocument(scored: ScoredComment): CommentDocument {
  const { comment, sentiment } = scored;
  return {
    id: comment.id,
    itemId: comment.itemId,
    authorId: comment.authorId,
    text: comment.text,
    rating: comment.rating,
    language: sentiment.language,
    sentiment: {
      label: sentiment.label,
      score: sentiment.score,
      confidence: sentiment.confidence,
      modelVersion: sentiment.modelVersion,
    },
    version: scored.version,
    occurredAt: scored.occurredAt,
  };
}

/**
 * The bulk action for an item: index it, or delete it (leave a tombstone) when `item.deleted`,
 * ordered by itemExternalVersion. Throws PlatformError(WRITE_REJECTED) when the order cannot be
 * encoded.
 */
export function itemAction(enriched: EnrichedItem): SearchAction {
  const version = itemExternalVersion(enriched);
  const id = enriched.item.id;
  return enriched.item.deleted
    ? { op: 'delete', target: 'items', id, version }
    : { op: 'index', target: 'items', id, version, document: itemDocument(enriched) };
}

/** The bulk action for a review: its version is the review's version, external. */
export function commentAction(scored: ScoredComment): SearchAction {
  const id = scored.comment.id;
  const version = scored.version;
  if (!Number.isSafeInteger(version) || version < 0) {
    throw outOfRange(`comment ${id}: version ${version} is not a non-negative integer`);
  }
  return scored.deleted
    ? { op: 'delete', target: 'comments', id, version }
    : { op: 'index', target: 'comments', id, version, document: commentDocument(scored) };
}

/** The action that sets item `id`'s rating, as an aggregation started at `at` saw it. */
export function rateAction(id: string, rating: ItemRating | null, at: number): SearchAction {
  return { op: 'rate', target: 'items', id, at, rating };
}

/** The item whose rating a decoded value of `target`'s topic may change (reviews only). */
export function ratedItemOf(target: SearchTarget, value: unknown): string | undefined {
  return target === 'comments' ? (value as ScoredComment).comment.itemId : undefined;
}

/** The action for a decoded value of `target`'s topic. */
export function searchAction(target: SearchTarget, value: unknown): SearchAction {
  return target === 'items' ? itemAction(value as EnrichedItem) : commentAction(value as ScoredComment);
}
