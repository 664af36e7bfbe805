import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InFlightBudget } from './in-flight-budget.ts';

describe('InFlightBudget', () => {
  it('takes whole batches while they fit, refuses the one that does not, and reports every change', () => {
    const seen: number[] = [];
    const budget = new InFlightBudget(10, (held) => seen.push(held));
    assert.equal(budget.tryTake(6), true);
    assert.equal(budget.tryTake(5), false, 'a batch is taken whole or not at all');
    assert.equal(budget.tryTake(4), true);
    assert.equal(budget.tryTake(1), false);
    budget.give(6);
    assert.equal(budget.tryTake(5), true);
    assert.equal(budget.inFlight, 9);
    assert.deepEqual(seen, [6, 10, 4, 9]);
  });

  it('refuses to give back more than it holds, and nonsense counts', () => {
    const budget = new InFlightBudget(3);
    assert.throws(() => budget.give(1), RangeError);
    assert.throws(() => budget.tryTake(0), RangeError);
    assert.throws(() => new InFlightBudget(0), RangeError);
  });
});
