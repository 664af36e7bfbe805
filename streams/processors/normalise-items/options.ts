/**
 * The options of the normalise-items processor, with their defaults in one place.
 */
import { PlatformError } from '../../../core/errors/index.ts';
import { taxonomyTree, type TaxonomyNode } from './taxonomy.ts';

export interface NormaliseItemsOptions {
  /**
   * Prices must be below this cap, in minor units of the item's currency (kopecks, cents). Either
   * one number for every currency, or a cap per currency code, which then must name every currency
   * in `currencies`. A price at or above the cap is rejected, never clamped: it is nearly always a
   * typo (an extra zero, roubles typed where kopecks were meant) that a person has to fix.
   * Default: per currency, roughly 10 million roubles' worth (see `defaultNormaliseItemsOptions`).
   */
  priceCapMinor: number | Readonly<Record<string, number>>;
  /**
   * ISO 4217 alphabetic codes the shop sells in; an item priced in any other currency is rejected.
   * Default: RUB, USD, EUR, GBP, CNY, KZT, BYN, UAH.
   */
  currencies: readonly string[];
  /** The category tree items are mapped onto. Default: the shop's taxonomy (taxonomy.ts). */
  taxonomy: readonly TaxonomyNode[];
}

/**
 * The defaults. Caps are about the same value in every currency (10 000 000 ₽, 100 000 $, € or £,
 * 1 000 000 ¥, 50 000 000 ₸, 300 000 Br, 5 000 000 ₴): the shop sells consumer goods, so anything
 * dearer is an input error. Amounts are written as `major_minor`.
 */
export const defaultNormaliseItemsOptions: Readonly<NormaliseItemsOptions> = {
  priceCapMinor: {
    RUB: 10_000_000_00,
    USD: 100_000_00,
    EUR: 100_000_00,
    GBP: 100_000_00,
    CNY: 1_000_000_00,
    KZT: 50_000_000_00,
    BYN: 300_000_00,
    UAH: 5_000_000_00,
  },
  currencies: ['RUB', 'USD', 'EUR', 'GBP', 'CNY', 'KZT', 'BYN', 'UAH'],
  taxonomy: taxonomyTree,
};

const CURRENCY_CODE = /^[A-Z]{3}$/u;

function isValidCap(cap: number | undefined): boolean {
  return cap !== undefined && Number.isSafeInteger(cap) && cap > 0;
}

/**
 * Fills in the defaults and checks the result, so a wrong setting stops the processor at start-up
 * with a message naming it, instead of rejecting every item.
 *
 * @example
 * resolveNormaliseItemsOptions({ priceCapMinor: 500_000_00 }).currencies; // the default list
 * resolveNormaliseItemsOptions({ currencies: ['rub'] }); // throws CONFIG_INVALID
 */
export function resolveNormaliseItemsOptions(
  options: Partial<NormaliseItemsOptions> = {},
): NormaliseItemsOptions {
  const resolved: NormaliseItemsOptions = { ...defaultNormaliseItemsOptions, ...options };
  const problems: string[] = [];
  if (resolved.currencies.length === 0) problems.push('currencies must name at least one currency');
  for (const currency of resolved.currencies) {
    if (!CURRENCY_CODE.test(currency))
      problems.push(`currency "${currency}" is not an ISO 4217 code like RUB`);
  }
  const caps = resolved.priceCapMinor;
  if (typeof caps === 'number') {
    if (!isValidCap(caps)) problems.push(`priceCapMinor must be a positive integer, got ${caps}`);
  } else {
    for (const currency of resolved.currencies) {
      if (!isValidCap(caps[currency])) {
        problems.push(`priceCapMinor.${currency} must be a positive integer, got ${String(caps[currency])}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new PlatformError('CONFIG_INVALID', `normalise-items options: ${problems.join('; ')}`, {
      problems,
    });
  }
  return resolved;
}
