/**
 * The enrich-items processor: normalised items joined with their seller, so search and the cache
 * show the seller's current name, rating and region. Two inputs, one output:
 *
 * - a NormalisedItem (`shop.items.normalised`) is joined with its seller from the `sellers` table;
 * - a SellerChanged (`shop.sellers`) is joined back onto every item of that seller, found through
 *   the `items` table's `bySeller` index (a foreign-key join), so a renamed seller shows up on all
 *   their items without waiting for the items to change.
 */
import { topics } from '../../../schemas/topics.ts';
import type {
  EnrichedItem,
  NormalisedItem,
  Seller,
  SellerChanged,
  SellerSnapshot,
} from '../../../schemas/types.generated.ts';
import {
  emit,
  reject,
  type OutputRecord,
  type ProcessResult,
  type Processor,
  type ProcessorContext,
} from '../../runtime/processor.ts';
import { itemsTable, sellersTable } from './tables.ts';

function snapshot(seller: Seller, version: number): SellerSnapshot {
  return { id: seller.id, name: seller.name, rating: seller.rating, region: seller.region, version };
}

function enriched(
  item: NormalisedItem,
  seller: SellerSnapshot | null,
  at: number,
): OutputRecord<EnrichedItem> {
  return { topic: topics.itemsEnriched, key: item.id, value: { item, seller, enrichedAt: at } };
}

function enrichItem(item: NormalisedItem, context: ProcessorContext): ProcessResult<EnrichedItem> {
  const change = context.tables.get<SellerChanged>(sellersTable.name, item.sellerId);
  // The table drops deleted sellers; the check keeps a deleted one out even if a table kept it.
  // An unknown seller is not an error: the seller's record may simply not have arrived yet. When
  // it does, the seller branch below re-emits every item the `items` table holds for the seller by
  // then; the table is fed from this processor's input topic by the runtime, in the background.
  const seller =
    change === undefined || change.type === 'DELETED' ? null : snapshot(change.seller, change.version);
  // Deleted items pass through (item.deleted = true) so that the sinks delete them.
  return emit(enriched(item, seller, context.timestamp));
}

function enrichSellersItems(change: SellerChanged, context: ProcessorContext): ProcessResult<EnrichedItem> {
  if (change.type !== 'CREATED' && change.type !== 'UPDATED' && change.type !== 'DELETED') {
    return reject(
      'VALIDATION_FAILED',
      `type must be CREATED, UPDATED or DELETED, got ${change.type}: the seller change cannot be applied`,
    );
  }
  if (change.seller.id.trim() === '') {
    return reject(
      'VALIDATION_FAILED',
      `seller.id must not be empty, got ${JSON.stringify(change.seller.id)}`,
    );
  }
  // The event, not the table, is the new state: the table may not have applied it yet.
  const seller = change.type === 'DELETED' ? null : snapshot(change.seller, change.version);
  const items = context.tables
    .lookup<NormalisedItem>(itemsTable.name, 'bySeller', change.seller.id)
    .filter((item) => !item.deleted)
    // Tables have no defined order; sorting makes the output the same on every replay.
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // One record per item of the seller, in the one transaction of this input record. A seller with
  // no items yet emits nothing, which is not an error.
  return emit(...items.map((item) => enriched(item, seller, context.timestamp)));
}

/**
 * Creates the enrich-items processor: `shop.items.normalised` and `shop.sellers` →
 * `shop.items.enriched` (EnrichedItem, keyed by item id), with the global tables `sellers` and
 * `items` (index `bySeller`). `enrichedAt` is the input record's timestamp. A seller change with
 * an UNKNOWN type, or a record from a topic it does not read, is rejected (VALIDATION_FAILED).
 *
 * @example
 * const enrichItems = createEnrichItems();
 * enrichItems.process(normalisedItem, { ...context, topic: 'shop.items.normalised' });
 * // emits { item: normalisedItem, seller: { id, name, rating, region, version }, enrichedAt }
 * enrichItems.process(sellerRenamed, { ...context, topic: 'shop.sellers' });
 * // emits one EnrichedItem per item of that seller, with the new name
 */
export function createEnrichItems(): Processor<NormalisedItem | SellerChanged, EnrichedItem> {
  return {
    name: 'enrich-items',
    inputs: [topics.itemsNormalised, topics.sellers],
    outputs: [topics.itemsEnriched],
    tables: [sellersTable, itemsTable],
    process: function enrichItems(record, context) {
      // Both inputs arrive through one process function; the topic says which record this is.
      switch (context.topic) {
        case topics.itemsNormalised.name:
          return enrichItem(record as NormalisedItem, context);
        case topics.sellers.name:
          return enrichSellersItems(record as SellerChanged, context);
        default:
          return reject(
            'VALIDATION_FAILED',
            `enrich-items reads ${topics.itemsNormalised.name} and ${topics.sellers.name}, not ${context.topic}`,
          );
      }
    },
  };
}
