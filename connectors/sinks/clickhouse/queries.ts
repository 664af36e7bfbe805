/**
 * The named read queries over the analytics store - what the API and the Grafana dashboards ask.
 * Each is duplicate-proof by construction, so a replayed or redelivered batch never changes an
 * answer, even before ClickHouse has merged anything:
 * - over the views' tables, through the -Merge of distinct-id (`uniqExact`), `argMax` and `max`
 *   states (see schema.ts);
 * - over the raw tables, through `argMax(..., version)` per entity or `uniqExact` of ids.
 *
 * Written for 18.16 and current releases alike: values are inlined as checked literals (18.16 has
 * no query parameters), times are compared as `toDateTime(<epoch seconds>)`, no alias repeats a
 * column name inside its own aggregate (the old and the new analyzer resolve such names
 * differently), and HAVING only filters aggregates (the 24.3+ analyzer refuses anything else).
 * Floating-point averages are rounded so that the order in which threads sum does not show.
 *
 * Times come back as ISO 8601 UTC strings ('2026-11-25T12:00:00Z'), dates as 'YYYY-MM-DD', counts as
 * numbers.
 *
 * @example
 * const analytics = new ClickHouseAnalytics(client, 'eshop');
 * await analytics.run(analyticsQueries.topSearchTerms, { from: Date.parse('2026-11-25'), to: Date.now(), limit: 10 });
 * // [{ query: 'айфон 13', searches: 120, zeroResultSearches: 0 }, ...]
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { dateLiteral, dateTimeLiteral, limitClause, qualifiedName, stringList } from './sql.ts';
import { storeError } from './store-errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A half-open time range [from, to) in epoch milliseconds. */
export interface TimeRange {
  from: number;
  to: number;
}

export interface ItemSeriesParams extends TimeRange {
  /** Only these items; all items when absent. */
  itemIds?: readonly string[];
}

export interface TopParams extends TimeRange {
  /** Most rows returned; default 20. */
  limit?: number;
}

export interface LatestItemsParams {
  /** Only these items; all items when absent. */
  itemIds?: readonly string[];
  /** Most rows returned, in item id order; all when absent. */
  limit?: number;
}

type RawRow = Record<string, unknown>;

/** One named query: its SQL for a database and parameters, and how a result row reads. */
export interface AnalyticsQuery<P, R> {
  readonly name: string;
  readonly doc: string;
  sql(database: string, params: P): string;
  row(raw: RawRow): R;
}

export interface ItemViewsRow {
  itemId: string;
  minute: string;
  views: number;
}

export interface ItemVisitorsRow {
  itemId: string;
  hour: string;
  visitors: number;
}

export interface SearchTermRow {
  query: string;
  searches: number;
  zeroResultSearches: number;
}

export interface SearchClickThroughRow {
  query: string;
  searches: number;
  searchesWithClick: number;
}

export interface FunnelConversionRow {
  /** Sessions whose first action falls in the range. */
  sessions: number;
  /** ...that viewed an item page. */
  viewed: number;
  /** ...that viewed and clicked a search result. */
  clicked: number;
  /** ...that viewed, clicked and added to the cart. */
  addedToCart: number;
  /** ...that viewed, clicked, added to the cart and bought. */
  purchased: number;
}

export interface SessionFunnelRow {
  sessionId: string;
  firstSeen: string;
  lastSeen: string;
  searched: boolean;
  viewed: boolean;
  clicked: boolean;
  addedToCart: boolean;
  purchased: boolean;
}

export interface ItemSentimentRow {
  itemId: string;
  day: string;
  /** Reviews written or changed that day and not deleted by the end of it. */
  comments: number;
  positive: number;
  neutral: number;
  negative: number;
  /** Mean sentiment score (-1..1) of those reviews, rounded to 6 digits. */
  averageScore: number;
  /** Mean star rating of those reviews, rounded to 4 digits. */
  averageRating: number;
}

export interface LatestItemRow {
  itemId: string;
  itemVersion: number;
  sellerVersion: number;
  title: string;
  categoryId: string;
  categoryPath: string[];
  categoryKnown: boolean;
  priceMinor: number;
  priceCurrency: string;
  sellerId: string;
  sellerName: string;
  sellerRating: number | null;
  sellerRegion: string;
  updatedAt: string;
}

function defineQuery<P, R>(query: AnalyticsQuery<P, R>): AnalyticsQuery<P, R> {
  return query;
}

