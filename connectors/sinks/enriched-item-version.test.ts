import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enrichedItemVersion, ITEM_VERSION_LIMIT, SELLER_VERSION_LIMIT } from './enriched-item-version.ts';

describe('enrichedItemVersion', () => {
  it('makes a seller change newer without outranking the next item version', () => {
    assert.ok(enrichedItemVersion(3, 2)! > enrichedItemVersion(3, 1)!);
    assert.ok(enrichedItemVersion(4, 0)! > enrichedItemVersion(3, SELLER_VERSION_LIMIT - 1)!);
    assert.equal(enrichedItemVersion(3, 2), 3 * 2 ** 21 + 2);
  });

  it('stays an exact number at its limits and refuses what is beyond them', () => {
    assert.ok(Number.isSafeInteger(enrichedItemVersion(ITEM_VERSION_LIMIT - 1, SELLER_VERSION_LIMIT - 1)));
    assert.equal(enrichedItemVersion(ITEM_VERSION_LIMIT, 0), undefined);
    assert.equal(enrichedItemVersion(1, SELLER_VERSION_LIMIT), undefined);
    assert.equal(enrichedItemVersion(-1, 0), undefined);
    assert.equal(enrichedItemVersion(1.5, 0), undefined);
  });
});
