/**
 * The stream processors, in the order of the data flow. Each is a pure `Processor`
 * (streams/runtime/processor.ts) that the runtime runs on Kafka; each folder's `index.ts` is its
 * public surface.
 *
 *   shop.items ──normalise-items──▶ shop.items.normalised ─┐
 *   shop.sellers ───────────────────────────────────────────┴─enrich-items──▶ shop.items.enriched
 *   shop.comments ──score-comments──▶ shop.comments.scored
 *   shop.activity ──enrich-activity (items: shop.items.enriched)──▶ shop.activity.enriched
 */
export {
  createNormaliseItems,
  defaultNormaliseItemsOptions,
  normaliseSearchText,
  normaliseText,
  type NormaliseItemsOptions,
} from './normalise-items/index.ts';
export { createEnrichItems } from './enrich-items/index.ts';
export { scoreComments } from './score-comments/index.ts';
export { createEnrichActivity } from './enrich-activity/index.ts';
