/**
 * What the search engine stores for an event: one pure mapping from an EnrichedItem or a
 * ScoredComment to a bulk action (index or delete), with the document, its id and its external
 * version. The live sink and the reindex command both build their actions here, so a reindexed
 * index holds exactly the documents the sink would have written.
 *
 * The field layout matches the index templates in templates.ts; a field added here is stored in
 * `_source` at once but only becomes searchable in an index created after the template changed
 * (the mappings are `dynamic: false`), which is what `eshop search reindex` is for.
 */
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

/** One bulk action: index the document, or delete the document with that id. */
export type SearchAction =
  | { op: 'index'; target: SearchTarget; id: string; version: number; document: SearchDocument }
  | { op: 'delete'; target: SearchTarget; id: string; version: number };

/**
 * Seller versions an item's external version can tell apart: 2^21. With item versions below 2^32
 * the product stays below 2^53, so the version is exact in a JavaScript number (the engine's limit,
 * 2^63, is far away).
 */
export const SELLER_VERSION_LIMIT = 2 ** 21;

/**
 * The external version of an item document: `item.version * 2^21 + seller.version`.
 *
 * Why not just the item version: enrich-items re-emits an item with the *same* item version when
 * its seller changes (a rename shows on every item of the seller). With the item version alone the
 * engine would refuse the re-emission as stale (409) and keep the old seller name forever. Adding
 * the seller's version in the low bits makes the re-emission newer, while any change of the item
 * itself still outranks every seller change of the previous item version.
 *
 * Limits: seller versions from 2^21 on and item versions from 2^32 on cannot be encoded and throw
 * (the record is dead-lettered rather than written with an ambiguous version). A seller deletion
 * re-emits the item with `seller: null`, i.e. seller version 0: that is older than the item's
 * current document, so the document keeps showing the deleted seller until the item changes.
 *
 * @example
 * itemExternalVersion({ item: { version: 3 }, seller: { version: 2 } }) // 3 * 2097152 + 2 = 6291458
 */
export function itemExternalVersion(enriched: {
  item: Pick<EnrichedItem['item'], 'id' | 'version'>;
  seller: Pick<NonNullable<EnrichedItem['seller']>, 'version'> | null;
}): number {
  const itemVersion = enriched.item.version;
  const sellerVersion = enriched.seller?.version ?? 0;
  if (!Number.isSafeInteger(itemVersion) || itemVersion < 0 || itemVersion >= 2 ** 32) {
    throw outOfRange(`item ${enriched.item.id}: item version ${itemVersion} is outside 0..2^32-1`);
  }
  if (!Number.isSafeInteger(sellerVersion) || sellerVersion < 0 || sellerVersion >= SELLER_VERSION_LIMIT) {
    throw outOfRange(
      `item ${enriched.item.id}: seller version ${sellerVersion} is outside 0..2^21-1 and cannot be part of the document version`,
    );
  }
  return itemVersion * SELLER_VERSION_LIMIT + sellerVersion;
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
 * The bulk action for an item: index it, or delete it when `item.deleted`, with the external
 * version of itemExternalVersion. Throws PlatformError(WRITE_REJECTED) when the version cannot be
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

/** The action for a decoded value of `target`'s topic. */
export function searchAction(target: SearchTarget, value: unknown): SearchAction {
  return target === 'items' ? itemAction(value as EnrichedItem) : commentAction(value as ScoredComment);
}
