/**
 * The item card: what a storefront tile and the item page need of an item, cached in Redis as JSON
 * under `item:<id>:card` (keys.ts) and served by the API without touching Postgres. The API builds
 * the same card from Postgres when one is missing (api/items/card-refill.ts), so the card is made
 * here, from an EnrichedItem, and nowhere else.
 */
import { enrichedItemVersion, SELLER_VERSION_BITS } from '../enriched-item-version.ts';
import type { EnrichedItem } from '../../../schemas/types.generated.ts';

/** The JSON stored under `item:<id>:card`. Fields are only ever added. */
export interface ItemCard {
  id: string;
  /** The item version the card shows. */
  version: number;
  title: string;
  /** Plain text (HTML stripped by normalise-items). Added with the item page; older cards lack it. */
  description?: string;
  price: { amountMinor: number; currency: string };
  /** Canonical category; `id` null and `path` empty when the seller's category matched nothing. */
  category: { id: string | null; path: string[] };
  /** `name` and `version` are null while the seller is unknown (or deleted). */
  seller: { id: string; name: string | null; version: number | null };
  imageUrls: string[];
  /** Normalised attributes (colour, size...). Added with the item page; older cards lack it. */
  attributes?: Record<string, string>;
  /** When the item last changed, epoch milliseconds. */
  updatedAt: number;
}

/** Bits of a card's order given to the seller's version (see connectors/sinks/enriched-item-version.ts). */
export { SELLER_VERSION_BITS };

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
  const order = enrichedItemVersion(value.item.version, value.seller?.version ?? 0);
  return order === undefined ? undefined : String(order);
}

/** The card of an enriched item (deleted or not: the caller decides to delete instead). */
export function toItemCard(value: EnrichedItem): ItemCard {
  const { item, seller } = value;
  return {
    id: item.id,
    version: item.version,
    title: item.title,
    description: item.description,
    price: { amountMinor: item.price.amountMinor, currency: item.price.currency },
    category: { id: item.category.id, path: [...item.category.path] },
    seller: { id: item.sellerId, name: seller?.name ?? null, version: seller?.version ?? null },
    imageUrls: [...item.imageUrls],
    attributes: { ...item.attributes },
    updatedAt: item.updatedAt,
  };
}
