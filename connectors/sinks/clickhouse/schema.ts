/**
 * The analytics store's schema: three raw tables the sink writes, and materialised views that keep
 * aggregates up to date as rows arrive. Every statement is idempotent (`IF NOT EXISTS`), so `init`
 * runs it all on every start.
 *
 * Idempotence of the data, not just of the DDL, is the point of this design. Plain MergeTree
 * tables do not drop a re-inserted block on 18.16 (insert deduplication is for Replicated tables
 * there), and a materialised view fires on every insert, so a replayed batch reaches every view
 * twice. Hence:
 * - raw tables are ReplacingMergeTree keyed by the entity (event id, item id, comment id): copies
 *   collapse on merge, and every query reads them with FINAL or argMax, so results are right
 *   before any merge;
 * - every aggregate counts *distinct* ids (`uniqExact` of event, session or search ids) or keeps
 *   the value of the highest version (`argMax`), or is a `max` flag: merging a state with a copy of
 *   itself changes nothing. No view holds a `count()` or `sum()` state.
 *
 * Portability (local 18.16 and current 24/25 releases):
 * - `ENGINE = X(...) PARTITION BY ... ORDER BY ...`: the custom-partitioning syntax, accepted by
 *   18.16 and the only one current releases accept for new tables.
 * - `DateTime('UTC')` columns, so bucketing functions (toStartOfMinute, toDate...) work in UTC
 *   whatever the server's time zone; no DateTime64, TTL, LowCardinality (experimental in 18.16),
 *   Nullable sort keys (need a setting today) or toStartOfInterval (absent in 18.16).
 * - Materialised views `TO` an explicit AggregatingMergeTree table; the view's columns are matched
 *   to the target by name on both versions. Their SELECTs are valid under the analyzer of 24.3+
 *   (which type-checks views when they are created): no alias repeats a column name.
 * - `IF NOT EXISTS` does not change a table or a view that exists. Raw tables get missing columns
 *   added (ensureSchema); a changed view needs a new name (e.g. `..._v2`) and a backfill.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from '../../../core/log/index.ts';
import { qualifiedName, quoteIdentifier, quoteString } from './sql.ts';

export interface TableDefinition {
  readonly name: string;
  readonly doc: string;
  /** [column, ClickHouse type] in table order. */
  readonly columns: readonly (readonly [string, string])[];
  /** ENGINE, PARTITION BY and ORDER BY clauses. */
  readonly engine: string;
}

export interface ViewDefinition {
  readonly name: string;
  readonly doc: string;
  /** The AggregatingMergeTree table the view writes to. */
  readonly target: TableDefinition;
  /** The view's SELECT over `source` (a qualified table name). */
  select(source: string): string;
  /** The raw table the view reads. */
  readonly source: TableDefinition;
}

/**
 * Shopper actions with the item's dimensions at the time. One row per event id; copies of an event
 * share (event_date, type, event_id) and collapse on merge. Fields that do not apply to the
 * action's type are '' or NULL.
 */
export const activityTable: TableDefinition = {
  name: 'activity',
  doc: 'enriched shopper actions, one row per event id',
  columns: [
    ['event_id', 'String'],
    ['type', 'String'],
    ['session_id', 'String'],
    ['user_id', 'String'],
    ['occurred_at', "DateTime('UTC')"],
    ['event_date', 'Date'],
    ['item_id', 'String'],
    ['category_id', 'String'],
    ['category_path', 'Array(String)'],
    ['seller_id', 'String'],
    ['price_minor', 'Nullable(Int64)'],
    ['price_currency', 'String'],
    ['page', 'String'],
    ['referrer', 'String'],
    ['user_agent', 'String'],
    ['search_id', 'String'],
    ['query', 'String'],
    ['normalised_query', 'String'],
    ['result_count', 'Nullable(UInt32)'],
    ['click_position', 'Nullable(UInt32)'],
    ['quantity', 'Nullable(UInt32)'],
    ['order_id', 'String'],
    ['order_total_minor', 'Nullable(Int64)'],
    ['order_currency', 'String'],
  ],
  // No version column: copies of an event are identical, any one of them may stay.
  engine:
    'ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(event_date) ORDER BY (event_date, type, event_id)',
};

