import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformError } from '../core/errors/index.ts';
import { defaultLoadOptions, optionProblem, resolveLoadOptions } from './options.ts';

describe('load options', () => {
  it('defaults to 42, 200 events/s for 60 s, 500 items, 50 sellers, 50 sessions', () => {
    assert.deepEqual(resolveLoadOptions(), defaultLoadOptions);
    assert.deepEqual(
      { ...resolveLoadOptions({ seed: 7 }), startTime: 0 },
      { seed: 7, rate: 200, durationSeconds: 60, items: 500, sellers: 50, sessions: 50, startTime: 0 },
    );
  });

  it('accepts the edges of every range', () => {
    for (const [name, value] of [
      ['seed', 0],
      ['rate', 0.5],
      ['durationSeconds', 0],
      ['items', 1],
      ['sellers', 10_000],
      ['sessions', 100_000],
    ] as const) {
      assert.equal(optionProblem(name, value), undefined, `${name} ${value}`);
    }
  });

  it('says which flag is wrong, what it must be and what it got', () => {
    assert.equal(optionProblem('rate', 0), '--rate must be a number above 0 and at most 1000000, got 0');
    assert.equal(optionProblem('items', 2.5), '--items must be a whole number from 1 to 200000, got 2.5');
    assert.equal(
      optionProblem('sessions', 'many'),
      '--sessions must be a whole number from 1 to 100000, got "many"',
    );
    assert.equal(
      optionProblem('durationSeconds', -1),
      '--duration must be a number from 0 to 2678400, got -1',
    );
    assert.match(optionProblem('seed', Number.NaN) ?? '', /--seed must be a whole number/u);
    assert.match(optionProblem('rate', Number.POSITIVE_INFINITY) ?? '', /got Infinity/u);
  });

  it('names every bad option in one CONFIG_INVALID error', () => {
    try {
      resolveLoadOptions({ items: 0, sellers: -2, rate: 100 });
      assert.fail('no error');
    } catch (error) {
      assert.ok(isPlatformError(error, 'CONFIG_INVALID'));
      assert.match(error.message, /--items must be/u);
      assert.match(error.message, /--sellers must be/u);
      assert.doesNotMatch(error.message, /--rate/u);
    }
  });
});
