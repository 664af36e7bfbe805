/**
 * The enrich-activity processor: shopper actions joined with the dimensions of the item they
 * concern (category, seller, price), and searches with their query folded like item text, so the
 * analytics store can group views, clicks and purchases by category and seller without a join.
 */
import { topics } from '../../../schemas/topics.ts';
import type {
  EnrichedActivity,
  EnrichedItem,
  ItemDimensions,
  UserActivity,
} from '../../../schemas/types.generated.ts';
import { emit, reject, type Processor, type TableReader } from '../../runtime/processor.ts';
import { normaliseSearchText } from '../normalise-items/index.ts';
import { activityProblems } from './check-activity.ts';
import { itemDimensionsTable } from './tables.ts';

function itemDimensions(itemId: string | null, tables: TableReader): ItemDimensions | null {
  if (itemId === null || itemId.trim() === '') return null;
  const enriched = tables.get<EnrichedItem>(itemDimensionsTable.name, itemId);
  // Not known yet (the item's record has not reached the table) or deleted: the action is still
  // counted, only without dimensions. The table drops deleted items; the check is for safety.
  if (enriched === undefined || enriched.item.deleted) return null;
  const { category, sellerId, price } = enriched.item;
  return {
    categoryId: category.id,
    categoryPath: [...category.path],
    sellerId,
    price: { amountMinor: price.amountMinor, currency: price.currency },
  };
}

/**
 * Creates the enrich-activity processor: `shop.activity` (UserActivity) →
 * `shop.activity.enriched` (EnrichedActivity, keyed by session id), with the global table `items`
 * over `shop.items.enriched`.
 *
 * Rejects (VALIDATION_FAILED) an action whose type's detail is missing (SEARCH without `search`,
 * CLICK without `click`, ADD_TO_CART without `cart`, PURCHASE without `purchase`), a CLICK,
 * ADD_TO_CART or PURCHASE without `itemId`, a quantity of 0 or less, a click position below 1 and
 * a negative result count. UNKNOWN actions pass through unjudged: they come from producers newer
 * than this code, and dead-lettering them would hide real traffic from analytics until a deploy.
 *
 * @example
 * const enrichActivity = createEnrichActivity();
 * enrichActivity.process(searchForIphone, context);
 * // emits { activity, item: null, normalisedQuery: 'айфон 13' } keyed by activity.sessionId
 */
export function createEnrichActivity(): Processor<UserActivity, EnrichedActivity> {
  return {
    name: 'enrich-activity',
    inputs: [topics.activity],
    outputs: [topics.activityEnriched],
    tables: [itemDimensionsTable],
    process: function enrichActivity(activity, context) {
      const problems = activityProblems(activity);
      if (problems.length > 0) return reject('VALIDATION_FAILED', problems.join('; '));
      return emit({
        topic: topics.activityEnriched,
        key: activity.sessionId,
        value: {
          activity,
          item: itemDimensions(activity.itemId, context.tables),
          normalisedQuery:
            activity.type === 'SEARCH' && activity.search !== null
              ? normaliseSearchText(activity.search.query)
              : null,
        },
      });
    },
  };
}
