import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toItemCard } from '../../connectors/sinks/redis/index.ts';
import { samples } from '../../schemas/samples.ts';
import { isPageCard, itemOf, parseCard, ratingOf, sentimentOf, tileOf } from './item-views.ts';

const card = toItemCard(samples['enriched-item']);
const images = [{ url: 'https://img.example/a.jpg' }];

describe('item views', () => {
  it('parses a card, and nothing else', () => {
    assert.deepEqual(parseCard(JSON.stringify(card)), card);
    for (const bad of [null, undefined, '', 'not json', '42', 'null', '{"title":"no id"}']) {
      assert.equal(parseCard(bad), undefined, String(bad));
    }
  });

  it('tells a card with the page’s fields from one written before they existed', () => {
    assert.equal(isPageCard(card), true);
    const { description: _d, attributes: _a, ...older } = card;
    assert.equal(isPageCard(older), false);
  });

  it('reads the rating summary, null while nothing is rated', () => {
    assert.deepEqual(ratingOf({ count: '2', sum: '9', avg: '4.5000' } as never), { average: 4.5, count: 2 });
    assert.equal(ratingOf({}), null);
    assert.equal(ratingOf({ count: null, avg: null }), null);
    assert.equal(ratingOf({ count: '0', avg: '0.0000' }), null);
  });

  it('reads the sentiment summary as counts per label and the mean score', () => {
    assert.deepEqual(
      sentimentOf({
        count: '4',
        POSITIVE: '2',
        NEUTRAL: '1',
        NEGATIVE: '1',
        scoreSumMicros: '900000',
        meanScore: '0.2250',
      }),
      { positive: 2, neutral: 1, negative: 1, meanScore: 0.225 },
    );
    assert.equal(sentimentOf({}), null);
  });

  it('makes a tile and an item page of a card', () => {
    const tile = tileOf(card, images, { average: 4, count: 1 });
    assert.deepEqual(tile, {
      id: card.id,
      version: 3,
      title: 'iPhone 13',
      category: { id: 'electronics.phones', path: ['Electronics', 'Phones'] },
      price: { amountMinor: 79999, currency: 'RUB' },
      seller: { id: card.seller.id, name: 'Gadget House' },
      images,
      rating: { average: 4, count: 1 },
      updatedAt: new Date(card.updatedAt).toISOString(),
    });
    assert.ok(isPageCard(card));
    assert.deepEqual(itemOf(card, images, { rating: null, sentiment: null, views: 7 }), {
      ...tile,
      rating: null,
      description: 'Apple iPhone 13 с 128GB памяти',
      attributes: { colour: 'midnight' },
      sentiment: null,
      views: 7,
    });
  });
});
