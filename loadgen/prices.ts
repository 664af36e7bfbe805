/**
 * Prices as shops set them: in integer minor units, converted from the seed catalogue's dollars,
 * rounded the way price tags are (73 990 ₽, 799.99 $, 749.00 €).
 */
import type { Money } from '../schemas/types.generated.ts';
import type { Currency } from './sellers.ts';

/** Roughly what one US dollar buys; only the order of magnitude of the prices depends on it. */
const PER_DOLLAR: Readonly<Record<Currency, number>> = { RUB: 92, USD: 1, EUR: 0.92 };

/**
 * A price tag for an amount given in dollars, in `currency`.
 *
 * @example
 * priceTag(799.99, 'RUB'); // { amountMinor: 7_359_000, currency: 'RUB' } — 73 590 ₽
 * priceTag(799.99, 'USD'); // { amountMinor: 79_999, currency: 'USD' }
 */
export function priceTag(dollars: number, currency: Currency): Money {
  const amount = dollars * PER_DOLLAR[currency];
  if (currency === 'RUB') {
    // Whole roubles ending in 90 above a thousand (73 590), in 9 below (459).
    const roubles =
      amount >= 1000 ? Math.round(amount / 100) * 100 - 10 : Math.max(9, Math.round(amount / 10) * 10 - 1);
    return { amountMinor: roubles * 100, currency };
  }
  // 799.99-style tags; whole units in euros for the larger amounts, as European shops do.
  const whole = Math.max(1, Math.round(amount));
  const amountMinor = currency === 'EUR' && whole >= 100 ? whole * 100 : whole * 100 - 1;
  return { amountMinor, currency };
}

/** The same price changed by `factor` (a discount below 1, a rise above), tagged again. */
export function repriced(price: Money, factor: number): Money {
  const currency = price.currency as Currency;
  const dollars = price.amountMinor / 100 / (PER_DOLLAR[currency] ?? 1);
  const next = priceTag(dollars * factor, currency);
  // A tag that rounds back to the same amount is not a change: move it by one step.
  if (next.amountMinor !== price.amountMinor) return next;
  const step = currency === 'RUB' ? 1000 : 100;
  return { amountMinor: Math.max(step - 1, price.amountMinor + (factor < 1 ? -step : step)), currency };
}
