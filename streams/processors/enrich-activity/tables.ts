/**
 * The global table enrich-activity joins against: the enriched items, read in full by every
 * instance, because activity is keyed by session and an action may concern any item.
 */
import { topics } from '../../../schemas/topics.ts';
import type { EnrichedItem } from '../../../schemas/types.generated.ts';
import { defineTable } from '../define-table.ts';

/** Enriched items by item id; deleted items leave the table. */
export const itemDimensionsTable = defineTable<EnrichedItem>({
  name: 'items',
  topic: topics.itemsEnriched,
  isDeleted: (enriched) => enriched.item.deleted,
});
