/**
 * One realistic record per schema, typed by the generated types, used to write the golden
 * fixtures of a new schema version (`npm run schemas:fixtures`) and as examples in tests.
 */
import type { SchemaTypes } from './types.generated.ts';

const itemId = '6f1d7c2e-3b4a-4f5e-9a8b-1c2d3e4f5a6b';
const sellerId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const at = Date.UTC(2026, 10, 25, 12, 0, 0);
const money = { amountMinor: 79999, currency: 'RUB' };

const item = {
  id: itemId,
  sellerId,
  title: '  iPhone 13  ',
  description: '<p>Apple iPhone 13 с 128GB памяти</p>',
  category: 'Смартфоны',
  price: money,
  imageUrls: ['items/6f1d7c2e/front.jpg'],
  attributes: { colour: 'midnight' },
};

const comment = {
  id: '2b1a0f9e-8d7c-4b6a-9584-736251403928',
  itemId,
  authorId: 'user-1',
  text: 'Отличный товар! Качество на высоте, доставка быстрая.',
  rating: 5,
};

const activity: SchemaTypes['user-activity'] = {
  eventId: '5d3c2b1a-0f9e-4d8c-b7a6-958473625140',
  type: 'SEARCH',
  sessionId: 'session-42',
  userId: null,
  occurredAt: at,
  userAgent: 'Mozilla/5.0',
  referrer: null,
  itemId: null,
  page: null,
  search: { searchId: '1e2d3c4b-5a69-4788-9a0b-c1d2e3f40516', query: 'Айфон 13', resultCount: 3 },
  click: null,
  cart: null,
  purchase: null,
};

const normalisedItem: SchemaTypes['normalised-item'] = {
  id: itemId,
  version: 3,
  deleted: false,
  sellerId,
  title: 'iPhone 13',
  description: 'Apple iPhone 13 с 128GB памяти',
  category: { raw: 'Смартфоны', id: 'electronics.phones', path: ['Electronics', 'Phones'], known: true },
  price: money,
  imageUrls: ['items/6f1d7c2e/front.jpg'],
  attributes: { colour: 'midnight' },
  updatedAt: at,
  sourceEventId: '9b8a7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
};

export const samples: SchemaTypes = {
  'item-changed': {
    eventId: '9b8a7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
    type: 'UPDATED',
    item,
    version: 3,
    changedBy: 'user-7',
    occurredAt: at,
  },
  'seller-changed': {
    eventId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
    type: 'CREATED',
    seller: { id: sellerId, name: 'Gadget House', rating: 4.7, region: 'Moscow' },
    version: 1,
    changedBy: 'admin',
    occurredAt: at,
  },
  'comment-changed': {
    eventId: '3c2b1a0f-9e8d-4c7b-a695-847362514039',
    type: 'CREATED',
    comment,
    version: 1,
    changedBy: 'user-1',
    occurredAt: at,
  },
  'user-activity': activity,
  'normalised-item': normalisedItem,
  'enriched-item': {
    item: normalisedItem,
    seller: { id: sellerId, name: 'Gadget House', rating: 4.7, region: 'Moscow', version: 1 },
    enrichedAt: at,
  },
  'scored-comment': {
    comment,
    deleted: false,
    version: 1,
    sentiment: { language: 'RU', score: 0.8, label: 'POSITIVE', confidence: 0.9, modelVersion: 'sample' },
    occurredAt: at,
    sourceEventId: '3c2b1a0f-9e8d-4c7b-a695-847362514039',
  },
  'enriched-activity': {
    activity,
    item: null,
    normalisedQuery: 'айфон 13',
  },
  'dead-letter': {
    sourceTopic: 'shop.items',
    partition: 0,
    offset: 42,
    processor: 'normalise-items',
    errorCode: 'VALIDATION_FAILED',
    errorMessage: 'price must be positive, got 0 RUB',
    key: Buffer.from(itemId),
    value: Buffer.from([0, 0, 0, 0, 1, 2, 3]),
    headers: { traceparent: Buffer.from('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01') },
    failedAt: at,
  },
};