/** 'YYYY-MM-DD hh:mm:ss' (a DateTime('UTC') column in JSON) as ISO 8601 UTC. */
function isoTime(value: unknown): string {
  return `${String(value).replace(' ', 'T')}Z`;
}

/** UInt64 arrives as a string (output_format_json_quote_64bit_integers); counts fit a number. */
function count(value: unknown): number {
  return Number(value);
}

function timeWhere(column: string, range: TimeRange): string {
  return `${column} >= ${dateTimeLiteral(range.from)} AND ${column} < ${dateTimeLiteral(range.to)}`;
}

function itemFilter(itemIds: readonly string[] | undefined): string {
  return itemIds && itemIds.length > 0 ? ` AND item_id IN ${stringList(itemIds)}` : '';
}

/** The partition-pruning day range of a query whose rows may lie up to a day beyond the range. */
function daysAround(column: string, range: TimeRange): string {
  return `${column} >= ${dateLiteral(range.from - DAY_MS)} AND ${column} <= ${dateLiteral(range.to + DAY_MS)}`;
}

/** Per item and time bucket, the -Merge of a distinct-count state of a view's table. */
function itemSeries<R>(
  name: string,
  doc: string,
  table: string,
  [bucket, state]: [string, string],
  row: (itemId: string, time: string, count: number) => R,
): AnalyticsQuery<ItemSeriesParams, R> {
  return {
    name,
    doc,
    sql: (database, params) => `SELECT item_id, ${bucket}, uniqExactMerge(${state}) AS distinct_count
    FROM ${qualifiedName(database, table)}
    WHERE ${timeWhere(bucket, params)}${itemFilter(params.itemIds)}
    GROUP BY item_id, ${bucket}
    ORDER BY item_id, ${bucket}`,
    row: (raw) => row(String(raw.item_id), isoTime(raw[bucket]), count(raw.distinct_count)),
  };
}

export const viewsPerItemPerMinute = itemSeries<ItemViewsRow>(
  'viewsPerItemPerMinute',
  'Page views per item per minute (distinct view events)',
  'item_views_per_minute',
  ['minute_start', 'views'],
  (itemId, minute, views) => ({ itemId, minute, views }),
);

export const uniqueVisitorsPerItemPerHour = itemSeries<ItemVisitorsRow>(
  'uniqueVisitorsPerItemPerHour',
  'Distinct sessions that viewed each item, per hour',
  'item_visitors_per_hour',
  ['hour_start', 'visitors'],
  (itemId, hour, visitors) => ({ itemId, hour, visitors }),
);

function searchTermsSql(database: string, params: TopParams, zeroResultsOnly: boolean): string {
  const order = zeroResultsOnly ? 'zero_result_count DESC, searched_for' : 'search_count DESC, searched_for';
  return `SELECT normalised_query AS searched_for,
      uniqExactMerge(searches) AS search_count,
      uniqExactIfMerge(zero_result_searches) AS zero_result_count
    FROM ${qualifiedName(database, 'search_terms_per_hour')}
    WHERE ${timeWhere('hour_start', params)}
    GROUP BY normalised_query
    ${zeroResultsOnly ? 'HAVING zero_result_count > 0' : ''}
    ORDER BY ${order}
    ${limitClause(params.limit ?? 20)}`;
}

function searchTermRow(raw: RawRow): SearchTermRow {
  return {
    query: String(raw.searched_for),
    searches: count(raw.search_count),
    zeroResultSearches: count(raw.zero_result_count),
  };
}

export const topSearchTerms = defineQuery<TopParams, SearchTermRow>({
  name: 'topSearchTerms',
  doc: 'The most searched normalised queries, with how many of those searches found nothing',
  sql: (database, params) => searchTermsSql(database, params, false),
  row: searchTermRow,
});

export const zeroResultSearchTerms = defineQuery<TopParams, SearchTermRow>({
  name: 'zeroResultSearchTerms',
  doc: 'The normalised queries that most often found nothing',
  sql: (database, params) => searchTermsSql(database, params, true),
  row: searchTermRow,
});

