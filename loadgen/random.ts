/**
 * Seeded randomness for the load generator: every choice it makes comes from here, so the same
 * seed gives the same events on any machine (no Math.random, no clock).
 *
 * The generator is xoshiro128** (Blackman and Vigna): 128 bits of state, fast on 32-bit integer
 * maths, and good enough statistically for simulation. Its state is filled by splitmix32 from
 * the seed and a label, so independent parts (catalogue, sessions, reviews) draw from independent
 * streams: a change in how sessions behave does not reshuffle the catalogue.
 *
 * @example
 * const rng = Random.derive(42, 'sessions');
 * rng.int(1, 6);                 // a die roll
 * rng.pick(['a', 'b']);          // one element
 * rng.uuid();                    // '3b0e…-…-4…-[89ab]…-…', UUIDv4-shaped
 * new ZipfSampler(500, 1.07).sample(rng); // 0-based rank, 0 most likely
 */

/** FNV-1a of a string: turns a label into 32 bits of seed material. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** splitmix32: spreads a 32-bit value into a well-mixed one (also used to fill xoshiro's state). */
function splitmix32(state: number): { value: number; next: number } {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return { value: (z ^ (z >>> 16)) >>> 0, next };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const TWO_POW_32 = 0x1_0000_0000;

export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** A generator for a non-negative integer seed (safe integers: the high bits are used too). */
  constructor(seed: number) {
    this.reseed([seed >>> 0, Math.floor(seed / TWO_POW_32) >>> 0]);
  }

  /** An independent stream for one part of the generator, named by `label`. */
  static derive(seed: number, label: string): Random {
    const rng = new Random(seed);
    rng.reseed([seed >>> 0, Math.floor(seed / TWO_POW_32) >>> 0, hashLabel(label)]);
    return rng;
  }

  private reseed(words: readonly number[]): void {
    let state = 0;
    for (const word of words) state = splitmix32((state ^ word) >>> 0).value;
    const fill = (): number => {
      const { value, next } = splitmix32(state);
      state = next;
      return value;
    };
    this.s0 = fill();
    this.s1 = fill();
    this.s2 = fill();
    this.s3 = fill();
    // xoshiro must not start from the all-zero state (it would stay there).
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    return result;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. The array must not be empty. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One value of `[value, weight]` pairs, with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let r = this.next() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    const last = choices.at(-1);
    if (!last) throw new RangeError('weighted pick from no choices');
    return last[0];
  }

  /** A normally distributed number (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    // 1 - next() is in (0, 1], so the logarithm is finite.
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normally distributed number with the given median: think times, prices, lengths. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** An exponentially distributed number with the given mean: gaps of a Poisson process. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A count ≥ 1 with the given mean (geometric distribution). */
  geometric(mean: number): number {
    if (mean <= 1) return 1;
    return 1 + Math.floor(Math.log(1 - this.next()) / Math.log(1 - 1 / mean));
  }

  /** The array shuffled in place (Fisher–Yates), returned for chaining. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      const swap = items[i] as T;
      items[i] = items[j] as T;
      items[j] = swap;
    }
    return items;
  }

  /** A UUIDv4-shaped id from 122 random bits: unique in practice, reproducible from the seed. */
  uuid(): string {
    const words = [this.uint32(), this.uint32(), this.uint32(), this.uint32()];
    words[1] = ((words[1] as number) & 0xffff0fff) | 0x00004000; // version 4
    words[2] = (((words[2] as number) & 0x3fffffff) | 0x80000000) >>> 0; // RFC 4122 variant
    const hex = words.map((word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

/**
 * Samples ranks 0…n-1 with probability proportional to 1 / (rank + 1)^s: a few items, queries or
 * sellers get most of the attention, as in every shop. The cumulative table is built once, so a
 * sample is a binary search.
 */
export class ZipfSampler {
  private readonly cdf: Float64Array;

  constructor(
    readonly n: number,
    readonly exponent: number,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`ZipfSampler needs n ≥ 1, got ${n}`);
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let rank = 0; rank < n; rank += 1) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cdf[rank] = total;
    }
    for (let rank = 0; rank < n; rank += 1) this.cdf[rank] = (this.cdf[rank] as number) / total;
  }

  /** A 0-based rank. */
  sample(rng: Random): number {
    const r = rng.next();
    let low = 0;
    let high = this.n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cdf[mid] as number) > r) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** The probability mass of the first `k` ranks (for tests and reports). */
  headShare(k: number): number {
    if (k <= 0) return 0;
    return this.cdf[Math.min(k, this.n) - 1] as number;
  }
}

/** A fixed `[value, weight]` table sampled by binary search: for choices made on every event. */
export class WeightedTable<T> {
  private readonly values: readonly T[];
  private readonly cdf: Float64Array;

  constructor(choices: readonly (readonly [T, number])[]) {
    if (choices.length === 0) throw new RangeError('WeightedTable needs at least one choice');
    this.values = choices.map(([value]) => value);
    this.cdf = new Float64Array(choices.length);
    let total = 0;
    choices.forEach(([, weight], i) => {
      total += weight;
      this.cdf[i] = total;
    });
    for (let i = 0; i < this.cdf.length; i += 1) this.cdf[i] = (this.cdf[i] as number) / total;
  }

  sample(rng: Random): T {
    const r = rng.next();
    let low = 0;
    let high = this.values.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cdf[mid] as number) > r) high = mid;
      else low = mid + 1;
    }
    return this.values[low] as T;
  }
}
