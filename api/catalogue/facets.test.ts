import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { facetAggregations, postFilter, readFacets } from './facets.ts';

const sample = (source: Record<string, unknown>) => ({ hits: { hits: [{ _source: source }] } });

describe('facetAggregations and postFilter', () => {
  it('filters each facet by the other dimensions only', () => {
    const category = { term: { 'category.id': 'a' } };
    const seller = { terms: { sellerId: ['s'] } };
    const aggs = facetAggregations({ category, seller }) as Record<string, { filter: unknown }>;
    assert.deepEqual(aggs.categories!.filter, { bool: { filter: [seller] } });
    assert.deepEqual(aggs.sellers!.filter, { bool: { filter: [category] } });
    assert.deepEqual(aggs.prices!.filter, { bool: { filter: [category, seller] } });
    assert.deepEqual(postFilter({ category, seller }), { bool: { filter: [category, seller] } });
    assert.equal(postFilter({}), undefined);
  });
});

describe('readFacets', () => {
  it('maps categories with their path, sellers with their name, and price ranges in minor units', () => {
    const facets = readFacets({
      categories: {
        doc_count: 5,
        ids: {
          buckets: [
            {
              key: 'electronics.phones',
              doc_count: 4,
              sample: sample({ category: { path: ['Electronics', 'Phones'] } }),
            },
            {
              key: 'home.kitchen',
              doc_count: 1,
              sample: sample({ category: { path: ['Home', 'Kitchen'] } }),
            },
          ],
        },
      },
      sellers: {
        doc_count: 3,
        ids: {
          buckets: [
            { key: 's1', doc_count: 2, sample: sample({ seller: { name: 'Gadget House' } }) },
            { key: 's2', doc_count: 1, sample: sample({ seller: null }) },
          ],
        },
      },
      prices: {
        doc_count: 3,
        currencies: {
          buckets: [
            {
              key: 'RUB',
              doc_count: 3,
              ranges: {
                buckets: [
                  { key: '*-1000.0', to: 1000, doc_count: 1 },
                  { key: '1000.0-5000.0', from: 1000, to: 5000, doc_count: 0 },
                  { key: '5000.0-*', from: 5000, doc_count: 2 },
                ],
              },
            },
          ],
        },
      },
    });
    assert.deepEqual(facets, {
      categories: [
        { id: 'electronics.phones', path: ['Electronics', 'Phones'], count: 4 },
        { id: 'home.kitchen', path: ['Home', 'Kitchen'], count: 1 },
      ],
      sellers: [
        { id: 's1', name: 'Gadget House', count: 2 },
        { id: 's2', name: null, count: 1 },
      ],
      prices: [
        { to: 100_000, currency: 'RUB', count: 1 },
        { from: 100_000, to: 500_000, currency: 'RUB', count: 0 },
        { from: 500_000, currency: 'RUB', count: 2 },
      ],
    });
  });

  it('scales ranges by the currency’s minor unit', () => {
    const facets = readFacets({
      prices: {
        currencies: {
          buckets: [{ key: 'JPY', doc_count: 1, ranges: { buckets: [{ from: 1000, doc_count: 1 }] } }],
        },
      },
    });
    assert.deepEqual(facets.prices, [{ from: 1000, currency: 'JPY', count: 1 }]);
  });

  it('answers no facets when there are no aggregations', () => {
    assert.deepEqual(readFacets(undefined), { categories: [], sellers: [], prices: [] });
  });
});
