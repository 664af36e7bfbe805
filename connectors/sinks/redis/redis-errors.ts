/**
 * Redis failures → PlatformError, so the sink runner decides retry or dead-letter from the code
 * alone. Never throws.
 *
 * - No answer (connection refused or lost, command timeout, ioredis giving up on a request while
 *   reconnecting): SERVICE_UNAVAILABLE, retriable. A timed-out script may still have run; its
 *   stored offset makes the retry skip what it applied.
 * - Error replies whose code says "not now" - LOADING (reading its data after a restart), BUSY (a
 *   script or module command running long), TRYAGAIN, MASTERDOWN, CLUSTERDOWN, READONLY (a replica
 *   during failover), OOM (until memory is freed), MISCONF (persistence failing), NOREPLICAS:
 *   SERVICE_UNAVAILABLE, retriable.
 * - Any other error reply (WRONGTYPE: a key under our prefix that is not ours; a script error): the
 *   same records would fail again, so WRITE_REJECTED, not retriable - the runner narrows the batch
 *   down to the record at fault and dead-letters it.
 *
 * An error reply's code is its first word: that is the protocol's classification, not a message.
 */
import { ReplyError } from 'ioredis';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';

const transientReplies: ReadonlySet<string> = new Set([
  'LOADING',
  'BUSY',
  'TRYAGAIN',
  'MASTERDOWN',
  'CLUSTERDOWN',
  'READONLY',
  'OOM',
  'MISCONF',
  'NOREPLICAS',
]);

/** The code of an error reply (`BUSY Redis is busy…` → `BUSY`), or undefined for other errors. */
export function replyCode(error: unknown): string | undefined {
  if (!(error instanceof ReplyError)) return undefined;
  const message = (error as Error).message ?? '';
  return /^[A-Z][A-Z_-]*/u.exec(message)?.[0];
}

/**
 * @example
 * try { await script.run(redis, keys, args); } catch (error) { throw redisError(error, 'applying item views'); }
 */
export function redisError(error: unknown, doing: string): PlatformError {
  if (error instanceof PlatformError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = replyCode(error);
  if (code !== undefined && !transientReplies.has(code)) {
    return new PlatformError(ErrorCodes.WRITE_REJECTED, `Redis refused ${doing}: ${message}`, {
      cause: error,
      retriable: false,
      service: 'redis',
      reply: code,
    });
  }
  return new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, `Redis unavailable while ${doing}: ${message}`, {
    cause: error,
    retriable: true,
    service: 'redis',
    ...(code === undefined ? {} : { reply: code }),
  });
}
