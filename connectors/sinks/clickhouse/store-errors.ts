/**
 * Turns what the ClickHouse client throws into a PlatformError the sink runner can route on.
 *
 * The client gives no HTTP status, and ClickHouse answers nearly every exception with status 500
 * anyway, so the classification is by ClickHouse's own error code - a stable number. Current
 * servers' messages end in `(TYPE_NAME)`, which the client parses into `ClickHouseError.code`;
 * 18.16 writes `Code: 27, e.displayText() = DB::Exception: ...` without the type name, which the
 * client leaves as a plain Error, so the code is read from that prefix here.
 */
import { ClickHouseError } from '@clickhouse/client';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';

/**
 * Data the server can never parse or convert: writing the same rows again fails the same way. The
 * runner then isolates the record(s) at fault by halves and dead-letters them.
 */
const REFUSED_DATA = new Set([
  6, // CANNOT_PARSE_TEXT
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  53, // TYPE_MISMATCH
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  131, // TOO_LARGE_STRING_SIZE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  467, // CANNOT_PARSE_BOOL
]);

/**
 * The schema is not what the sink writes: a table or database dropped, a column missing. This is
 * not the records' fault - dead-lettering would throw away every record - so it is retried, and
 * the sink runs its DDL again before the next attempt.
 */
const SCHEMA_MISMATCH = new Set([
  16, // NO_SUCH_COLUMN_IN_TABLE
  47, // UNKNOWN_IDENTIFIER
  60, // UNKNOWN_TABLE
  81, // UNKNOWN_DATABASE
  117, // INCORRECT_DATA: "Unknown field found while parsing JSONEachRow" - the table lacks a column
]);

/** The ClickHouse error code of `error`, if it came from the server. Never throws. */
export function clickHouseErrorCode(error: unknown): number | undefined {
  if (error instanceof ClickHouseError) {
    const code = Number(error.code);
    return Number.isInteger(code) ? code : undefined;
  }
  if (error instanceof Error) {
    const match = /^Code: (\d+)[.,]/.exec(error.message.trimStart());
    if (match) return Number(match[1]);
  }
  return undefined;
}

export type StoreFailure = 'refused-data' | 'schema-mismatch' | 'unavailable';

/**
 * What kind of failure `error` is:
 * - `refused-data`: the rows can never be written (WRITE_REJECTED, not retriable);
 * - `schema-mismatch`: the tables are not as declared (retriable once the DDL runs again);
 * - `unavailable`: anything else - connection refused or reset, timeouts, a proxy's error page, a
 *   server that is overloaded, out of memory, read-only or has too many parts (retriable).
 */
export function classifyStoreFailure(error: unknown): StoreFailure {
  const code = clickHouseErrorCode(error);
  if (code === undefined) return 'unavailable';
  if (REFUSED_DATA.has(code)) return 'refused-data';
  if (SCHEMA_MISMATCH.has(code)) return 'schema-mismatch';
  return 'unavailable';
}

/**
 * The PlatformError for a failed ClickHouse request, with `clickhouseCode` and `failure` as fields.
 *
 * @example
 * try { await client.insert(...) } catch (error) { throw storeError(error, 'insert into activity') }
 */
export function storeError(error: unknown, operation: string): PlatformError {
  const failure = classifyStoreFailure(error);
  const clickhouseCode = clickHouseErrorCode(error);
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const fields = { cause: error, clickhouseCode, failure, service: 'clickhouse' };
  return failure === 'refused-data'
    ? new PlatformError(ErrorCodes.WRITE_REJECTED, `ClickHouse refused ${operation}: ${detail}`, fields)
    : new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, `ClickHouse ${operation} failed: ${detail}`, {
        ...fields,
        retriable: true,
      });
}
