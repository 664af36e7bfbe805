import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommentChanged, ItemChanged, SellerChanged, UserActivity } from '../schemas/types.generated.ts';
import {
  apiLimits,
  beaconBatches,
  beaconEvent,
  changedFields,
  clip,
  itemBody,
  planItem,
  planReview,
  planSeller,
  reviewBody,
  sellerPageBody,
} from './api-requests.ts';

const item: ItemChanged['item'] = {
  id: 'gen-item',
  sellerId: 'gen-seller',
  title: 'Смартфон Apple iPhone 13 128GB',
  description: '<p>Новый, &laquo;в коробке&raquo;</p>',
  category: 'Смартфоны',
  price: { amountMinor: 7_359_000, currency: 'RUB' },
  imageUrls: ['items/abc/front.jpg'],
  attributes: { Бренд: 'Apple', Цвет: 'синий' },
};
const itemChange = (type: ItemChanged['type'], changed: Partial<ItemChanged['item']> = {}): ItemChanged => ({
  eventId: 'e1',
  type,
  item: { ...item, ...changed },
  version: 2,
  changedBy: 'gen-manager',
  occurredAt: 1,
});
const seller: SellerChanged['seller'] = {
  id: 'gen-seller',
  name: 'ООО «ТехноМир»',
  rating: 4.6,
  region: 'Москва',
};
const sellerChange = (
  type: SellerChanged['type'],
  changed: Partial<SellerChanged['seller']> = {},
): SellerChanged => ({
  eventId: 'e2',
  type,
  seller: { ...seller, ...changed },
  version: 1,
  changedBy: 'gen-manager',
  occurredAt: 1,
});
const comment: CommentChanged['comment'] = {
  id: 'gen-review',
  itemId: 'gen-item',
  authorId: 'gen-user',
  text: 'Отличный телефон',
  rating: 5,
};
const reviewChange = (
  type: CommentChanged['type'],
  changed: Partial<CommentChanged['comment']> = {},
): CommentChanged => ({
  eventId: 'e3',
  type,
  comment: { ...comment, ...changed },
  version: 1,
  changedBy: 'gen-user',
  occurredAt: 1,
});

const page = { apiId: 'api-seller', sent: sellerPageBody(seller) };
const listed = { apiId: 'api-item', sent: itemBody(item) };
const reviewed = { apiId: 'api-review', sent: reviewBody(comment) };

describe('request bodies', () => {
  it('make an item body of what the API takes: no id, no seller, no images', () => {
    assert.deepEqual(itemBody(item), {
      title: item.title,
      description: item.description,
      category: item.category,
      price: { amountMinor: 7_359_000, currency: 'RUB' },
      attributes: { Бренд: 'Apple', Цвет: 'синий' },
    });
  });

  it("cut texts to the API's limits without splitting a character", () => {
    const long = itemBody({ ...item, title: '😀'.repeat(300), description: 'x'.repeat(6000) });
    assert.equal(Array.from(long.title).length, apiLimits.title);
    assert.equal(long.title, '😀'.repeat(apiLimits.title));
    assert.equal(long.description.length, apiLimits.description);
    assert.equal(clip('short', 10), 'short');
  });

  it('keep at most the allowed number of attributes', () => {
    const attributes = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, 'v']));
    assert.equal(Object.keys(itemBody({ ...item, attributes }).attributes).length, apiLimits.attributes);
  });

  it('leave an unknown region out of a seller page', () => {
    assert.deepEqual(sellerPageBody({ ...seller, region: null }), { name: seller.name });
    assert.deepEqual(sellerPageBody(seller), { name: seller.name, region: 'Москва' });
  });

  it('find the fields that changed', () => {
    assert.deepEqual(changedFields({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } }), { b: { c: 3 } });
    assert.equal(changedFields({ a: 1 }, { a: 1 }), undefined);
  });
});

describe('planSeller', () => {
  it('creates the seller page', () => {
    const plan = planSeller(sellerChange('CREATED'), undefined);
    assert.equal(plan.kind, 'call');
    assert.equal(plan.kind === 'call' && `${plan.method} ${plan.path}`, 'POST /v1/sellers');
    assert.deepEqual(plan.kind === 'call' && plan.body, { name: seller.name, region: 'Москва' });
  });

  it('sends only what changed, to the API id', () => {
    const plan = planSeller(sellerChange('UPDATED', { name: 'ТехноМир' }), page);
    assert.equal(plan.kind === 'call' && `${plan.method} ${plan.path}`, 'PATCH /v1/sellers/api-seller');
    assert.deepEqual(plan.kind === 'call' && plan.body, { name: 'ТехноМир' });
    assert.deepEqual(plan.kind === 'call' && plan.sent, { name: 'ТехноМир', region: 'Москва' });
  });

  it('skips a rating change (the API has none) and a seller whose page failed', () => {
    assert.equal(planSeller(sellerChange('UPDATED', { rating: 4.7 }), page).kind, 'skip');
    assert.equal(planSeller(sellerChange('UPDATED', { name: 'X' }), undefined).kind, 'skip');
  });
});

