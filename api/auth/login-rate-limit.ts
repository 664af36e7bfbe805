/**
 * The failed-login limit: at most `loginMaxFailures` failed logins per account and per client
 * address within `loginWindowSeconds`. The counters live in Redis, so every replica enforces the
 * same limit; each is a fixed window that starts at its first failure (INCR, and PEXPIRE when the
 * key is new, in one script so a counter can never be left without an expiry).
 *
 * - Per account: stops guessing one account's password from many addresses. Keyed by a hash of
 *   the normalised e-mail, so Redis holds no addresses of people, and by any e-mail (registered or
 *   not), so the limit does not tell which accounts exist.
 * - Per address: stops one client trying one password against many accounts. IPv6 clients are
 *   counted per /64, the block one subscriber usually gets (counting per /128 would let them rotate
 *   through 2^64 addresses).
 * - Over the limit, a login is refused with 429 and Retry-After before the password is checked,
 *   even a right one: otherwise the limit would leak which guess was right. A success clears the
 *   account's counter but not the address's (one valid account must not reset an address that is
 *   guessing at others).
 * - Check and count are two steps: a burst of concurrent attempts can overshoot the limit by the
 *   burst's size, once. Cheap to accept; each attempt also costs a 0.36 s scrypt (passwords.ts).
 *
 * The address is the TCP peer's (the socket), never a header. Behind a reverse proxy or load
 * balancer every client would share the proxy's address; counting the client's real address then
 * needs the proxy's X-Forwarded-For, which any client can forge, so it may only be trusted from
 * configured proxies - a trusted-proxy setting this API does not have yet.
 *
 * Keys: `<prefix>auth:login-failures:account:<sha256(email), 32 hex>` and
 * `<prefix>auth:login-failures:address:<address or IPv6 /64>`.
 *
 * @example
 * const limiter = new LoginRateLimiter(deps.redis, config.api);
 * const subjects = loginSubjects(deps.keys.prefix, email, clientAddress);
 * await limiter.assertAllowed(subjects);               // RATE_LIMITED (429) when over the limit
 * if (!ok) { await limiter.recordFailure(subjects); throw unauthenticated; }
 * await limiter.recordSuccess(subjects);
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Redis } from 'ioredis';
import { redisError } from '../../connectors/sinks/redis/index.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';

export interface LoginRateLimitOptions {
  loginMaxFailures: number;
  loginWindowSeconds: number;
}

/** The Redis keys of one login attempt's two counters. */
export interface LoginSubjects {
  account: string;
  address: string;
}

/** The part of an address that is counted: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by /64. */
export function addressBucket(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (valid, as isIP said), lower-case without leading zeros. */
function expandIpv6(address: string): string[] {
  const withoutZone = address.split('%')[0]!;
  const [head, tail] = withoutZone.split('::') as [string, string | undefined];
  const groupsOf = (part: string | undefined) => (part ? part.split(':').flatMap(ipv4AsGroups) : []);
  const left = groupsOf(head);
  const right = groupsOf(tail);
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    parseInt(group, 16).toString(16),
  );
}

/** An embedded IPv4 tail (`::1.2.3.4`) as the two groups it stands for. */
function ipv4AsGroups(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}

/** The counter keys of a login by `email` (normalised already) from `address`. */
export function loginSubjects(prefix: string, email: string, address: string | undefined): LoginSubjects {
  const account = createHash('sha256').update(email, 'utf8').digest('hex').slice(0, 32);
  return {
    account: `${prefix}auth:login-failures:account:${account}`,
    address: `${prefix}auth:login-failures:address:${addressBucket(address)}`,
  };
}

// KEYS: the counters; ARGV[1]: the window in ms. Returns each counter's value after the increment.
const COUNT_FAILURE = `
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 or redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ARGV[1]) end
  counts[i] = count
end
return counts`;

// KEYS: the counters. Returns value and remaining ms of each, flattened.
const READ_COUNTERS = `
local out = {}
for i, key in ipairs(KEYS) do
  out[2 * i - 1] = tonumber(redis.call('GET', key) or '0')
  out[2 * i] = redis.call('PTTL', key)
end
return out`;

export class LoginRateLimiter {
  readonly #redis: Redis;
  readonly #options: LoginRateLimitOptions;

  constructor(redis: Redis, options: LoginRateLimitOptions) {
    this.#redis = redis;
    this.#options = options;
  }

  /** Throws RATE_LIMITED, with the seconds until the blocking window ends, when either counter is full. */
  async assertAllowed(subjects: LoginSubjects): Promise<void> {
    let values: number[];
    try {
      values = (await this.#redis.eval(READ_COUNTERS, 2, subjects.account, subjects.address)) as number[];
    } catch (error) {
      throw redisError(error, 'reading the failed-login counters');
    }
    const blockedMs = blockedFor(values, this.#options.loginMaxFailures);
    if (blockedMs > 0) {
      throw new PlatformError(
        ErrorCodes.RATE_LIMITED,
        'Too many failed logins for this account or from this address; try again later',
        { retryAfterSeconds: Math.ceil(blockedMs / 1000) },
      );
    }
  }

  /** Counts a failed login against both counters. */
  async recordFailure(subjects: LoginSubjects): Promise<void> {
    try {
      await this.#redis.eval(
        COUNT_FAILURE,
        2,
        subjects.account,
        subjects.address,
        this.#options.loginWindowSeconds * 1000,
      );
    } catch (error) {
      throw redisError(error, 'counting a failed login');
    }
  }

  /** A successful login clears the account's counter (not the address's; see the module comment). */
  async recordSuccess(subjects: LoginSubjects): Promise<void> {
    try {
      await this.#redis.del(subjects.account);
    } catch (error) {
      throw redisError(error, 'clearing the failed-login counter');
    }
  }
}

/**
 * Milliseconds until the login may be tried again, from `[count, pttl]` pairs; 0 when no counter
 * is full. A full counter without an expiry (cannot happen through COUNT_FAILURE) blocks for 1 s.
 */
export function blockedFor(values: readonly number[], maxFailures: number): number {
  let blocked = 0;
  for (let i = 0; i + 1 < values.length; i += 2) {
    const count = values[i]!;
    const remainingMs = values[i + 1]!;
    if (count >= maxFailures) blocked = Math.max(blocked, remainingMs > 0 ? remainingMs : 1000);
  }
  return blocked;
}
