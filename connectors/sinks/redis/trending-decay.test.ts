import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  decayedViews,
  halfLifeMs,
  landmarkFor,
  LANDMARK_STEP_HALF_LIVES,
  rescaleFactor,
  viewWeight,
} from './trending-decay.ts';

const hour = halfLifeMs(60);
const step = LANDMARK_STEP_HALF_LIVES * hour;
const at = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('trending decay', () => {
  it('halves a view’s weight every half-life', () => {
    const landmark = landmarkFor(at, hour);
    assert.equal(viewWeight(at + hour, landmark, hour) / viewWeight(at, landmark, hour), 2);
    assert.equal(decayedViews(viewWeight(at, landmark, hour), landmark, at + 2 * hour, hour), 0.25);
    assert.equal(decayedViews(viewWeight(at, landmark, hour), landmark, at, hour), 1);
  });

  it('puts landmarks on a grid of 64 half-lives, at or before the event', () => {
    const landmark = landmarkFor(at, hour);
    assert.equal(landmark % step, 0);
    assert.ok(landmark <= at && at - landmark < step);
    assert.equal(landmarkFor(landmark, hour), landmark);
    assert.equal(landmarkFor(landmark - 1, hour), landmark - step);
  });

  it('keeps a new view’s weight below 2^64', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 1, max: 10_080 }), (t, minutes) => {
        const h = halfLifeMs(minutes);
        const weight = viewWeight(t, landmarkFor(t, h), h);
        return weight >= 1 && weight < 2 ** LANDMARK_STEP_HALF_LIVES;
      }),
    );
  });

  it('rescales exactly: a score moved to a later landmark equals the score computed there', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200 * hour }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 3 }),
        (offsets, steps) => {
          const from = landmarkFor(at, hour);
          const to = from + steps * step;
          const times = offsets.map((offset) => from + offset);
          const score = (landmark: number) =>
            times.reduce((sum, t) => sum + viewWeight(t, landmark, hour), 0);
          // A power of two: multiplying by it loses nothing.
          assert.equal(Math.log2(rescaleFactor(from, to, hour)), -steps * LANDMARK_STEP_HALF_LIVES);
          const moved = score(from) * rescaleFactor(from, to, hour);
          return Math.abs(moved - score(to)) <= 1e-12 * score(to);
        },
      ),
    );
  });

  it('ranks a recent view above several old ones, whatever the landmark', () => {
    const landmark = landmarkFor(at, hour);
    const recent = viewWeight(at, landmark, hour);
    const old = 3 * viewWeight(at - 2 * hour, landmark, hour);
    assert.ok(recent > old);
    const later = landmark + step;
    assert.ok(recent * rescaleFactor(landmark, later, hour) > old * rescaleFactor(landmark, later, hour));
  });
});
