import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCatalogue } from './catalogue.ts';
import { Random } from './random.ts';
import { RESULTS_PAGE, search, SearchIndex } from './search.ts';

const catalogue = buildCatalogue(Random.derive(5, 'catalogue'), { items: 800, sellers: 40 });
const index = new SearchIndex(catalogue);

describe('SearchIndex', () => {
  it('finds the items carrying every token, most popular first', () => {
    const { count, page } = index.find(['w:iphone', 'w:13']);
    const expected = catalogue.byRank.filter(
      (e) => e.tokens.includes('w:iphone') && e.tokens.includes('w:13'),
    );
    assert.ok(count > 0);
    assert.equal(count, expected.length);
    assert.deepEqual(page, expected.slice(0, RESULTS_PAGE));
    assert.deepEqual(index.find(['w:iphone', 'w:no-such-model']), { count: 0, page: [] });
  });
});

describe('search', () => {
  it('reports result counts that agree with its results, and finds nothing for unsold things', () => {
    const rng = new Random(6);
    let empty = 0;
    for (let i = 0; i < 3000; i += 1) {
      const wanted = catalogue.byRank[rng.int(0, 99)];
      assert.ok(wanted);
      const outcome = search(rng, index, wanted);
      assert.notEqual(outcome.query.trim(), '');
      assert.ok(outcome.resultCount >= outcome.results.length);
      assert.equal(outcome.resultCount === 0, outcome.results.length === 0);
      for (let r = 1; r < outcome.results.length; r += 1) {
        assert.ok((outcome.results[r - 1]?.rank as number) < (outcome.results[r]?.rank as number));
      }
      if (outcome.resultCount === 0) empty += 1;
      if (/холодильник|кроссовки|корм для кошек/u.test(outcome.query)) assert.equal(outcome.resultCount, 0);
    }
    assert.ok(empty / 3000 > 0.08 && empty / 3000 < 0.2, `share without results ${empty / 3000}`);
  });
});
