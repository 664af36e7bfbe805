/**
 * The ClickHouse sink and the analytics store it keeps: raw tables for enriched activity, items and
 * scored reviews, materialised views for the dashboards, and the named queries the API and Grafana
 * read them with. Duplicates never change a query result (see schema.ts).
 */
export { createClickHouseSink, type ClickHouseSinkOptions } from './clickhouse-sink.ts';
export {
  activityTable,
  commentsTable,
  ensureSchema,
  itemsTable,
  materialisedViews,
  rawTables,
  schemaStatements,
  type TableDefinition,
  type ViewDefinition,
} from './schema.ts';
export {
  activityRow,
  commentRow,
  itemRow,
  itemRowVersion,
  SELLER_VERSION_LIMIT,
  type ActivityRow,
  type CommentRow,
  type ItemRow,
  type RowResult,
} from './rows.ts';
export {
  analyticsQueries,
  ClickHouseAnalytics,
  type AnalyticsQuery,
  type FunnelConversionRow,
  type ItemSentimentRow,
  type ItemSeriesParams,
  type ItemViewsRow,
  type ItemVisitorsRow,
  type LatestItemRow,
  type LatestItemsParams,
  type SearchClickThroughRow,
  type SearchTermRow,
  type SessionFunnelRow,
  type TimeRange,
  type TopParams,
} from './queries.ts';
export { classifyStoreFailure, clickHouseErrorCode, storeError, type StoreFailure } from './store-errors.ts';
