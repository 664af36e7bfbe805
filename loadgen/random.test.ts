import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random, WeightedTable, ZipfSampler } from './random.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

function draws(rng: Random, n: number): number[] {
  return Array.from({ length: n }, () => rng.uint32());
}

describe('Random', () => {
  it('gives the same sequence for the same seed and label, and another for another', () => {
    assert.deepEqual(draws(new Random(42), 100), draws(new Random(42), 100));
    assert.deepEqual(draws(Random.derive(42, 'sessions'), 100), draws(Random.derive(42, 'sessions'), 100));
    assert.notDeepEqual(draws(new Random(42), 100), draws(new Random(43), 100));
    assert.notDeepEqual(draws(Random.derive(42, 'sessions'), 100), draws(Random.derive(42, 'reviews'), 100));
    // Seeds above 2^32 use their high bits too.
    assert.notDeepEqual(draws(new Random(1), 20), draws(new Random(1 + 2 ** 32), 20));
  });

  it('draws uniform floats in [0, 1) and integers in the closed range', () => {
    const rng = new Random(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i += 1) {
      const x = rng.next();
      assert.ok(x >= 0 && x < 1);
      buckets[Math.floor(x * 10)] = (buckets[Math.floor(x * 10)] ?? 0) + 1;
    }
    for (const count of buckets) assert.ok(count > 9_500 && count < 10_500, `bucket of ${count}`);
    const ints = new Set(Array.from({ length: 1000 }, () => rng.int(3, 6)));
    assert.deepEqual([...ints].sort(), [3, 4, 5, 6]);
  });

  it('has the asked-for mean and spread for normal, exponential and geometric draws', () => {
    const rng = new Random(2);
    const n = 50_000;
    const normals = Array.from({ length: n }, () => rng.normal(10, 2));
    const mean = normals.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(normals.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    assert.ok(Math.abs(mean - 10) < 0.05, `mean ${mean}`);
    assert.ok(Math.abs(sd - 2) < 0.05, `sd ${sd}`);
    const exponential = Array.from({ length: n }, () => rng.exponential(5)).reduce((s, x) => s + x, 0) / n;
    assert.ok(Math.abs(exponential - 5) < 0.15, `exponential mean ${exponential}`);
    const geometric = Array.from({ length: n }, () => rng.geometric(12));
    assert.ok(geometric.every((x) => Number.isInteger(x) && x >= 1));
    const geometricMean = geometric.reduce((s, x) => s + x, 0) / n;
    assert.ok(Math.abs(geometricMean - 12) < 0.4, `geometric mean ${geometricMean}`);
  });

  it('makes distinct UUIDv4-shaped ids', () => {
    const rng = new Random(3);
    const ids = Array.from({ length: 10_000 }, () => rng.uuid());
    for (const id of ids) assert.match(id, UUID_V4);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('shuffles into a permutation and picks only from the array', () => {
    const rng = new Random(4);
    const shuffled = rng.shuffle([1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual([...shuffled].sort(), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.throws(() => rng.pick([]), RangeError);
    assert.ok(['a', 'b'].includes(rng.pick(['a', 'b'])));
  });
});

describe('ZipfSampler', () => {
  it('puts most of the mass on the first ranks, as 1 / rank^s predicts', () => {
    const sampler = new ZipfSampler(500, 1.07);
    const rng = new Random(5);
    const counts = new Array<number>(500).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i += 1) {
      const rank = sampler.sample(rng);
      counts[rank] = (counts[rank] ?? 0) + 1;
    }
    const top = counts.slice(0, 50).reduce((s, x) => s + x, 0) / n;
    assert.ok(Math.abs(top - sampler.headShare(50)) < 0.01, `top tenth ${top} vs ${sampler.headShare(50)}`);
    assert.ok(top > 0.6, `top tenth of ranks got ${top}`);
    // Rank 1 is drawn about 2^1.07 times as often as rank 2.
    const ratio = (counts[0] ?? 0) / (counts[1] ?? 1);
    assert.ok(Math.abs(ratio - 2 ** 1.07) < 0.15, `ratio ${ratio}`);
  });

  it('rejects an empty range', () => {
    assert.throws(() => new ZipfSampler(0, 1), RangeError);
  });
});

describe('WeightedTable', () => {
  it('draws values in proportion to their weights', () => {
    const table = new WeightedTable([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ] as const);
    const rng = new Random(6);
    let b = 0;
    for (let i = 0; i < 40_000; i += 1) {
      const value = table.sample(rng);
      assert.notEqual(value, 'never');
      if (value === 'b') b += 1;
    }
    assert.ok(Math.abs(b / 40_000 - 0.75) < 0.01, `share of b ${b / 40_000}`);
  });
});
