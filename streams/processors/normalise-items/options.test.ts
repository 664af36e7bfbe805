import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformError } from '../../../core/errors/index.ts';
import { defaultNormaliseItemsOptions, resolveNormaliseItemsOptions } from './options.ts';

describe('resolveNormaliseItemsOptions', () => {
  it('fills in the defaults: a cap for every default currency', () => {
    const options = resolveNormaliseItemsOptions();
    assert.deepEqual(options, defaultNormaliseItemsOptions);
    assert.deepEqual(options.currencies, ['RUB', 'USD', 'EUR', 'GBP', 'CNY', 'KZT', 'BYN', 'UAH']);
    for (const currency of options.currencies) {
      assert.ok(typeof options.priceCapMinor === 'object' && options.priceCapMinor[currency]! > 0, currency);
    }
  });

  it('takes one cap for every currency', () => {
    assert.equal(resolveNormaliseItemsOptions({ priceCapMinor: 500_000_00 }).priceCapMinor, 500_000_00);
  });

  it('names every bad setting in one CONFIG_INVALID error', () => {
    assert.throws(
      () => resolveNormaliseItemsOptions({ currencies: ['RUB', 'rub', 'XBTC'], priceCapMinor: { RUB: 0 } }),
      (error: unknown) => {
        assert.ok(isPlatformError(error, 'CONFIG_INVALID'));
        assert.match(error.message, /currency "rub" is not an ISO 4217 code/u);
        assert.match(error.message, /currency "XBTC" is not an ISO 4217 code/u);
        assert.match(error.message, /priceCapMinor.RUB must be a positive integer, got 0/u);
        assert.match(error.message, /priceCapMinor.rub must be a positive integer, got undefined/u);
        return true;
      },
    );
    assert.throws(() => resolveNormaliseItemsOptions({ currencies: [] }), /at least one currency/u);
    assert.throws(
      () => resolveNormaliseItemsOptions({ priceCapMinor: 1.5 }),
      /must be a positive integer, got 1.5/u,
    );
    assert.throws(() => resolveNormaliseItemsOptions({ currencies: ['JPY'] }), /priceCapMinor.JPY/u);
  });
});
