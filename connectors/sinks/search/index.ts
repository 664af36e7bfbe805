/**
 * The search sink and its tools: enriched items and scored reviews in versioned indices behind the
 * aliases `<prefix>-items` and `<prefix>-comments`, item ratings aggregated from the reviews into
 * the item documents, and the reindex that rebuilds one from its topic.
 */
export { createSearchSink, type SearchSinkOptions, type SearchSinkValue } from './search-sink.ts';
export {
  reindexFromTopic,
  type ReindexOptions,
  type ReindexProgress,
  type ReindexResult,
} from './reindex.ts';
export { createSearchClient, searchFailure, type SearchClientOptions } from './client.ts';
export {
  aliasTargets,
  describeSearchIndices,
  versionedIndices,
  type AliasInfo,
  type AliasTarget,
  type VersionedIndexInfo,
} from './aliases.ts';
export {
  commentAction,
  commentDocument,
  currencyFractionDigits,
  itemAction,
  itemDocument,
  itemExternalVersion,
  liveItemsFilter,
  rateAction,
  searchTargets,
  type CommentDocument,
  type ItemDocument,
  type ItemRating,
  type SearchAction,
  type SearchTarget,
} from './documents.ts';
export { aggregateItemRatings, allItemRatings } from './ratings.ts';
export { aliasName, templateName, versionedIndexName, versionedIndexPattern } from './index-names.ts';
export {
  defaultSearchIndexOptions,
  indexTemplate,
  putIndexTemplates,
  type SearchIndexOptions,
} from './templates.ts';