/**
 * The latest state of every item. `version` is `item.version * 2^21 + seller.version` (see
 * itemRowVersion): enrich-items re-emits an item with the same item version when its seller
 * changes, and the re-emission must win. Deleted items stay as a row with deleted = 1.
 */
export const itemsTable: TableDefinition = {
  name: 'items',
  doc: 'latest version of every item (deleted = 1 once deleted)',
  columns: [
    ['item_id', 'String'],
    ['version', 'UInt64'],
    ['item_version', 'UInt32'],
    ['seller_version', 'UInt32'],
    ['deleted', 'UInt8'],
    ['title', 'String'],
    ['category_id', 'String'],
    ['category_path', 'Array(String)'],
    ['category_raw', 'String'],
    ['category_known', 'UInt8'],
    ['price_minor', 'Int64'],
    ['price_currency', 'String'],
    ['seller_id', 'String'],
    ['seller_name', 'String'],
    ['seller_rating', 'Nullable(Float64)'],
    ['seller_region', 'String'],
    ['updated_at', "DateTime('UTC')"],
    ['enriched_at', "DateTime('UTC')"],
    ['source_event_id', 'String'],
  ],
  engine: 'ENGINE = ReplacingMergeTree(version) ORDER BY item_id',
};

/** Reviews with their sentiment, latest version per review id (deleted = 1 once deleted). */
export const commentsTable: TableDefinition = {
  name: 'comments',
  doc: 'scored reviews, latest version per review id',
  columns: [
    ['comment_id', 'String'],
    ['item_id', 'String'],
    ['author_id', 'String'],
    ['version', 'UInt64'],
    ['deleted', 'UInt8'],
    ['rating', 'UInt8'],
    ['language', 'String'],
    ['sentiment_label', 'String'],
    ['sentiment_score', 'Float64'],
    ['sentiment_confidence', 'Float64'],
    ['model_version', 'String'],
    ['occurred_at', "DateTime('UTC')"],
    ['event_date', 'Date'],
    ['source_event_id', 'String'],
  ],
  // Keyed by the review alone: the replacing key must be what identifies a review.
  engine: 'ENGINE = ReplacingMergeTree(version) ORDER BY comment_id',
};

const itemViewsPerMinuteTable: TableDefinition = {
  name: 'item_views_per_minute',
  doc: 'distinct PAGE_VIEW event ids per item per minute',
  columns: [
    ['item_id', 'String'],
    ['minute_start', "DateTime('UTC')"],
    ['views', 'AggregateFunction(uniqExact, String)'],
  ],
  engine:
    'ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(minute_start) ORDER BY (item_id, minute_start)',
};

const itemVisitorsPerHourTable: TableDefinition = {
  name: 'item_visitors_per_hour',
  doc: 'distinct sessions viewing each item per hour',
  columns: [
    ['item_id', 'String'],
    ['hour_start', "DateTime('UTC')"],
    ['visitors', 'AggregateFunction(uniqExact, String)'],
  ],
  engine: 'ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(hour_start) ORDER BY (item_id, hour_start)',
};

const searchTermsPerHourTable: TableDefinition = {
  name: 'search_terms_per_hour',
  doc: 'distinct searches, and those that found nothing, per normalised query per hour',
  columns: [
    ['normalised_query', 'String'],
    ['hour_start', "DateTime('UTC')"],
    ['searches', 'AggregateFunction(uniqExact, String)'],
    ['zero_result_searches', 'AggregateFunction(uniqExactIf, String, UInt8)'],
  ],
  engine:
    'ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(hour_start) ORDER BY (hour_start, normalised_query)',
};

/**
 * Funnel steps per session and day: flags (max of 0/1) and first/last time seen. A session that
 * crosses midnight has a row per day; queries merge them by session id.
 */