export const searchClickThrough = defineQuery<TopParams, SearchClickThroughRow>({
  name: 'searchClickThrough',
  doc: 'Searches per normalised query and how many of them got at least one result click',
  // Over the raw table: a click refers to its search by search id, which no view can join. Every
  // count is of distinct search or event ids, so copies of a row change nothing. Clicks may come
  // up to a day after the range; searches are those made within it.
  sql: (
    database,
    params,
  ) => `SELECT searched_for, count() AS search_count, countIf(click_count > 0) AS clicked_count
    FROM (
      SELECT search_id,
        anyIf(normalised_query, type = 'SEARCH') AS searched_for,
        minIf(occurred_at, type = 'SEARCH') AS searched_at,
        uniqExactIf(event_id, type = 'SEARCH') AS search_events,
        uniqExactIf(event_id, type = 'CLICK') AS click_count
      FROM ${qualifiedName(database, 'activity')}
      WHERE type IN ('SEARCH', 'CLICK') AND search_id != '' AND ${daysAround('event_date', params)}
      GROUP BY search_id
      HAVING search_events > 0 AND ${timeWhere('searched_at', params)}
    )
    GROUP BY searched_for
    ORDER BY search_count DESC, searched_for
    ${limitClause(params.limit ?? 20)}`,
  row: (raw) => ({
    query: String(raw.searched_for),
    searches: count(raw.search_count),
    searchesWithClick: count(raw.clicked_count),
  }),
});

/**
 * The funnel's flags per session, merged over the session's days. Sessions are assumed to last
 * less than a day: rows are read from one day before to one day after the range.
 */
function sessionStepsSql(database: string, range: TimeRange): string {
  return `SELECT session_id,
      minMerge(first_seen) AS started_at,
      maxMerge(last_seen) AS ended_at,
      maxMerge(searched) AS has_search,
      maxMerge(viewed) AS has_view,
      maxMerge(clicked) AS has_click,
      maxMerge(added_to_cart) AS has_cart,
      maxMerge(purchased) AS has_purchase
    FROM ${qualifiedName(database, 'session_funnel')}
    WHERE ${daysAround('session_date', range)}
    GROUP BY session_id
    HAVING ${timeWhere('started_at', range)}`;
}

export const funnelConversion = defineQuery<TimeRange, FunnelConversionRow>({
  name: 'funnelConversion',
  doc: 'Sessions started in the range that reached each funnel step (view → click → cart → purchase), each step counting only sessions that reached every earlier one',
  sql: (database, params) => `SELECT count() AS sessions,
      countIf(has_view = 1) AS viewed,
      countIf(has_view = 1 AND has_click = 1) AS clicked,
      countIf(has_view = 1 AND has_click = 1 AND has_cart = 1) AS added_to_cart,
      countIf(has_view = 1 AND has_click = 1 AND has_cart = 1 AND has_purchase = 1) AS purchases
    FROM (${sessionStepsSql(database, params)})`,
  row: (raw) => ({
    sessions: count(raw.sessions),
    viewed: count(raw.viewed),
    clicked: count(raw.clicked),
    addedToCart: count(raw.added_to_cart),
    purchased: count(raw.purchases),
  }),
});

export const sessionFunnels = defineQuery<TopParams, SessionFunnelRow>({
  name: 'sessionFunnels',
  doc: 'The funnel steps each session started in the range reached, by session id',
  sql: (database, params) => `SELECT * FROM (${sessionStepsSql(database, params)})
    ORDER BY session_id
    ${limitClause(params.limit ?? 1000)}`,
  row: (raw) => ({
    sessionId: String(raw.session_id),
    firstSeen: isoTime(raw.started_at),
    lastSeen: isoTime(raw.ended_at),
    searched: Number(raw.has_search) === 1,
    viewed: Number(raw.has_view) === 1,
    clicked: Number(raw.has_click) === 1,
    addedToCart: Number(raw.has_cart) === 1,
    purchased: Number(raw.has_purchase) === 1,
  }),
});

