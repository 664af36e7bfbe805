/**
 * SQL literals for ClickHouse, built by hand because the local server (18.16) has no query
 * parameters (`{name:Type}` arrived in 19.x): every value that reaches a query goes through one of
 * these functions, never through string concatenation of raw input.
 */

/**
 * A database or table name in backquotes. ClickHouse reads backslash escapes inside backquotes
 * (both 18.16 and current releases), so `\` and `` ` `` are escaped that way.
 *
 * @example
 * quoteIdentifier('contract-1a2b') // '`contract-1a2b`'
 */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** `database`.`table`, both quoted. */
export function qualifiedName(database: string, table: string): string {
  return `${quoteIdentifier(database)}.${quoteIdentifier(table)}`;
}

/**
 * A string literal. Backslash and quote are escaped; so are the control characters, which a
 * literal may hold raw but which would make logged queries unreadable.
 *
 * @example
 * quoteString("it's") // "'it\\'s'"
 */
export function quoteString(value: string): string {
  let escaped = '';
  for (const char of value) {
    if (char === '\\') escaped += '\\\\';
    else if (char === "'") escaped += "\\'";
    else if (char === '\n') escaped += '\\n';
    else if (char === '\r') escaped += '\\r';
    else if (char === '\t') escaped += '\\t';
    else if (char.charCodeAt(0) < 0x20) escaped += `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else escaped += char;
  }
  return `'${escaped}'`;
}

/** `('a', 'b')` for `IN`; never empty (an empty IN list is a syntax error on 18.16). */
export function stringList(values: readonly string[]): string {
  if (values.length === 0) throw new RangeError('stringList needs at least one value');
  return `(${values.map(quoteString).join(', ')})`;
}

/**
 * A point in time as `toDateTime(<epoch seconds>)`: a number, so the server's time zone plays no
 * part (a 'YYYY-MM-DD hh:mm:ss' literal would be read in the server's zone). Seconds are floored,
 * like the DateTime columns store them.
 */
export function dateTimeLiteral(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a point in time: ${epochMs}`);
  return `toDateTime(${Math.max(0, Math.floor(epochMs / 1000))})`;
}

/** The UTC calendar day of `epochMs` as `toDate('YYYY-MM-DD')`. */
export function dateLiteral(epochMs: number): string {
  return `toDate('${utcDate(epochMs)}')`;
}

/** 'YYYY-MM-DD' of `epochMs` in UTC. */
export function utcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD hh:mm:ss' of `epochMs` in UTC: how JSONEachRow reads a DateTime('UTC'). */
export function utcDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** A positive row limit, checked so it can be written into the query. */
export function limitClause(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return `LIMIT ${limit}`;
}
