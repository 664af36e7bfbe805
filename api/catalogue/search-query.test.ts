import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveItemsFilter } from '../../connectors/sinks/search/index.ts';
import {
  buildItemSearch,
  effectiveSort,
  MAX_FUZZY_WORDS,
  searchFingerprint,
  sortClauses,
  textQuery,
  type ItemSearchParams,
} from './search-query.ts';

const base: ItemSearchParams = { categories: [], sellers: [], limit: 20 };

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('buildItemSearch', () => {
  it('without text or filters: every live item, newest first, one hit more than the page', () => {
    const body = buildItemSearch(base) as Body;
    assert.equal(body.size, 21);
    assert.deepEqual(body.query, { bool: { filter: liveItemsFilter } });
    assert.equal(body.post_filter, undefined);
    assert.deepEqual(body.sort, [{ updatedAt: { order: 'desc' } }, { id: { order: 'asc' } }]);
    assert.equal(body.search_after, undefined);
    assert.equal(body.highlight, undefined);
    assert.equal(body.from, undefined, 'never from/size');
  });

  it('scores text and highlights the title; the currency only narrows', () => {
    const body = buildItemSearch({ ...base, q: 'смартфон', currency: 'RUB' }) as Body;
    assert.deepEqual(body.query.bool.must, [textQuery('смартфон')]);
    assert.deepEqual(body.query.bool.filter, [...liveItemsFilter, { term: { 'price.currency': 'RUB' } }]);
    assert.equal(body.sort[0]._score.order, 'desc');
    assert.equal(body.highlight.encoder, 'html');
    assert.deepEqual(Object.keys(body.highlight.fields), ['title', 'title.ru', 'title.en', 'title.suggest']);
  });

  it('puts category (with subcategories), seller and price filters in post_filter', () => {
    const body = buildItemSearch({
      ...base,
      categories: ['electronics', 'home.kitchen'],
      sellers: ['s1'],
      priceMin: 100,
      priceMax: 500,
      currency: 'RUB',
    }) as Body;
    assert.deepEqual(body.post_filter, {
      bool: {
        filter: [
          {
            bool: {
              should: [
                { terms: { 'category.id': ['electronics', 'home.kitchen'] } },
                { prefix: { 'category.id': 'electronics.' } },
                { prefix: { 'category.id': 'home.kitchen.' } },
              ],
              minimum_should_match: 1,
            },
          },
          { terms: { sellerId: ['s1'] } },
          { range: { 'price.amountMinor': { gte: 100, lte: 500 } } },
        ],
      },
    });
    // Each facet counts under the others' filters, not its own.
    assert.equal(body.aggs.categories.filter.bool.filter.length, 2);
    assert.deepEqual(body.aggs.sellers.filter.bool.filter[0], body.post_filter.bool.filter[0]);
    assert.equal(body.aggs.prices.filter.bool.filter.length, 2);
  });

  it('leaves an open price bound out', () => {
    const body = buildItemSearch({ ...base, priceMax: 500, currency: 'RUB' }) as Body;
    assert.deepEqual(body.post_filter.bool.filter, [{ range: { 'price.amountMinor': { lte: 500 } } }]);
  });

  it('continues after the cursor’s sort values', () => {
    const body = buildItemSearch({ ...base, sort: 'price_asc' }, [100, 'item-1']) as Body;
    assert.deepEqual(body.search_after, [100, 'item-1']);
    assert.deepEqual(body.sort, [{ 'price.amountMinor': { order: 'asc' } }, { id: { order: 'asc' } }]);
  });
});

describe('textQuery', () => {
  it('matches the words in titles (boosted) and descriptions, typos in the stemmed titles, and title prefixes', () => {
    const [exact, fuzzy, prefix] = (textQuery('iphon') as Body).bool.should;
    assert.equal(exact.multi_match.fuzziness, undefined, 'the exact match is never fuzzy');
    const fields: string[] = exact.multi_match.fields;
    assert.ok(['title^3', 'title.ru^3', 'title.en^3'].every((field) => fields.includes(field)));
    assert.ok(
      ['description.ru', 'description.en'].every((field) => fields.includes(field)),
      'unboosted',
    );
    assert.equal(fuzzy.multi_match.fuzziness, 'AUTO');
    assert.equal(fuzzy.multi_match.prefix_length, 1);
    assert.deepEqual(
      fuzzy.multi_match.fields,
      ['title.ru^3', 'title.en^3'],
      'typos only in the stemmed titles',
    );
    assert.ok(fuzzy.multi_match.boost < 1, 'a near match ranks below an exact one');
    assert.equal(prefix.multi_match.type, 'bool_prefix');
    assert.equal(prefix.multi_match.fuzziness, undefined, 'prefixes are never fuzzy');
    assert.ok(prefix.multi_match.fields.every((field: string) => field.startsWith('title.suggest')));
  });

  it('matches long queries exactly', () => {
    const words = Array.from({ length: MAX_FUZZY_WORDS + 1 }, (_, i) => `w${i}`).join(' ');
    const should = (textQuery(words) as Body).bool.should;
    assert.equal(should.length, 2);
    assert.ok(should.every((clause: Body) => clause.multi_match.fuzziness === undefined));
  });
});

describe('effectiveSort and sortClauses', () => {
  it('sorts by relevance only when there is text', () => {
    assert.equal(effectiveSort({}), 'newest');
    assert.equal(effectiveSort({ sort: 'relevance' }), 'newest');
    assert.equal(effectiveSort({ q: 'a' }), 'relevance');
    assert.equal(effectiveSort({ q: 'a', sort: 'rating' }), 'rating');
  });

  it('ends every sort with the item id, and says what each cursor value is', () => {
    for (const sort of ['relevance', 'price_asc', 'price_desc', 'newest', 'rating'] as const) {
      const { clauses, kinds } = sortClauses(sort);
      assert.deepEqual(clauses.at(-1), { id: { order: 'asc' } }, sort);
      assert.equal(kinds.length, clauses.length);
      assert.equal(kinds.at(-1), 'string');
    }
    assert.deepEqual(sortClauses('rating').clauses[0], {
      'rating.average': { order: 'desc', missing: '_last', unmapped_type: 'float' },
    });
  });
});

describe('searchFingerprint', () => {
  it('ignores the page size and the order of listed ids, and tells everything else apart', () => {
    const params = { ...base, q: 'шланг', categories: ['a', 'b'], sellers: ['x', 'y'] };
    const print = searchFingerprint(params);
    assert.equal(searchFingerprint({ ...params, limit: 7 }), print);
    assert.equal(searchFingerprint({ ...params, categories: ['b', 'a', 'a'], sellers: ['y', 'x'] }), print);
    for (const other of [
      { q: 'шланги' },
      { categories: ['a'] },
      { sellers: ['x'] },
      { priceMin: 1 },
      { priceMax: 1 },
      { currency: 'RUB' },
      { sort: 'rating' as const },
    ]) {
      assert.notEqual(searchFingerprint({ ...params, ...other }), print, JSON.stringify(other));
    }
    assert.equal(
      searchFingerprint({ ...base, sort: 'relevance' }),
      searchFingerprint({ ...base, sort: 'newest' }),
    );
  });
});
