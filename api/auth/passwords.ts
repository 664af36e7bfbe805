/**
 * Password hashing with scrypt from Node's crypto (no native add-on to build). Parameters follow
 * OWASP's scrypt recommendation (N=2^17, r=8, p=1: 128 MiB and, measured on this 2-core machine,
 * about 0.36 s of one core per hash), stored with the hash so they can be raised later without
 * invalidating old hashes.
 *
 * That cost is the point, and it is also the API's most expensive operation by far: a login or a
 * registration costs as much CPU as thousands of item reads. scrypt runs on libuv's thread pool
 * (4 threads by default), which DNS lookups and file access share, so at most
 * `MAX_CONCURRENT_HASHES` derivations run at once and at most `MAX_QUEUED_HASHES` wait; beyond that
 * a login is answered 429 with Retry-After instead of queueing without bound. The bound is per
 * replica: log-in capacity scales with replicas (about 2.5 hashes/s per busy core here).
 *
 * Format: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`.
 *
 * @example
 * const stored = await hashPassword('correct horse battery staple');
 * await verifyPassword('correct horse battery staple', stored); // true
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';

const KEY_LENGTH = 32;
export const defaultScryptCost = { N: 2 ** 17, r: 8, p: 1 };

export type ScryptCost = typeof defaultScryptCost;

/** Derivations running at once per process: half the default thread pool, so the rest stays usable. */
export const MAX_CONCURRENT_HASHES = 2;
/** Derivations waiting for a slot per process (about 3 s of work at 2 slots); more are refused with RATE_LIMITED. */
export const MAX_QUEUED_HASHES = 16;

/**
 * Stored parameters outside these bounds are not ours (a corrupted or planted row): verifying
 * them could allocate gigabytes, so such a hash simply does not match.
 */
const MAX_STORED_COST = { N: 2 ** 20, r: 32, p: 16 };

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when a derivation slot is free; RATE_LIMITED when too many already wait. */
async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) {
    if (waiting.length >= MAX_QUEUED_HASHES) {
      throw new PlatformError(
        ErrorCodes.RATE_LIMITED,
        'Too many sign-ins are being processed right now; try again in a moment',
        { retryAfterSeconds: 1 },
      );
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter (running stays the same), or free it.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

function derive(password: string, salt: Buffer, options: ScryptCost): Promise<Buffer> {
  const params: ScryptOptions = { ...options, maxmem: 256 * options.N * options.r };
  return withHashSlot(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, params, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string, cost: ScryptCost = defaultScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** The parameters of a stored hash, or undefined when it is not one this module could have written. */
function storedCost(parts: string[]): ScryptCost | undefined {
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid =
    Number.isSafeInteger(N) &&
    N > 1 &&
    (N & (N - 1)) === 0 &&
    N <= MAX_STORED_COST.N &&
    Number.isSafeInteger(r) &&
    r >= 1 &&
    r <= MAX_STORED_COST.r &&
    Number.isSafeInteger(p) &&
    p >= 1 &&
    p <= MAX_STORED_COST.p;
  return valid ? { N, r, p } : undefined;
}

/**
 * True when `password` matches `stored`; false for a wrong password or a hash this module could
 * not have written. Throws RATE_LIMITED when too many derivations are already waiting.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  const cost = storedCost(parts);
  if (!cost) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, cost);
  return timingSafeEqual(actual, expected);
}
