import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSearchPage, searchHitOf } from './search-results.ts';

const source = {
  id: 'item-1',
  title: 'Apple iPhone 15',
  category: { id: 'electronics.phones', path: ['Electronics', 'Phones'] },
  price: { amountMinor: 8_999_000, currency: 'RUB' },
  seller: { id: 'seller-1', name: 'Apple Store' },
  rating: { average: 4.666666666666667, count: 3 },
  imageUrls: ['s3://eshop-images/items/item-1/front.jpg'],
  updatedAt: Date.UTC(2026, 0, 15, 9, 0, 0),
};

describe('searchHitOf', () => {
  it('maps a document onto the API’s hit, with the first title highlight', () => {
    assert.deepEqual(
      searchHitOf({ _source: source, highlight: { 'title.en': ['Apple <mark>iPhone</mark> 15'] } }),
      {
        id: 'item-1',
        title: 'Apple iPhone 15',
        highlight: 'Apple <mark>iPhone</mark> 15',
        category: { id: 'electronics.phones', path: ['Electronics', 'Phones'] },
        price: { amountMinor: 8_999_000, currency: 'RUB' },
        seller: { id: 'seller-1', name: 'Apple Store' },
        rating: { average: 4.67, count: 3 },
        imageUrls: ['s3://eshop-images/items/item-1/front.jpg'],
        updatedAt: '2026-01-15T09:00:00.000Z',
      },
    );
  });

  it('answers null for an unknown seller and an unrated item, and an unknown category', () => {
    const hit = searchHitOf({
      _source: { ...source, seller: null, rating: null, category: { id: null, path: [] } },
    });
    assert.equal(hit.seller, null);
    assert.equal(hit.rating, null);
    assert.deepEqual(hit.category, { id: null, path: [] });
    assert.equal('highlight' in hit, false);
  });
});

describe('readSearchPage', () => {
  const hits = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      _source: { ...source, id: `item-${i}` },
      sort: [i, `item-${i}`],
    }));

  it('gives a next page only when the extra hit came back, after the page’s last hit', () => {
    const full = readSearchPage({ hits: { total: { value: 30, relation: 'eq' }, hits: hits(8) } }, 7);
    assert.equal(full.items.length, 7);
    assert.deepEqual(full.nextAfter, [6, 'item-6']);
    const last = readSearchPage({ hits: { total: { value: 7, relation: 'eq' }, hits: hits(7) } }, 7);
    assert.equal(last.nextAfter, null);
  });

  it('says when the total is a lower bound', () => {
    const page = readSearchPage({ hits: { total: { value: 10_000, relation: 'gte' }, hits: [] } }, 20);
    assert.deepEqual([page.total, page.totalRelation], [10_000, 'gte']);
  });
});
