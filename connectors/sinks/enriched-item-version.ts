/**
 * The one ordering of enriched items every sink uses: `item.version * 2^21 + seller.version`.
 *
 * enrich-items re-emits an item with the same item version when its seller changes (a rename shows
 * on every item of the seller). Ordered by the item version alone, a store would refuse or ignore
 * the re-emission as stale and keep the old seller name forever; the seller's version in the low
 * bits makes it newer, while any change of the item itself still outranks every seller change of
 * the previous item version. The search engine's external version, ClickHouse's replacing version
 * and Redis' card order are all this number, so the three stores agree on which state is latest.
 *
 * Limits: item versions below 2^32 and seller versions below 2^21, so the result stays an exact
 * JavaScript number (below 2^53). A seller deletion re-emits the item with `seller: null` (seller
 * version 0), which is older than the stored state: the deleted seller stays on the item until the
 * item itself changes - closing that needs the seller's version on the deletion (a schema change).
 */
export const SELLER_VERSION_BITS = 21;
export const SELLER_VERSION_LIMIT = 2 ** SELLER_VERSION_BITS;
export const ITEM_VERSION_LIMIT = 2 ** 32;

/** The order of an enriched item's state, or undefined when a version is out of range. */
export function enrichedItemVersion(itemVersion: number, sellerVersion: number): number | undefined {
  if (!Number.isSafeInteger(itemVersion) || itemVersion < 0 || itemVersion >= ITEM_VERSION_LIMIT)
    return undefined;
  if (!Number.isSafeInteger(sellerVersion) || sellerVersion < 0 || sellerVersion >= SELLER_VERSION_LIMIT) {
    return undefined;
  }
  return itemVersion * SELLER_VERSION_LIMIT + sellerVersion;
}
