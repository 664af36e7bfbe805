/**
 * The normalise-items processor: catalogue changes in, clean items out. Text is normalised, the
 * description stripped of HTML, the category mapped onto the taxonomy, the price checked. Items
 * that break a rule are rejected with the reason (and reach the dead-letter topic), never repaired
 * by guessing.
 */
import type { ItemChanged, NormalisedItem } from '../../../schemas/types.generated.ts';
import { topics } from '../../../schemas/topics.ts';
import { emit, reject, type Processor } from '../../runtime/processor.ts';
import { createCategoryMatcher } from './category-matcher.ts';
import { normalisePrice, priceProblem } from './check-price.ts';
import { itemShapeProblem } from './check-shape.ts';
import { htmlToText } from './html-to-text.ts';
import { normaliseAttributes } from './normalise-attributes.ts';
import { normaliseText } from './normalise-text.ts';
import { resolveNormaliseItemsOptions, type NormaliseItemsOptions } from './options.ts';

/**
 * Creates the normalise-items processor (`shop.items` → `shop.items.normalised`, keyed by item id).
 * Throws CONFIG_INVALID when the options are inconsistent, so a bad setting stops the start-up.
 *
 * - CREATED / UPDATED: title and attributes normalised (NFKC, whitespace), description turned from
 *   HTML into text, category mapped (unknown ones kept with `known: false`), price checked. Rejects
 *   (VALIDATION_FAILED) a field of the wrong type, an empty id, seller id or title, and a price that
 *   is not positive, not below the cap or not in an accepted currency.
 * - DELETED: the normalised last state with `deleted: true`; only its shape and id are checked.
 * - UNKNOWN (a change type newer than this code): rejected, as its effect cannot be known.
 *
 * @example
 * const normaliseItems = createNormaliseItems({ priceCapMinor: 1_000_000_00 });
 * normaliseItems.process(itemChanged, context);
 * // { kind: 'emit', records: [{ topic: topics.itemsNormalised, key: item.id, value: normalisedItem }] }
 */
export function createNormaliseItems(
  options: Partial<NormaliseItemsOptions> = {},
): Processor<ItemChanged, NormalisedItem> {
  const resolved = resolveNormaliseItemsOptions(options);
  const categories = createCategoryMatcher(resolved.taxonomy);

  return {
    name: 'normalise-items',
    inputs: [topics.items],
    outputs: [topics.itemsNormalised],
    process: function normaliseItem(event) {
      if (event.type !== 'CREATED' && event.type !== 'UPDATED' && event.type !== 'DELETED') {
        return reject(
          'VALIDATION_FAILED',
          `type must be CREATED, UPDATED or DELETED, got ${event.type}: the change cannot be applied`,
        );
      }
      const shapeProblem = itemShapeProblem(event);
      if (shapeProblem !== undefined) return reject('VALIDATION_FAILED', shapeProblem);
      const { item } = event;
      const deleted = event.type === 'DELETED';
      const title = normaliseText(item.title);
      const price = normalisePrice(item.price);

      // The id is the output key: without it nothing can be updated or deleted downstream.
      const problems: string[] = [];
      if (item.id.trim() === '') problems.push(`item.id must not be empty, got ${JSON.stringify(item.id)}`);
      // Content rules apply to live items only. A deletion must always get through: rejecting it for
      // a bad price, title or seller would leave an item the shop removed on sale in search and the
      // cache, and nothing downstream could take it down. Its last state is passed on as it is.
      if (!deleted) {
        if (item.sellerId.trim() === '') {
          problems.push(`item.sellerId must not be empty, got ${JSON.stringify(item.sellerId)}`);
        }
        if (title === '') problems.push(`item.title must not be empty, got ${JSON.stringify(item.title)}`);
        const problem = priceProblem(price, resolved);
        if (problem !== undefined) problems.push(problem);
      }
      if (problems.length > 0) return reject('VALIDATION_FAILED', problems.join('; '));

      return emit({
        topic: topics.itemsNormalised,
        key: item.id,
        value: {
          id: item.id,
          version: event.version,
          deleted,
          sellerId: item.sellerId,
          title,
          description: htmlToText(item.description),
          category: categories.match(item.category),
          price,
          // Blank image entries would render as broken images on the storefront.
          imageUrls: item.imageUrls.map((url) => url.trim()).filter((url) => url !== ''),
          attributes: normaliseAttributes(item.attributes),
          updatedAt: event.occurredAt,
          sourceEventId: event.eventId,
        },
      });
    },
  };
}
