/**
 * Postgres failures → PlatformError, so no bad input ever answers 500 and a store outage answers
 * 503. Decided from the SQLSTATE alone (the protocol's classification), never from the message.
 *
 * - 23505 unique violation → CONFLICT; 23503 foreign key → NOT_FOUND (a reference to nothing);
 *   23502 / 23514 (not null, check) and class 22 (data exception: a value out of range, a malformed
 *   uuid, U+0000 in text) → VALIDATION_FAILED. Handlers check what they can first, with a clearer
 *   message; this is the net under them.
 * - Class 08 (connection), 40001 / 40P01 (serialisation failure, deadlock), 53 (insufficient
 *   resources), 57P01-57P03 (shutdown, cannot connect now) and socket errors → SERVICE_UNAVAILABLE,
 *   retriable.
 * - Anything else is a bug in our SQL and stays what it is (a logged 500).
 *
 * @example
 * const rows = await withPostgres('reading the item', () => pool.query(sql, [id]));
 */
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';

const SQLSTATE = /^[0-9A-Z]{5}$/u;
const transientStates = new Set(['40001', '40P01', '57P01', '57P02', '57P03']);

/** The SQLSTATE of a Postgres error reply, or undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  // pg's DatabaseError carries `severity`; socket errors have an errno code (ECONNREFUSED) instead.
  if (typeof code !== 'string' || !SQLSTATE.test(code)) return undefined;
  return typeof (error as { severity?: unknown }).severity === 'string' ? code : undefined;
}

/** Never throws; returns the error itself when it already is a PlatformError. */
export function postgresError(error: unknown, doing: string): unknown {
  if (error instanceof PlatformError) return error;
  const state = sqlState(error);
  if (state === undefined) {
    const errno = (error as NodeJS.ErrnoException | null)?.code;
    const connectionLost =
      typeof errno === 'string' ||
      error instanceof AggregateError ||
      (error instanceof Error &&
        /^Connection terminated|timeout exceeded when trying to connect/u.test(error.message));
    if (!connectionLost) return error;
    return unavailable(error, doing);
  }
  const constraint = (error as { constraint?: string }).constraint;
  if (state === '23505') {
    return new PlatformError(
      ErrorCodes.CONFLICT,
      `This conflicts with what is stored (${constraint ?? 'a unique key'})`,
      {
        cause: error,
      },
    );
  }
  if (state === '23503') {
    return new PlatformError(ErrorCodes.NOT_FOUND, 'The request refers to something that does not exist', {
      cause: error,
    });
  }
  if (state === '23502' || state === '23514' || state.startsWith('22')) {
    return new PlatformError(
      ErrorCodes.VALIDATION_FAILED,
      'A value of the request cannot be stored as given',
      {
        cause: error,
      },
    );
  }
  if (state.startsWith('08') || state.startsWith('53') || transientStates.has(state)) {
    return unavailable(error, doing);
  }
  return error;
}

function unavailable(error: unknown, doing: string): PlatformError {
  const message = error instanceof Error ? error.message : String(error);
  return new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, `Postgres failed while ${doing}: ${message}`, {
    cause: error,
    retriable: true,
    service: 'postgres',
  });
}

/** Runs `work` and maps what it throws with `postgresError`. */
export async function withPostgres<T>(doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw postgresError(error, doing);
  }
}
