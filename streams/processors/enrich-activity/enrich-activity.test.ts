import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { samples } from '../../../schemas/samples.ts';
import { topics } from '../../../schemas/topics.ts';
import type { EnrichedActivity, EnrichedItem, UserActivity } from '../../../schemas/types.generated.ts';
import type { ProcessResult } from '../../runtime/processor.ts';
import { normaliseSearchText } from '../normalise-items/index.ts';
import { createTestTables, testContext } from '../test-tables.ts';
import { createEnrichActivity, itemDimensionsTable } from './index.ts';

const enrichActivity = createEnrichActivity();
const itemId = samples['enriched-item'].item.id;
const tables = createTestTables(enrichActivity.tables ?? [], { items: [[itemId, samples['enriched-item']]] });
const context = testContext({ topic: topics.activity.name, tables });

const base: UserActivity = {
  ...samples['user-activity'],
  type: 'PAGE_VIEW',
  page: '/items/iphone-13',
  search: null,
};

function activity(overrides: Partial<UserActivity>): UserActivity {
  return { ...base, ...overrides };
}

function emitted(result: ProcessResult<EnrichedActivity>): { key: string; value: EnrichedActivity } {
  assert.equal(result.kind, 'emit', result.kind === 'reject' ? result.reason : '');
  assert.equal(result.records.length, 1);
  assert.equal(result.records[0]!.topic, topics.activityEnriched);
  const { key, value } = result.records[0]!;
  return { key, value };
}

function rejection(result: ProcessResult<EnrichedActivity>): string {
  assert.equal(result.kind, 'reject');
  assert.equal(result.code, 'VALIDATION_FAILED');
  return result.reason;
}

const expectedDimensions = {
  categoryId: 'electronics.phones',
  categoryPath: ['Electronics', 'Phones'],
  sellerId: samples['enriched-item'].item.sellerId,
  price: { amountMinor: 79999, currency: 'RUB' },
};

