import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rateActions, ratingClock } from './ratings.ts';

describe('ratingClock', () => {
  it('follows the wall clock but never repeats or goes back', () => {
    const times = [100, 100, 99, 150];
    const next = ratingClock(() => times.shift()!);
    assert.deepEqual([next(), next(), next(), next()], [100, 101, 102, 150]);
  });
});

describe('rateActions', () => {
  it('writes each rating, null for an item without reviews, at one time', () => {
    const actions = rateActions(
      new Map([
        ['a', { average: 4.5, count: 2 }],
        ['b', null],
      ]),
      42,
    );
    assert.deepEqual(actions, [
      { op: 'rate', target: 'items', id: 'a', at: 42, rating: { average: 4.5, count: 2 } },
      { op: 'rate', target: 'items', id: 'b', at: 42, rating: null },
    ]);
  });
});