describe('planItem', () => {
  it('creates an item once its seller page exists', () => {
    const plan = planItem(itemChange('CREATED'), page, undefined);
    assert.equal(plan.kind === 'call' && `${plan.method} ${plan.path}`, 'POST /v1/items');
    assert.deepEqual(plan.kind === 'call' && plan.body, itemBody(item));
    const orphan = planItem(itemChange('CREATED'), undefined, undefined);
    assert.deepEqual(orphan, {
      kind: 'skip',
      operation: 'create item',
      reason: "the item's seller page was not created",
    });
  });

  it('patches the changed fields of the API item', () => {
    const price = { amountMinor: 6_990_000, currency: 'RUB' };
    const plan = planItem(itemChange('UPDATED', { price }), page, listed);
    assert.equal(plan.kind === 'call' && `${plan.method} ${plan.path}`, 'PATCH /v1/items/api-item');
    assert.deepEqual(plan.kind === 'call' && plan.body, { price });
  });

  it('skips a change of images only, and changes of an item that was not created', () => {
    const images = planItem(itemChange('UPDATED', { imageUrls: ['items/abc/side.jpg'] }), page, listed);
    assert.equal(images.kind, 'skip');
    assert.equal(planItem(itemChange('UPDATED', { title: 'new' }), page, undefined).kind, 'skip');
  });

  it('deletes the API item', () => {
    const plan = planItem(itemChange('DELETED'), page, listed);
    assert.equal(plan.kind === 'call' && `${plan.method} ${plan.path}`, 'DELETE /v1/items/api-item');
    assert.equal(plan.kind === 'call' && plan.body, undefined);
  });
});

describe('planReview', () => {
  it("posts a review to the API's item", () => {
    const plan = planReview(reviewChange('CREATED'), listed, undefined);
    assert.equal(plan.kind === 'call' && `${plan.method} ${plan.path}`, 'POST /v1/items/api-item/reviews');
    assert.deepEqual(plan.kind === 'call' && plan.body, { text: comment.text, rating: 5 });
    assert.equal(planReview(reviewChange('CREATED'), undefined, undefined).kind, 'skip');
  });

  it('edits and deletes the API review', () => {
    const edit = planReview(
      reviewChange('UPDATED', { text: `${comment.text}\nUPD: сломался`, rating: 3 }),
      listed,
      reviewed,
    );
    assert.equal(edit.kind === 'call' && `${edit.method} ${edit.path}`, 'PATCH /v1/reviews/api-review');
    assert.deepEqual(edit.kind === 'call' && edit.body, {
      text: `${comment.text}\nUPD: сломался`,
      rating: 3,
    });
    const remove = planReview(reviewChange('DELETED'), listed, reviewed);
    assert.equal(
      remove.kind === 'call' && `${remove.method} ${remove.path}`,
      'DELETE /v1/reviews/api-review',
    );
    assert.equal(planReview(reviewChange('DELETED'), listed, undefined).kind, 'skip');
  });
});

describe('beacons', () => {
  const view: UserActivity = {
    eventId: 'ev-1',
    type: 'PAGE_VIEW',
    sessionId: 'session-1',
    userId: 'gen-user',
    occurredAt: 1_767_225_600_000,
    userAgent: 'Mozilla/5.0',
    referrer: null,
    itemId: 'gen-item',
    page: '/item/gen-item',
    search: null,
    click: null,
    cart: null,
    purchase: null,
  };

  it("carry the API's item id, leave absent details out and never claim a user", () => {
    assert.deepEqual(beaconEvent(view, 'api-item'), {
      eventId: 'ev-1',
      type: 'PAGE_VIEW',
      sessionId: 'session-1',
      occurredAt: 1_767_225_600_000,
      userAgent: 'Mozilla/5.0',
      itemId: 'api-item',
      page: '/item/gen-item',
    });
    const search = beaconEvent(
      {
        ...view,
        type: 'SEARCH',
        itemId: null,
        page: null,
        search: { searchId: 's', query: 'айфон', resultCount: 3 },
      },
      null,
    );
    assert.deepEqual(search.search, { searchId: 's', query: 'айфон', resultCount: 3 });
    assert.equal('itemId' in search, false);
    assert.equal('userId' in search, false);
  });

  it('go in batches per sender, in order, at most the limit each', () => {
    const events = Array.from({ length: 7 }, (_, i) => ({
      actor: i % 2 === 0 ? 'a' : undefined,
      event: beaconEvent({ ...view, eventId: `ev-${i}` }, null),
    }));
    const batches = beaconBatches(events, 3);
    assert.deepEqual(
      batches.map((b) => [b.actor, b.events.map((e) => e.eventId)]),
      [
        ['a', ['ev-0', 'ev-2', 'ev-4']],
        ['a', ['ev-6']],
        [undefined, ['ev-1', 'ev-3', 'ev-5']],
      ],
    );
  });
});