const sessionFunnelTable: TableDefinition = {
  name: 'session_funnel',
  doc: 'per session and day: first/last action and which funnel steps it reached',
  columns: [
    ['session_date', 'Date'],
    ['session_id', 'String'],
    ['first_seen', "AggregateFunction(min, DateTime('UTC'))"],
    ['last_seen', "AggregateFunction(max, DateTime('UTC'))"],
    ['searched', 'AggregateFunction(max, UInt8)'],
    ['viewed', 'AggregateFunction(max, UInt8)'],
    ['clicked', 'AggregateFunction(max, UInt8)'],
    ['added_to_cart', 'AggregateFunction(max, UInt8)'],
    ['purchased', 'AggregateFunction(max, UInt8)'],
  ],
  engine:
    'ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(session_date) ORDER BY (session_date, session_id)',
};

/**
 * Each review's state at the end of each day it changed: label, score, rating and deleted flag
 * of its highest version that day. Per review rather than per label count, so a review edited
 * from negative to positive within a day counts once, as positive, and averages are exact.
 */
const itemSentimentPerDayTable: TableDefinition = {
  name: 'item_sentiment_per_day',
  doc: 'per item, day and review: the review as of its last version that day',
  columns: [
    ['item_id', 'String'],
    ['comment_date', 'Date'],
    ['comment_id', 'String'],
    ['last_label', 'AggregateFunction(argMax, String, UInt64)'],
    ['last_score', 'AggregateFunction(argMax, Float64, UInt64)'],
    ['last_rating', 'AggregateFunction(argMax, UInt8, UInt64)'],
    ['last_deleted', 'AggregateFunction(argMax, UInt8, UInt64)'],
  ],
  engine:
    'ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(comment_date) ORDER BY (item_id, comment_date, comment_id)',
};

/**
 * A view of page views per item and time bucket, counting distinct `distinct` values (event ids:
 * views; session ids: visitors) into the target's `state` column.
 */
function pageViewsPerItem(
  target: TableDefinition,
  spec: { bucket: string; bucketColumn: string; distinct: string; state: string },
): ViewDefinition {
  const { bucket, bucketColumn, distinct, state } = spec;
  return {
    name: `${target.name}_mv`,
    doc: target.doc,
    target,
    source: activityTable,
    select: (source) =>
      `SELECT item_id, ${bucket}(occurred_at) AS ${bucketColumn}, uniqExactState(${distinct}) AS ${state}
    FROM ${source}
    WHERE type = 'PAGE_VIEW' AND item_id != ''
    GROUP BY item_id, ${bucketColumn}`,
  };
}

export const itemViewsPerMinute = pageViewsPerItem(itemViewsPerMinuteTable, {
  bucket: 'toStartOfMinute',
  bucketColumn: 'minute_start',
  distinct: 'event_id',
  state: 'views',
});

export const itemVisitorsPerHour = pageViewsPerItem(itemVisitorsPerHourTable, {
  bucket: 'toStartOfHour',
  bucketColumn: 'hour_start',
  distinct: 'session_id',
  state: 'visitors',
});

export const searchTermsPerHour: ViewDefinition = {
  name: 'search_terms_per_hour_mv',
  doc: searchTermsPerHourTable.doc,
  target: searchTermsPerHourTable,
  source: activityTable,
  // `result_count = 0` is Nullable(UInt8); the state's declared type needs a plain UInt8.
  select: (source) => `SELECT normalised_query, toStartOfHour(occurred_at) AS hour_start,
      uniqExactState(event_id) AS searches,
      uniqExactIfState(event_id, toUInt8(ifNull(result_count = 0, 0))) AS zero_result_searches
    FROM ${source}
    WHERE type = 'SEARCH'
    GROUP BY normalised_query, hour_start`,
};

export const sessionFunnel: ViewDefinition = {
  name: 'session_funnel_mv',
  doc: sessionFunnelTable.doc,
  target: sessionFunnelTable,
  source: activityTable,
  select: (source) => `SELECT event_date AS session_date, session_id,
      minState(occurred_at) AS first_seen,
      maxState(occurred_at) AS last_seen,
      maxState(toUInt8(type = 'SEARCH')) AS searched,
      maxState(toUInt8(type = 'PAGE_VIEW')) AS viewed,
      maxState(toUInt8(type = 'CLICK')) AS clicked,
      maxState(toUInt8(type = 'ADD_TO_CART')) AS added_to_cart,
      maxState(toUInt8(type = 'PURCHASE')) AS purchased
    FROM ${source}
    WHERE session_id != ''
    GROUP BY session_date, session_id`,
};

