/**
 * Typed global-table declarations for processors.
 *
 * `Processor.tables` holds `TableDeclaration<unknown>`, and a declaration typed by its rows
 * (`TableDeclaration<NormalisedItem>`) is not assignable to it: its index and isDeleted functions
 * take a NormalisedItem, and under strictFunctionTypes a function of NormalisedItem is not a
 * function of unknown. This is the one place that bridges the two, so a table is declared with
 * its row type checked and handed to the runtime as the contract wants.
 */
import type { TableDeclaration } from '../runtime/processor.ts';

/**
 * Declares a global table whose rows are `V`, for a processor's `tables`.
 *
 * @example
 * const items = defineTable<NormalisedItem>({
 *   name: 'items',
 *   topic: topics.itemsNormalised,
 *   indexes: { bySeller: (item) => item.sellerId },
 *   isDeleted: (item) => item.deleted,
 * });
 */
export function defineTable<V>(declaration: TableDeclaration<V>): TableDeclaration {
  // Sound as long as the runtime fills a table only from its own topic, decoded with that topic's
  // schema: then every row the functions see is a V.
  return declaration as unknown as TableDeclaration;
}
