/**
 * The price rules of the catalogue: positive, below the cap of its currency, in a currency the
 * shop sells in. A bad price is reported, never repaired: a price silently set to 0 or clamped
 * would put a wrong number in front of shoppers.
 */
import type { Money } from '../../../schemas/types.generated.ts';
import type { NormaliseItemsOptions } from './options.ts';

/**
 * The price with its currency code in canonical form (trimmed, upper case). The amount is never
 * touched.
 *
 * @example
 * normalisePrice({ amountMinor: 79999, currency: ' rub ' }); // { amountMinor: 79999, currency: 'RUB' }
 */
export function normalisePrice(price: Money): Money {
  return { amountMinor: price.amountMinor, currency: price.currency.trim().toUpperCase() };
}

/**
 * What is wrong with a (normalised) price, naming the field and the value, or undefined when the
 * price is fine.
 *
 * @example
 * priceProblem({ amountMinor: 0, currency: 'RUB' }, options); // 'item.price.amountMinor must be positive, got 0 RUB'
 */
export function priceProblem(
  price: Money,
  options: Pick<NormaliseItemsOptions, 'priceCapMinor' | 'currencies'>,
): string | undefined {
  const { amountMinor, currency } = price;
  if (!options.currencies.includes(currency)) {
    // The cap depends on the currency, so the amount cannot be judged without a known one.
    return `item.price.currency must be one of ${options.currencies.join(', ')}, got ${JSON.stringify(currency)}`;
  }
  if (!Number.isSafeInteger(amountMinor)) {
    return `item.price.amountMinor must be a whole number of minor units, got ${amountMinor} ${currency}`;
  }
  if (amountMinor <= 0) return `item.price.amountMinor must be positive, got ${amountMinor} ${currency}`;
  const cap =
    typeof options.priceCapMinor === 'number' ? options.priceCapMinor : options.priceCapMinor[currency];
  if (cap !== undefined && amountMinor >= cap) {
    return `item.price.amountMinor must be below the cap of ${cap} ${currency}, got ${amountMinor} ${currency}`;
  }
  return undefined;
}