export const itemSentimentPerDay: ViewDefinition = {
  name: 'item_sentiment_per_day_mv',
  doc: itemSentimentPerDayTable.doc,
  target: itemSentimentPerDayTable,
  source: commentsTable,
  select: (source) => `SELECT item_id, event_date AS comment_date, comment_id,
      argMaxState(sentiment_label, version) AS last_label,
      argMaxState(sentiment_score, version) AS last_score,
      argMaxState(rating, version) AS last_rating,
      argMaxState(deleted, version) AS last_deleted
    FROM ${source}
    GROUP BY item_id, comment_date, comment_id`,
};

/** The tables the sink inserts into. */
export const rawTables = [activityTable, itemsTable, commentsTable] as const;

/** Every materialised view, each with its target table. */
export const materialisedViews = [
  itemViewsPerMinute,
  itemVisitorsPerHour,
  searchTermsPerHour,
  sessionFunnel,
  itemSentimentPerDay,
] as const;

function createTable(database: string, table: TableDefinition): string {
  const columns = table.columns.map(([name, type]) => `  ${quoteIdentifier(name)} ${type}`).join(',\n');
  return `CREATE TABLE IF NOT EXISTS ${qualifiedName(database, table.name)} (\n${columns}\n) ${table.engine}`;
}

function createView(database: string, view: ViewDefinition): string {
  return (
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${qualifiedName(database, view.name)} ` +
    `TO ${qualifiedName(database, view.target.name)} AS ${view.select(qualifiedName(database, view.source.name))}`
  );
}

/**
 * Every DDL statement, in the order they must run: the database, the raw tables, then each view's
 * target table before the view (a view `TO` a missing table cannot be created).
 *
 * @example
 * for (const sql of schemaStatements('eshop')) await client.command({ query: sql });
 */
export function schemaStatements(database: string): string[] {
  return [
    `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database)}`,
    ...rawTables.map((table) => createTable(database, table)),
    ...materialisedViews.flatMap((view) => [createTable(database, view.target), createView(database, view)]),
  ];
}

/**
 * Creates what is missing of the schema in `database` and adds columns a newer version of this
 * code declares to raw tables created by an older one (`ALTER TABLE ... ADD COLUMN`, which both
 * versions have; `ADD COLUMN IF NOT EXISTS` is newer than 18.16). A column whose type differs is
 * logged, not changed: converting a column is a migration for an operator.
 */
export async function ensureSchema(client: ClickHouseClient, database: string, log?: Logger): Promise<void> {
  for (const query of schemaStatements(database)) await client.command({ query });
  const result = await client.query({
    query: `SELECT table, name, type FROM system.columns WHERE database = ${quoteString(database)}`,
    format: 'JSONEachRow',
  });
  const existing = new Map<string, string>();
  for (const row of await result.json<{ table: string; name: string; type: string }>()) {
    existing.set(`${row.table}.${row.name}`, row.type);
  }
  for (const table of rawTables) {
    for (const [column, type] of table.columns) {
      const found = existing.get(`${table.name}.${column}`);
      if (found === undefined) {
        log?.info({ table: table.name, column, type }, 'adding a column the table lacks');
        await client.command({
          query: `ALTER TABLE ${qualifiedName(database, table.name)} ADD COLUMN ${quoteIdentifier(column)} ${type}`,
        });
      } else if (normaliseType(found) !== normaliseType(type)) {
        log?.warn(
          { table: table.name, column, expected: type, found },
          'column type differs from the schema',
        );
      }
    }
  }
}

/** Types as system.columns spells them may differ in spaces and quotes between versions. */
function normaliseType(type: string): string {
  return type.replace(/[\s'"]/g, '');
}
