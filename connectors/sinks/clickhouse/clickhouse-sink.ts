/**
 * The ClickHouse sink: enriched activity, enriched items and scored reviews into the analytics
 * store, one JSONEachRow insert per table per batch. The runner batches thousands of records (up
 * to a second's worth under load), which is the insert rate MergeTree tables want: every insert
 * makes a part per partition, and many small parts are what slows a ClickHouse server down.
 *
 * Idempotence lives in the schema (schema.ts): replacing tables and distinct-id aggregates, so a
 * batch written twice - a crash before the commit, a replay from offset zero - changes no query
 * result. Writing is therefore safe to repeat in any split, which the runner relies on when it
 * retries a batch or isolates a refused record by halves.
 */
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { PlatformConfig } from '../../../core/config/index.ts';
import { ErrorCodes } from '../../../core/errors/index.ts';
import { createLogger, type Logger } from '../../../core/log/index.ts';
import { topics as platformTopics, type TopicDeclaration } from '../../../schemas/topics.ts';
import type { EnrichedActivity, EnrichedItem, ScoredComment } from '../../../schemas/types.generated.ts';
import type { BatchLimits, Rejection, Sink, SinkRecord, WriteOutcome } from '../runtime/sink.ts';
import { activityRow, commentRow, itemRow, type RowResult } from './rows.ts';
import { activityTable, commentsTable, ensureSchema, itemsTable, type TableDefinition } from './schema.ts';
import { qualifiedName } from './sql.ts';
import { storeError } from './store-errors.ts';

/**
 * ClickHouse wants few large inserts (each makes a part on disk and fires every view): at most about
 * one insert per table per second under load. The linger stays the configured one; the count and
 * byte bounds are wide enough that a catching-up sink still writes about one batch a second.
 */
export const clickHouseBatchLimits: Partial<BatchLimits> = { maxRecords: 50_000, maxBytes: 32 * 1024 * 1024 };

export interface ClickHouseSinkOptions {
  /** Input topics; default the platform's (tests pass private ones). Records are routed by topic. */
  topics?: {
    /** EnrichedActivity; default `shop.activity.enriched`. */
    activity?: TopicDeclaration;
    /** EnrichedItem; default `shop.items.enriched`. */
    items?: TopicDeclaration;
    /** ScoredComment; default `shop.comments.scored`. */
    comments?: TopicDeclaration;
  };
  /** Database of the tables and views; default `config.clickhouse.database`. */
  database?: string;
  /** A client to use instead of one made from `config.clickhouse`; then `close()` leaves it open. */
  client?: ClickHouseClient;
  /** Timeout of one ClickHouse request in milliseconds; default 60 000 (a large insert feeds five views). */
  requestTimeoutMs?: number;
  /** Batch limits; default `clickHouseBatchLimits` (wider than `config.sinks`). */
  batch?: Partial<BatchLimits>;
  /** Sink name: consumer group, metric label, log name; default `clickhouse-sink`. */
  name?: string;
  log?: Logger;
}

interface Route {
  table: TableDefinition;
  toRow(value: unknown): RowResult<object>;
}

/**
 * Creates the ClickHouse sink. `init()` creates the database, tables and views (idempotent);
 * `write()` inserts each table's rows of the batch in one request per table.
 *
 * - A record whose values ClickHouse would store wrongly (a time past 2106, a negative count, an
 *   empty id) is returned as a VALIDATION_FAILED rejection; the rest of the batch is written.
 * - Connection errors, timeouts and server-side failures throw a retriable
 *   PlatformError(SERVICE_UNAVAILABLE); a missing table or column also re-runs the DDL first.
 * - Rows the server refuses to parse throw PlatformError(WRITE_REJECTED), not retriable: the
 *   runner narrows the batch down to the record at fault.
 *
 * @example
 * const sink = createClickHouseSink(loadConfig());
 * await new SinkRunner(sink, loadConfig()).start();
 */
export function createClickHouseSink(
  config: Pick<PlatformConfig, 'clickhouse'>,
  options: ClickHouseSinkOptions = {},
): Sink {
  const database = options.database ?? config.clickhouse.database;
  const name = options.name ?? 'clickhouse-sink';
  const log = options.log ?? createLogger(name);
  const ownsClient = options.client === undefined;
  const client =
    options.client ??
    createClient({
      url: config.clickhouse.url,
      username: config.clickhouse.username,
      password: config.clickhouse.password,
      // No default database: init creates it, and every statement names it.
      request_timeout: options.requestTimeoutMs ?? 60_000,
      // Failures reach the runner as PlatformErrors and are logged there, once, with the batch.
      log: { level: ClickHouseLogLevel.OFF },
    });
  const inputs = {
    activity: options.topics?.activity ?? platformTopics.activityEnriched,
    items: options.topics?.items ?? platformTopics.itemsEnriched,
    comments: options.topics?.comments ?? platformTopics.commentsScored,
  };
  const routes = new Map<string, Route>([
    [inputs.activity.name, { table: activityTable, toRow: (v) => activityRow(v as EnrichedActivity) }],
    [inputs.items.name, { table: itemsTable, toRow: (v) => itemRow(v as EnrichedItem) }],
    [inputs.comments.name, { table: commentsTable, toRow: (v) => commentRow(v as ScoredComment) }],
  ]);
  // Set when the schema may be gone (a table dropped under us): the next write runs the DDL first.
  let schemaVerified = false;

  async function prepare(): Promise<void> {
    try {
      await ensureSchema(client, database, log);
    } catch (error) {
      throw storeError(error, `schema setup of ${database}`);
    }
    schemaVerified = true;
  }

  async function insert(table: TableDefinition, rows: readonly object[]): Promise<void> {
    try {
      await client.insert({
        table: qualifiedName(database, table.name),
        values: rows,
        format: 'JSONEachRow',
      });
    } catch (error) {
      const failure = storeError(error, `insert of ${rows.length} rows into ${table.name}`);
      if (failure.details.failure === 'schema-mismatch') schemaVerified = false;
      throw failure;
    }
  }

  return {
    name,
    inputs: [inputs.activity, inputs.items, inputs.comments],
    batch: options.batch ?? clickHouseBatchLimits,
    init: prepare,
    async write(records: readonly SinkRecord[]): Promise<WriteOutcome> {
      const rejected: Rejection[] = [];
      const rowsByTable = new Map<TableDefinition, object[]>();
      for (const record of records) {
        const route = routes.get(record.topic);
        if (!route) {
          rejected.push({
            record,
            code: ErrorCodes.VALIDATION_FAILED,
            reason: `${name} does not read ${record.topic}`,
          });
          continue;
        }
        const mapped = route.toRow(record.value);
        if (mapped.ok) {
          const rows = rowsByTable.get(route.table) ?? [];
          rows.push(mapped.row);
          rowsByTable.set(route.table, rows);
        } else {
          rejected.push({ record, code: ErrorCodes.VALIDATION_FAILED, reason: mapped.reason });
        }
      }
      if (!schemaVerified) await prepare();
      // Sequential: each insert already carries up to a batch's rows and fans out to the views;
      // running them side by side would only compete for the same server threads.
      for (const [table, rows] of rowsByTable) await insert(table, rows);
      return { rejected };
    },
    async close(): Promise<void> {
      if (ownsClient) await client.close();
    },
  };
}
