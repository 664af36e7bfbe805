/**
 * Opaque page cursors for `search_after`: base64url of the last hit's sort values plus a hash of
 * the query they belong to. The sort values are fed back to the engine as they are, so a cursor is
 * checked strictly before it gets there: a cursor of another query (other text, filters or sort)
 * or one tampered with is a 400, never an engine error (a null sort value makes OpenSearch fail
 * with a 500, a wrong type with a 400 the client could not make sense of).
 *
 * Why a hash and not a signature: the cursor grants nothing - any sort values a client makes up
 * only choose where a page of public results starts - so it only has to be recognised as this
 * query's, not proven to be ours.
 */
import { createHash } from 'node:crypto';
import { validationError } from '../http/problem.ts';

/** One sort value as the engine returns it. Numeric sorts give `-Infinity` (a string) for a missing value. */
export type SortValue = number | string;

/** What each sort value of a cursor must be: a number (or ±Infinity) or a string (the item id). */
export type SortValueKind = 'number' | 'string';

const VERSION = 1;

/** A short, stable hash of the canonical form of a query (the caller canonicalises). */
export function queryFingerprint(canonical: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 16);
}

/**
 * @example
 * const cursor = encodeCursor(lastHit.sort, queryFingerprint(canonicalQuery));
 * decodeCursor(cursor, queryFingerprint(canonicalQuery), ['number', 'string']); // → lastHit.sort
 */
export function encodeCursor(after: readonly SortValue[], fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: VERSION, q: fingerprint, a: after })).toString('base64url');
}

function invalid(message: string): never {
  throw validationError(`The cursor is invalid: ${message}`, [{ path: 'query.cursor', message }]);
}

function isSortValue(value: unknown, kind: SortValueKind): value is SortValue {
  if (kind === 'string') return typeof value === 'string' && value.length > 0 && value.length <= 512;
  return (
    (typeof value === 'number' && Number.isFinite(value)) || value === 'Infinity' || value === '-Infinity'
  );
}

/**
 * The sort values of `cursor`, checked against the query's fingerprint and the sort's value kinds.
 * Throws a VALIDATION_FAILED PlatformError (400) naming `query.cursor` otherwise.
 */
export function decodeCursor(
  cursor: string,
  fingerprint: string,
  kinds: readonly SortValueKind[],
): SortValue[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    invalid('it is not a cursor this API issued');
  }
  const { v, q, a } = (decoded ?? {}) as { v?: unknown; q?: unknown; a?: unknown };
  if (v !== VERSION || typeof q !== 'string' || !Array.isArray(a))
    invalid('it is not a cursor this API issued');
  if (q !== fingerprint) {
    invalid('it belongs to another query; a cursor only continues the query (q, filters, sort) it came from');
  }
  if (a.length !== kinds.length || !a.every((value, i) => isSortValue(value, kinds[i]!))) {
    invalid('it is not a cursor this API issued');
  }
  return a as SortValue[];
}
