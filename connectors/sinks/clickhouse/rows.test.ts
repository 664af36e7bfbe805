import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { samples } from '../../../schemas/samples.ts';
import type { EnrichedActivity, UserActivity } from '../../../schemas/types.generated.ts';
import {
  activityRow,
  commentRow,
  itemRow,
  itemRowVersion,
  SELLER_VERSION_LIMIT,
  type RowResult,
} from './rows.ts';
import { activityTable, commentsTable, itemsTable, type TableDefinition } from './schema.ts';

function rowOf<R>(result: RowResult<R>): R {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.row;
}

function reasonOf(result: RowResult<unknown>): string {
  assert.equal(result.ok, false, 'expected a rejection');
  return result.ok ? '' : result.reason;
}

const columnsOf = (table: TableDefinition) => table.columns.map(([name]) => name);

function enriched(activity: Partial<UserActivity>, rest: Partial<EnrichedActivity> = {}): EnrichedActivity {
  return {
    activity: { ...samples['user-activity'], ...activity },
    item: null,
    normalisedQuery: null,
    ...rest,
  };
}

const dimensions = {
  categoryId: 'electronics.phones',
  categoryPath: ['Electronics', 'Phones'],
  sellerId: 'seller-1',
  price: { amountMinor: 79999, currency: 'RUB' },
};

describe('activityRow', () => {
  it('maps a search: query, normalised query, result count, UTC time and date', () => {
    const row = rowOf(activityRow(samples['enriched-activity']));
    assert.deepEqual(Object.keys(row), columnsOf(activityTable));
    assert.deepEqual(row, {
      event_id: '5d3c2b1a-0f9e-4d8c-b7a6-958473625140',
      type: 'SEARCH',
      session_id: 'session-42',
      user_id: '',
      occurred_at: '2026-11-25 12:00:00',
      event_date: '2026-11-25',
      item_id: '',
      category_id: '',
      category_path: [],
      seller_id: '',
      price_minor: null,
      price_currency: '',
      page: '',
      referrer: '',
      user_agent: 'Mozilla/5.0',
      search_id: '1e2d3c4b-5a69-4788-9a0b-c1d2e3f40516',
      query: 'Айфон 13',
      normalised_query: 'айфон 13',
      result_count: 3,
      click_position: null,
      quantity: null,
      order_id: '',
      order_total_minor: null,
      order_currency: '',
    });
  });

  it('maps a page view with the item dimensions', () => {
    const row = rowOf(
      activityRow(
        enriched(
          { type: 'PAGE_VIEW', search: null, itemId: 'item-1', page: '/items/item-1', userId: 'user-1' },
          { item: dimensions },
        ),
      ),
    );
    assert.equal(row.type, 'PAGE_VIEW');
    assert.equal(row.item_id, 'item-1');
    assert.equal(row.user_id, 'user-1');
    assert.equal(row.page, '/items/item-1');
    assert.equal(row.category_id, 'electronics.phones');
    assert.deepEqual(row.category_path, ['Electronics', 'Phones']);
    assert.equal(row.seller_id, 'seller-1');
    assert.equal(row.price_minor, 79999);
    assert.equal(row.price_currency, 'RUB');
    assert.equal(row.search_id, '');
    assert.equal(row.result_count, null);
  });

  it('maps a click with its search id and position, a cart and a purchase with quantity and total', () => {
    const click = rowOf(
      activityRow(
        enriched({ type: 'CLICK', search: null, itemId: 'i', click: { searchId: 's-1', position: 2 } }),
      ),
    );
    assert.equal(click.search_id, 's-1');
    assert.equal(click.click_position, 2);
    const cart = rowOf(
      activityRow(enriched({ type: 'ADD_TO_CART', search: null, itemId: 'i', cart: { quantity: 3 } })),
    );
    assert.equal(cart.quantity, 3);
    const purchase = rowOf(
      activityRow(
        enriched({
          type: 'PURCHASE',
          search: null,
          itemId: 'i',
          purchase: { orderId: 'o-1', quantity: 2, total: { amountMinor: 159998, currency: 'RUB' } },
        }),
      ),
    );
    assert.deepEqual(
      [purchase.quantity, purchase.order_id, purchase.order_total_minor, purchase.order_currency],
      [2, 'o-1', 159998, 'RUB'],
    );
  });

  it('uses UTC for the time and the date whatever the local zone', () => {
    const row = rowOf(activityRow(enriched({ occurredAt: Date.UTC(2026, 10, 25, 23, 59, 59, 999) })));
    assert.equal(row.occurred_at, '2026-11-25 23:59:59');
    assert.equal(row.event_date, '2026-11-25');
  });

  it('rejects what ClickHouse would store wrongly instead of refusing', () => {
    assert.match(
      reasonOf(activityRow(enriched({ occurredAt: Date.UTC(2200, 0, 1) }))),
      /activity\.occurredAt.*2106/,
    );
    assert.match(reasonOf(activityRow(enriched({ occurredAt: -1 }))), /activity\.occurredAt/);
    assert.match(
      reasonOf(activityRow(enriched({ search: { searchId: 's', query: 'q', resultCount: -1 } }))),
      /search\.resultCount must be an integer from 0/,
    );
    assert.match(reasonOf(activityRow(enriched({ eventId: ' ' }))), /activity\.eventId must not be empty/);
    assert.match(
      reasonOf(
        activityRow(
          enriched({}, { item: { ...dimensions, price: { amountMinor: 2 ** 60, currency: 'RUB' } } }),
        ),
      ),
      /item\.price\.amountMinor must be a safe integer/,
    );
  });

  it('names every problem of a record at once', () => {
    const reason = reasonOf(activityRow(enriched({ eventId: '', occurredAt: Number.NaN })));
    assert.match(reason, /occurredAt/);
    assert.match(reason, /eventId/);
  });
});

