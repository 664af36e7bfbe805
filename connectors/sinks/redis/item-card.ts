/**
 * The item card: what a storefront tile needs of an item, cached in Redis as JSON under
 * `item:<id>:card` (keys.ts) and served by the API without touching Postgres.
 */
import type { EnrichedItem } from '../../../schemas/types.generated.ts';

/** The JSON stored under `item:<id>:card`. Fields are only ever added. */
export interface ItemCard {
  id: string;
  /** The item version the card shows. */
  version: number;
  title: string;
  price: { amountMinor: number; currency: string };
  /** Canonical category; `id` null and `path` empty when the seller's category matched nothing. */
  category: { id: string | null; path: string[] };
  /** `name` and `version` are null while the seller is unknown (or deleted). */
  seller: { id: string; name: string | null; version: number | null };
  imageUrls: string[];
  /** When the item last changed, epoch milliseconds. */
  updatedAt: number;
}

/**
 * Seller versions get the low 21 bits of a card's ordering version: an EnrichedItem is re-emitted
 * with the same item version when only its seller changed, and that re-emission must win over the
 * earlier card. 2^21 seller changes per item version and 2^32 item versions keep the product below
 * 2^53, where doubles (JavaScript and Redis' Lua) still count exactly.
 */
export const SELLER_VERSION_BITS = 21;
const SELLER_VERSIONS = 2 ** SELLER_VERSION_BITS;
const MAX_ITEM_VERSION = 2 ** 32 - 1;

/**
 * The version a card is ordered by: `item.version * 2^21 + seller.version` (a missing seller
 * counts as 0). A card is written only when this is greater than the one stored; as a string,
 * because it travels to Redis as one. Undefined when the versions do not fit (see above).
 *
 * A seller deletion re-emits items with `seller: null`, which carries no version, so it orders
 * below the card it follows and does not clear the seller's name; the next item change does.
 *
 * @example
 * cardOrder(enriched);  // item v3, seller v2 → '6291458'
 */
export function cardOrder(value: EnrichedItem): string | undefined {
  const itemVersion = value.item.version;
  const sellerVersion = value.seller?.version ?? 0;
  if (!Number.isSafeInteger(itemVersion) || itemVersion < 0 || itemVersion > MAX_ITEM_VERSION)
    return undefined;
  if (!Number.isSafeInteger(sellerVersion) || sellerVersion < 0 || sellerVersion >= SELLER_VERSIONS) {
    return undefined;
  }
  return String(itemVersion * SELLER_VERSIONS + sellerVersion);
}

/** The card of an enriched item (deleted or not: the caller decides to delete instead). */
export function toItemCard(value: EnrichedItem): ItemCard {
  const { item, seller } = value;
  return {
    id: item.id,
    version: item.version,
    title: item.title,
    price: { amountMinor: item.price.amountMinor, currency: item.price.currency },
    category: { id: item.category.id, path: [...item.category.path] },
    seller: { id: item.sellerId, name: seller?.name ?? null, version: seller?.version ?? null },
    imageUrls: [...item.imageUrls],
    updatedAt: item.updatedAt,
  };
}
