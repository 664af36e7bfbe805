/**
 * enrich-activity: `shop.activity` (UserActivity) → `shop.activity.enriched` (EnrichedActivity,
 * keyed by session id), joined with item dimensions from the global table `items`.
 */
export { createEnrichActivity } from './enrich-activity.ts';
export { activityProblems } from './check-activity.ts';
export { itemDimensionsTable } from './tables.ts';
