/**
 * Who the shoppers are and where they come from: browsers (user agents weighted like a Russian
 * e-shop's audience: mobile first, Chrome and Yandex Browser ahead of Safari), the sites that send
 * them (search engines, social networks, messengers, a price aggregator, or nothing: typed in or
 * bookmarked) and returning accounts (a few users come back often).
 */
import { Random, WeightedTable, ZipfSampler } from './random.ts';

export const userAgents = new WeightedTable<string | null>([
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    18,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    16,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    15,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 YaBrowser/24.12.0.0 Safari/537.36',
    12,
  ],
  [
    'Mozilla/5.0 (Linux; Android 13; 23021RAAEG) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 YaBrowser/24.10.5.89.00 SA/3 Mobile Safari/537.36',
    9,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    6,
  ],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 5],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    4,
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
    5,
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
    3,
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    2,
  ],
  // Privacy extensions and some in-app browsers send none.
  [null, 2],
]);

/** Where a session comes from, and the page it lands on. */
export type Source = 'search-engine' | 'social' | 'aggregator' | 'direct' | 'email';

export const referrers = new WeightedTable<readonly [string | null, Source]>([
  [['https://yandex.ru/', 'search-engine'], 24],
  [['https://www.google.com/', 'search-engine'], 17],
  [['https://ya.ru/', 'search-engine'], 5],
  [['https://vk.com/', 'social'], 5],
  [['https://t.me/', 'social'], 4],
  [['https://dzen.ru/', 'social'], 3],
  [['https://market.yandex.ru/', 'aggregator'], 4],
  [['https://mail.ru/', 'email'], 3],
  [[null, 'direct'], 35],
]);

/**
 * Accounts of signed-in shoppers: `size` users, ids derived from the seed so that no list is kept,
 * returning Zipf-wise (a few regulars, a long tail of one-time buyers).
 */
export class UserPool {
  private readonly sampler: ZipfSampler;

  constructor(
    private readonly seed: number,
    readonly size: number,
  ) {
    this.sampler = new ZipfSampler(size, 0.6);
  }

  /** The id of user number `index` (0-based): the same for the same seed, on every run. */
  userId(index: number): string {
    return Random.derive(this.seed, `user-${index}`).uuid();
  }

  /** A user who comes to the shop. */
  pick(rng: Random): string {
    return this.userId(this.sampler.sample(rng));
  }
}
