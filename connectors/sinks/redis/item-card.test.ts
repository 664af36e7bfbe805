import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { samples } from '../../../schemas/samples.ts';
import type { EnrichedItem } from '../../../schemas/types.generated.ts';
import { cardOrder, toItemCard } from './item-card.ts';

const sample = samples['enriched-item'];

function enriched(itemVersion: number, sellerVersion: number | null): EnrichedItem {
  return {
    ...sample,
    item: { ...sample.item, version: itemVersion },
    seller: sellerVersion === null ? null : { ...sample.seller!, version: sellerVersion },
  };
}

describe('item card', () => {
  it('holds what a storefront tile and the item page show', () => {
    assert.deepEqual(toItemCard(sample), {
      id: sample.item.id,
      version: 3,
      title: 'iPhone 13',
      description: 'Apple iPhone 13 с 128GB памяти',
      price: { amountMinor: 79999, currency: 'RUB' },
      category: { id: 'electronics.phones', path: ['Electronics', 'Phones'] },
      seller: { id: sample.item.sellerId, name: 'Gadget House', version: 1 },
      imageUrls: ['items/6f1d7c2e/front.jpg'],
      attributes: { colour: 'midnight' },
      updatedAt: sample.item.updatedAt,
    });
  });

  it('shows the seller id without a name while the seller is unknown', () => {
    assert.deepEqual(toItemCard(enriched(1, null)).seller, {
      id: sample.item.sellerId,
      name: null,
      version: null,
    });
  });

  describe('ordering version', () => {
    it('is item.version * 2^21 + seller.version', () => {
      assert.equal(cardOrder(enriched(3, 2)), String(3 * 2 ** 21 + 2));
      assert.equal(cardOrder(enriched(0, null)), '0');
    });

    it('orders a seller re-emission after the card it follows, and a new item version after both', () => {
      const order = (itemVersion: number, sellerVersion: number | null) =>
        Number(cardOrder(enriched(itemVersion, sellerVersion)));
      assert.ok(order(3, 2) > order(3, 1));
      assert.ok(order(4, 1) > order(3, 2_000_000));
      assert.ok(order(3, 1) > order(3, null));
    });

    it('is exact at the bounds and undefined beyond them', () => {
      assert.equal(cardOrder(enriched(2 ** 32 - 1, 2 ** 21 - 1)), String(2 ** 53 - 1));
      assert.equal(cardOrder(enriched(2 ** 32, 0)), undefined);
      assert.equal(cardOrder(enriched(1, 2 ** 21)), undefined);
      assert.equal(cardOrder(enriched(-1, 0)), undefined);
      assert.equal(cardOrder(enriched(1.5, 0)), undefined);
    });
  });
});