describe('itemRow', () => {
  it('maps an enriched item with the composite replacing version', () => {
    const row = rowOf(itemRow(samples['enriched-item']));
    assert.deepEqual(Object.keys(row), columnsOf(itemsTable));
    assert.equal(row.version, 3 * 2 ** 21 + 1);
    assert.equal(row.item_version, 3);
    assert.equal(row.seller_version, 1);
    assert.equal(row.deleted, 0);
    assert.equal(row.title, 'iPhone 13');
    assert.equal(row.category_id, 'electronics.phones');
    assert.deepEqual(row.category_path, ['Electronics', 'Phones']);
    assert.equal(row.category_known, 1);
    assert.equal(row.seller_name, 'Gadget House');
    assert.equal(row.seller_rating, 4.7);
    assert.equal(row.updated_at, '2026-11-25 12:00:00');
  });

  it('orders versions: a seller change re-emission beats the item version, the next item version beats both', () => {
    assert.ok(itemRowVersion(3, 2) > itemRowVersion(3, 1));
    assert.ok(itemRowVersion(4, 0) > itemRowVersion(3, SELLER_VERSION_LIMIT - 1));
    assert.ok(Number.isSafeInteger(itemRowVersion(2 ** 32 - 1, SELLER_VERSION_LIMIT - 1)));
  });

  it('keeps a deleted item as deleted = 1, and an unknown seller as version 0 with empty fields', () => {
    const sample = samples['enriched-item'];
    const row = rowOf(itemRow({ ...sample, item: { ...sample.item, deleted: true }, seller: null }));
    assert.equal(row.deleted, 1);
    assert.equal(row.seller_version, 0);
    assert.equal(row.seller_name, '');
    assert.equal(row.seller_rating, null);
    assert.equal(row.seller_id, sample.item.sellerId);
  });

  it('rejects versions the composite cannot encode', () => {
    const sample = samples['enriched-item'];
    assert.match(
      reasonOf(itemRow({ ...sample, seller: { ...sample.seller!, version: SELLER_VERSION_LIMIT } })),
      /seller\.version must be an integer from 0 to 2097151/,
    );
    assert.match(
      reasonOf(itemRow({ ...sample, item: { ...sample.item, version: 2 ** 32 } })),
      /item\.version/,
    );
  });
});

describe('commentRow', () => {
  it('maps a scored review', () => {
    const row = rowOf(commentRow(samples['scored-comment']));
    assert.deepEqual(Object.keys(row), columnsOf(commentsTable));
    assert.deepEqual(
      [row.comment_id, row.item_id, row.version, row.deleted, row.rating],
      ['2b1a0f9e-8d7c-4b6a-9584-736251403928', '6f1d7c2e-3b4a-4f5e-9a8b-1c2d3e4f5a6b', 1, 0, 5],
    );
    assert.deepEqual(
      [row.language, row.sentiment_label, row.sentiment_score, row.sentiment_confidence, row.model_version],
      ['RU', 'POSITIVE', 0.8, 0.9, 'sample'],
    );
    assert.equal(row.occurred_at, '2026-11-25 12:00:00');
    assert.equal(row.event_date, '2026-11-25');
  });

  it('rejects a score JSON cannot carry and a rating outside UInt8', () => {
    const sample = samples['scored-comment'];
    assert.match(
      reasonOf(commentRow({ ...sample, sentiment: { ...sample.sentiment, score: Number.NaN } })),
      /sentiment\.score must be a finite number/,
    );
    assert.match(
      reasonOf(commentRow({ ...sample, comment: { ...sample.comment, rating: 256 } })),
      /comment\.rating/,
    );
  });
});
