/**
 * The global tables enrich-items joins against. Both are compacted topics read in full by every
 * instance, so any record can be joined whatever partition it arrives on.
 */
import { topics } from '../../../schemas/topics.ts';
import type { NormalisedItem, SellerChanged } from '../../../schemas/types.generated.ts';
import { defineTable } from '../define-table.ts';

/** Sellers by seller id: the latest SellerChanged of each; deleted sellers leave the table. */
export const sellersTable = defineTable<SellerChanged>({
  name: 'sellers',
  topic: topics.sellers,
  isDeleted: (change) => change.type === 'DELETED',
});

/**
 * Normalised items by item id, indexed by seller (`bySeller`), so a seller change can find every
 * item it must be re-joined onto. Deleted items leave the table.
 */
export const itemsTable = defineTable<NormalisedItem>({
  name: 'items',
  topic: topics.itemsNormalised,
  indexes: { bySeller: (item) => item.sellerId },
  isDeleted: (item) => item.deleted,
});
