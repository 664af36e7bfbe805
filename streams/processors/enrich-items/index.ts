/**
 * enrich-items: `shop.items.normalised` (NormalisedItem) and `shop.sellers` (SellerChanged) →
 * `shop.items.enriched` (EnrichedItem, keyed by item id), through the global tables `sellers` and
 * `items`.
 */
export { createEnrichItems } from './enrich-items.ts';
export { itemsTable, sellersTable } from './tables.ts';
