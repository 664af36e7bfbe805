import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformError } from '../../../core/errors/index.ts';
import { samples } from '../../../schemas/samples.ts';
import type { EnrichedItem, ScoredComment } from '../../../schemas/types.generated.ts';
import {
  commentAction,
  commentDocument,
  currencyFractionDigits,
  itemAction,
  itemDocument,
  itemExternalVersion,
  ratedItemOf,
  SELLER_VERSION_LIMIT,
} from './documents.ts';

const enriched = samples['enriched-item'];
const scored = samples['scored-comment'];

function withVersions(itemVersion: number, sellerVersion: number | null): EnrichedItem {
  return {
    ...enriched,
    item: { ...enriched.item, version: itemVersion },
    seller: sellerVersion === null ? null : { ...enriched.seller!, version: sellerVersion },
  };
}

describe('itemExternalVersion', () => {
  it('is item.version * 2^21 + seller.version', () => {
    assert.equal(itemExternalVersion(withVersions(3, 2)), 3 * 2 ** 21 + 2);
    assert.equal(itemExternalVersion(withVersions(3, null)), 3 * 2 ** 21);
  });

  it('grows when the seller changes under the same item version (a seller rename re-emission)', () => {
    assert.ok(itemExternalVersion(withVersions(3, 5)) > itemExternalVersion(withVersions(3, 4)));
  });

  it('lets any item change outrank every seller change of the item version before', () => {
    assert.ok(
      itemExternalVersion(withVersions(4, 0)) >
        itemExternalVersion(withVersions(3, SELLER_VERSION_LIMIT - 1)),
    );
  });

  it('stays an exact integer at its limits and refuses what it cannot encode', () => {
    const highest = itemExternalVersion(withVersions(2 ** 32 - 1, SELLER_VERSION_LIMIT - 1));
    assert.ok(Number.isSafeInteger(highest));
    for (const [item, seller] of [
      [3, SELLER_VERSION_LIMIT],
      [2 ** 32, 0],
      [-1, 0],
    ] as const) {
      assert.throws(
        () => itemExternalVersion(withVersions(item, seller)),
        (error) => isPlatformError(error, 'WRITE_REJECTED'),
      );
    }
  });
});

describe('itemDocument', () => {
  it('maps the sample enriched item onto the template fields', () => {
    assert.deepEqual(itemDocument(enriched), {
      id: enriched.item.id,
      version: 3,
      title: 'iPhone 13',
      description: 'Apple iPhone 13 с 128GB памяти',
      category: { id: 'electronics.phones', path: ['Electronics', 'Phones'], raw: 'Смартфоны', known: true },
      sellerId: enriched.item.sellerId,
      seller: { id: enriched.seller!.id, name: 'Gadget House', rating: 4.7, region: 'Moscow', version: 1 },
      price: { amountMinor: 79999, amount: 799.99, currency: 'RUB' },
      imageUrls: ['items/6f1d7c2e/front.jpg'],
      attributes: ['colour=midnight'],
      updatedAt: enriched.item.updatedAt,
    });
  });

  it('keeps the seller id while the seller is unknown, and sorts attributes for stable documents', () => {
    const document = itemDocument({
      ...enriched,
      seller: null,
      item: { ...enriched.item, attributes: { size: 'M', colour: 'red' } },
    });
    assert.equal(document.seller, null);
    assert.equal(document.sellerId, enriched.item.sellerId);
    assert.deepEqual(document.attributes, ['colour=red', 'size=M']);
  });

  it('scales the price by the currency’s minor unit', () => {
    const priced = (amountMinor: number, currency: string) =>
      itemDocument({ ...enriched, item: { ...enriched.item, price: { amountMinor, currency } } }).price
        .amount;
    assert.equal(priced(79999, 'USD'), 799.99);
    assert.equal(priced(1500, 'JPY'), 1500);
    assert.equal(priced(1234, 'BHD'), 1.234);
    assert.equal(currencyFractionDigits('not a code'), 2);
  });
});

describe('bulk actions', () => {
  it('indexes a live item in its order and deletes a deleted one in the same order', () => {
    const live = itemAction(enriched);
    assert.equal(live.op, 'index');
    assert.equal(live.id, enriched.item.id);
    assert.equal(live.version, itemExternalVersion(enriched));
    const gone = itemAction({ ...enriched, item: { ...enriched.item, deleted: true } });
    assert.deepEqual(gone, { op: 'delete', target: 'items', id: enriched.item.id, version: live.version });
  });

  it('indexes a review under its id and version, and deletes a deleted one', () => {
    const action = commentAction(scored);
    assert.deepEqual(action, {
      op: 'index',
      target: 'comments',
      id: scored.comment.id,
      version: 1,
      document: commentDocument(scored),
    });
    const deleted: ScoredComment = { ...scored, deleted: true, version: 2 };
    assert.deepEqual(commentAction(deleted), {
      op: 'delete',
      target: 'comments',
      id: scored.comment.id,
      version: 2,
    });
  });

  it('maps the sample review onto the template fields', () => {
    assert.deepEqual(commentDocument(scored), {
      id: scored.comment.id,
      itemId: scored.comment.itemId,
      authorId: 'user-1',
      text: scored.comment.text,
      rating: 5,
      language: 'RU',
      sentiment: { label: 'POSITIVE', score: 0.8, confidence: 0.9, modelVersion: 'sample' },
      version: 1,
      occurredAt: scored.occurredAt,
    });
  });
});

describe('ratedItemOf', () => {
  it('names the item of a review, deleted or not, and nothing for an item event', () => {
    assert.equal(ratedItemOf('comments', scored), scored.comment.itemId);
    assert.equal(ratedItemOf('comments', { ...scored, deleted: true }), scored.comment.itemId);
    assert.equal(ratedItemOf('items', enriched), undefined);
  });
});
