/**
 * normalise-items: `shop.items` (ItemChanged) → `shop.items.normalised` (NormalisedItem, keyed by
 * item id). Clean text, HTML-free descriptions, canonical categories, checked prices.
 *
 * The text functions are exported for reuse: search queries must fold exactly like item text.
 */
export { createNormaliseItems } from './normalise-items.ts';
export {
  defaultNormaliseItemsOptions,
  resolveNormaliseItemsOptions,
  type NormaliseItemsOptions,
} from './options.ts';
export { normaliseSearchText, normaliseText } from './normalise-text.ts';
export { decodeHtmlEntities, htmlToText } from './html-to-text.ts';
export { normaliseAttributes } from './normalise-attributes.ts';
export {
  createCategoryMatcher,
  type CategoryMatcher,
  type CategoryMatcherOptions,
} from './category-matcher.ts';
export { flattenTaxonomy, taxonomyTree, type TaxonomyCategory, type TaxonomyNode } from './taxonomy.ts';