export const sentimentPerItemPerDay = defineQuery<ItemSeriesParams, ItemSentimentRow>({
  name: 'sentimentPerItemPerDay',
  doc: 'Per item and day: reviews written or changed that day, by sentiment label, with mean score and rating (a review counts once, as of its last version that day; deleted ones drop out)',
  sql: (database, params) => `SELECT item_id, comment_date,
      count() AS comment_count,
      countIf(label = 'POSITIVE') AS positive_count,
      countIf(label = 'NEUTRAL') AS neutral_count,
      countIf(label = 'NEGATIVE') AS negative_count,
      round(avg(score), 6) AS average_score,
      round(avg(stars), 4) AS average_rating
    FROM (
      SELECT item_id, comment_date, comment_id,
        argMaxMerge(last_label) AS label,
        argMaxMerge(last_score) AS score,
        argMaxMerge(last_rating) AS stars,
        argMaxMerge(last_deleted) AS is_deleted
      FROM ${qualifiedName(database, 'item_sentiment_per_day')}
      WHERE comment_date >= ${dateLiteral(params.from)} AND comment_date < ${dateLiteral(params.to)}${itemFilter(params.itemIds)}
      GROUP BY item_id, comment_date, comment_id
      HAVING is_deleted = 0
    )
    GROUP BY item_id, comment_date
    ORDER BY item_id, comment_date`,
  row: (raw) => ({
    itemId: String(raw.item_id),
    day: String(raw.comment_date),
    comments: count(raw.comment_count),
    positive: count(raw.positive_count),
    neutral: count(raw.neutral_count),
    negative: count(raw.negative_count),
    averageScore: Number(raw.average_score),
    averageRating: Number(raw.average_rating),
  }),
});

/** Columns of the latest-items query: each read as its value at the item's highest version. */
const latestItemColumns = [
  'item_version',
  'seller_version',
  'title',
  'category_id',
  'category_path',
  'category_known',
  'price_minor',
  'price_currency',
  'seller_id',
  'seller_name',
  'seller_rating',
  'seller_region',
  'updated_at',
] as const;

export const latestItems = defineQuery<LatestItemsParams, LatestItemRow>({
  name: 'latestItems',
  doc: 'The latest version of every item that is not deleted, by item id',
  // argMax per item rather than FINAL: right before any merge, and no WHERE on a FINAL read (old
  // servers may move such a filter before the merge of versions).
  sql: (database, params) => `SELECT item_id, ${latestItemColumns.map((c) => `latest_${c}`).join(', ')}
    FROM (
      SELECT item_id,
        ${latestItemColumns.map((c) => `argMax(${c}, version) AS latest_${c}`).join(',\n        ')},
        argMax(deleted, version) AS is_deleted
      FROM ${qualifiedName(database, 'items')}
      ${params.itemIds && params.itemIds.length > 0 ? `WHERE item_id IN ${stringList(params.itemIds)}` : ''}
      GROUP BY item_id
      HAVING is_deleted = 0
    )
    ORDER BY item_id
    ${params.limit === undefined ? '' : limitClause(params.limit)}`,
  row: (raw) => ({
    itemId: String(raw.item_id),
    itemVersion: Number(raw.latest_item_version),
    sellerVersion: Number(raw.latest_seller_version),
    title: String(raw.latest_title),
    categoryId: String(raw.latest_category_id),
    categoryPath: (raw.latest_category_path as string[]) ?? [],
    categoryKnown: Number(raw.latest_category_known) === 1,
    priceMinor: Number(raw.latest_price_minor),
    priceCurrency: String(raw.latest_price_currency),
    sellerId: String(raw.latest_seller_id),
    sellerName: String(raw.latest_seller_name),
    sellerRating: raw.latest_seller_rating === null ? null : Number(raw.latest_seller_rating),
    sellerRegion: String(raw.latest_seller_region),
    updatedAt: isoTime(raw.latest_updated_at),
  }),
});

/** Every named query, by name. */
export const analyticsQueries = {
  viewsPerItemPerMinute,
  uniqueVisitorsPerItemPerHour,
  topSearchTerms,
  zeroResultSearchTerms,
  searchClickThrough,
  funnelConversion,
  sessionFunnels,
  sentimentPerItemPerDay,
  latestItems,
} as const;

/**
 * Runs the named queries against one database. Failures are PlatformErrors: SERVICE_UNAVAILABLE
 * (retriable) when ClickHouse cannot answer.
 */
export class ClickHouseAnalytics {
  constructor(
    private readonly client: ClickHouseClient,
    readonly database: string,
  ) {}

  async run<P, R>(query: AnalyticsQuery<P, R>, params: P): Promise<R[]> {
    let rows: RawRow[];
    try {
      const result = await this.client.query({
        query: query.sql(this.database, params),
        format: 'JSONEachRow',
      });
      rows = await result.json<RawRow>();
    } catch (error) {
      throw storeError(error, `query ${query.name}`);
    }
    return rows.map((raw) => query.row(raw));
  }
}