describe('enrich-activity', () => {
  it('declares its topics and the items table', () => {
    assert.equal(enrichActivity.name, 'enrich-activity');
    assert.deepEqual(enrichActivity.inputs, [topics.activity]);
    assert.deepEqual(enrichActivity.outputs, [topics.activityEnriched]);
    assert.deepEqual(enrichActivity.tables, [itemDimensionsTable]);
    assert.equal(itemDimensionsTable.name, 'items');
    assert.equal(itemDimensionsTable.topic, topics.itemsEnriched);
    const deleted: EnrichedItem = {
      ...samples['enriched-item'],
      item: { ...samples['enriched-item'].item, deleted: true },
    };
    assert.equal(itemDimensionsTable.isDeleted?.(deleted), true);
    assert.equal(itemDimensionsTable.isDeleted?.(samples['enriched-item']), false);
  });

  it('turns the sample search into the sample EnrichedActivity, keyed by session', () => {
    assert.deepEqual(emitted(enrichActivity.process(samples['user-activity'], context)), {
      key: samples['user-activity'].sessionId,
      value: samples['enriched-activity'],
    });
  });

  it('joins the dimensions of a known item', () => {
    const { value } = emitted(enrichActivity.process(activity({ itemId }), context));
    assert.deepEqual(value.item, expectedDimensions);
    assert.equal(value.normalisedQuery, null);
    assert.deepEqual(value.activity, activity({ itemId }));
  });

  it('gives item null for an unknown item, a deleted item, or none', () => {
    assert.equal(
      emitted(enrichActivity.process(activity({ itemId: 'not-known' }), context)).value.item,
      null,
    );
    assert.equal(emitted(enrichActivity.process(activity({ itemId: null }), context)).value.item, null);
    const withDeleted = createTestTables(enrichActivity.tables ?? [], {
      items: [[itemId, samples['enriched-item']]],
    });
    withDeleted.put('items', itemId, {
      ...samples['enriched-item'],
      item: { ...samples['enriched-item'].item, deleted: true },
    });
    const after = testContext({ topic: topics.activity.name, tables: withDeleted });
    assert.equal(emitted(enrichActivity.process(activity({ itemId }), after)).value.item, null);
  });

  it('hands out copies, not the table row', () => {
    const { value } = emitted(enrichActivity.process(activity({ itemId }), context));
    value.item!.categoryPath.push('mutated');
    assert.deepEqual(samples['enriched-item'].item.category.path, ['Electronics', 'Phones']);
  });

  it('accepts clicks, carts and purchases with their details', () => {
    const click = activity({ type: 'CLICK', itemId, click: { searchId: null, position: 1 } });
    const cart = activity({ type: 'ADD_TO_CART', itemId, cart: { quantity: 2 } });
    const purchase = activity({
      type: 'PURCHASE',
      itemId,
      purchase: { orderId: 'order-1', quantity: 1, total: { amountMinor: 79999, currency: 'RUB' } },
    });
    for (const action of [click, cart, purchase]) {
      assert.deepEqual(
        emitted(enrichActivity.process(action, context)).value.item,
        expectedDimensions,
        action.type,
      );
    }
  });

  it('accepts a search that found nothing, and normalises only search queries', () => {
    const search = activity({
      type: 'SEARCH',
      search: { searchId: 's', query: '  ЁЛКА\u00A0Искусственная ', resultCount: 0 },
    });
    assert.equal(
      emitted(enrichActivity.process(search, context)).value.normalisedQuery,
      'елка искусственная',
    );
  });

  it('rejects an action without the detail of its type', () => {
    const cases: [Partial<UserActivity>, string][] = [
      [{ type: 'SEARCH', search: null }, 'search must be set for SEARCH'],
      [{ type: 'CLICK', itemId, click: null }, 'click must be set for CLICK'],
      [{ type: 'ADD_TO_CART', itemId, cart: null }, 'cart must be set for ADD_TO_CART'],
      [{ type: 'PURCHASE', itemId, purchase: null }, 'purchase must be set for PURCHASE'],
    ];
    for (const [overrides, reason] of cases)
      assert.equal(rejection(enrichActivity.process(activity(overrides), context)), reason);
  });

  it('rejects a click, cart or purchase without an item', () => {
    assert.equal(
      rejection(
        enrichActivity.process(
          activity({ type: 'CLICK', itemId: null, click: { searchId: 's', position: 3 } }),
          context,
        ),
      ),
      'itemId must be set for CLICK, got null',
    );
    assert.equal(
      rejection(
        enrichActivity.process(
          activity({ type: 'ADD_TO_CART', itemId: ' ', cart: { quantity: 1 } }),
          context,
        ),
      ),
      'itemId must be set for ADD_TO_CART, got " "',
    );
    assert.match(
      rejection(
        enrichActivity.process(activity({ type: 'PURCHASE', itemId: null, purchase: null }), context),
      ),
      /^purchase must be set for PURCHASE; itemId must be set for PURCHASE/u,
    );
  });

  it('rejects impossible numbers', () => {
    assert.equal(
      rejection(
        enrichActivity.process(activity({ type: 'ADD_TO_CART', itemId, cart: { quantity: 0 } }), context),
      ),
      'cart.quantity must be positive, got 0',
    );
    const total = { amountMinor: 1, currency: 'RUB' };
    assert.equal(
      rejection(
        enrichActivity.process(
          activity({ type: 'PURCHASE', itemId, purchase: { orderId: 'o', quantity: -1, total } }),
          context,
        ),
      ),
      'purchase.quantity must be positive, got -1',
    );
    assert.equal(
      rejection(
        enrichActivity.process(
          activity({ type: 'CLICK', itemId, click: { searchId: null, position: 0 } }),
          context,
        ),
      ),
      'click.position must be 1 or more, got 0',
    );
    assert.equal(
      rejection(
        enrichActivity.process(
          activity({ type: 'SEARCH', search: { searchId: 's', query: 'x', resultCount: -1 } }),
          context,
        ),
      ),
      'search.resultCount must not be negative, got -1',
    );
  });

  it('passes page views and UNKNOWN actions through', () => {
    assert.equal(
      emitted(enrichActivity.process(activity({ type: 'PAGE_VIEW' }), context)).key,
      base.sessionId,
    );
    assert.equal(
      emitted(enrichActivity.process(activity({ type: 'UNKNOWN', itemId }), context)).value.item?.sellerId,
      expectedDimensions.sellerId,
    );
  });

  it('property: a search is never rejected for its query, which folds like item text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), (query, resultCount) => {
        const search = activity({ type: 'SEARCH', search: { searchId: 's', query, resultCount } });
        const { value } = emitted(enrichActivity.process(search, context));
        assert.equal(value.normalisedQuery, normaliseSearchText(query));
        assert.equal(value.activity.search?.query, query);
      }),
    );
  });

  it('property: quantities and positions are accepted exactly when they make sense', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5 }),
        fc.constantFrom('CLICK', 'ADD_TO_CART', 'PURCHASE'),
        (n, type) => {
          const total = { amountMinor: 100, currency: 'RUB' };
          const action = activity({
            type,
            itemId,
            click: type === 'CLICK' ? { searchId: null, position: n } : null,
            cart: type === 'ADD_TO_CART' ? { quantity: n } : null,
            purchase: type === 'PURCHASE' ? { orderId: 'o', quantity: n, total } : null,
          });
          assert.equal(enrichActivity.process(action, context).kind, n >= 1 ? 'emit' : 'reject');
        },
      ),
    );
  });
});
