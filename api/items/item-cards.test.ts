import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { itemCardOperation } from '../../connectors/sinks/redis/operations.ts';
import { topics } from '../../schemas/topics.ts';
import type { ItemChanged, NormalisedItem, SellerChanged } from '../../schemas/types.generated.ts';
import { createEnrichItems } from '../../streams/processors/enrich-items/index.ts';
import { createNormaliseItems } from '../../streams/processors/normalise-items/index.ts';
import type { ProcessorContext } from '../../streams/runtime/processor.ts';
import { createTestTables, testContext } from '../../streams/processors/test-tables.ts';
import { CatalogueRules } from './item-cards.ts';
import { eventItem, type ItemRow } from './item-rows.ts';

const BUCKET = 'eshop-images';

function row(overrides: Partial<ItemRow> = {}, seller: Partial<ItemRow['seller']> = {}): ItemRow {
  return {
    id: '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10',
    sellerId: '0c7e5d1a-3b2f-4e6d-8a9c-1b2d3e4f5a6b',
    title: '  Смартфон   Aurora\u00a0128 ГБ ',
    description: '<p>Отличный <b>экран</b> &amp; камера</p>',
    category: 'смартфоны',
    price: { amountMinor: 4_999_000, currency: 'RUB' },
    attributes: { ' Colour ': ' Black ' },
    version: 4,
    deleted: false,
    createdAt: new Date('2026-01-15T09:00:00.000Z'),
    updatedAt: new Date('2026-01-15T10:30:00.123Z'),
    images: [
      { position: 0, key: 'items/6f1d7c2e/a.jpg' },
      { position: 2, key: 'items/6f1d7c2e/b.png' },
    ],
    seller: {
      id: '0c7e5d1a-3b2f-4e6d-8a9c-1b2d3e4f5a6b',
      ownerId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
      name: 'Gadget House',
      rating: 4.7,
      region: 'Kazan',
      version: 3,
      deleted: false,
      ...seller,
    },
    ...overrides,
  };
}

/** What the pipeline makes of the row's event: normalise-items, enrich-items, the Redis sink's operation. */
function throughThePipeline(item: ItemRow): ReturnType<typeof itemCardOperation> {
  const event: ItemChanged = {
    eventId: '9b8a7c6d-5e4f-4a3b-8c1d-0e9f8a7b6c5d',
    type: item.deleted ? 'DELETED' : 'UPDATED',
    item: eventItem(item, BUCKET),
    version: item.version,
    changedBy: 'user-1',
    occurredAt: item.updatedAt.getTime(),
  };
  const normalised = createNormaliseItems().process(event, testContext({ topic: topics.items.name }));
  assert.equal(normalised.kind, 'emit');
  const enrich = createEnrichItems();
  const sellerChanged: SellerChanged = {
    eventId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    type: item.seller.deleted ? 'DELETED' : 'UPDATED',
    seller: {
      id: item.seller.id,
      name: item.seller.name,
      rating: item.seller.rating,
      region: item.seller.region,
    },
    version: item.seller.version,
    changedBy: 'user-1',
    occurredAt: 0,
  };
  const context: ProcessorContext = testContext({
    topic: topics.itemsNormalised.name,
    tables: createTestTables(enrich.tables ?? [], { sellers: [[item.seller.id, sellerChanged]] }),
  });
  const value = (normalised as { records: { value: NormalisedItem }[] }).records[0]!.value;
  const enriched = enrich.process(value, context);
  assert.equal(enriched.kind, 'emit');
  return itemCardOperation((enriched as { records: { value: unknown }[] }).records[0]!.value);
}

describe('catalogue rules in the API', () => {
  const rules = new CatalogueRules({ items: { priceCapMinor: undefined, currencies: undefined } });

  it('builds the card and order the Redis sink writes for the same row', () => {
    const sink = throughThePipeline(row());
    assert.equal(sink.kind, 'card');
    const api = rules.cacheEntryOf(row(), BUCKET);
    assert.deepEqual(api, { itemId: sink.itemId, order: sink.order, card: sink.card });
    assert.equal(api!.card!.title, 'Смартфон Aurora 128 ГБ');
    assert.equal(api!.card!.description, 'Отличный экран & камера');
    assert.deepEqual(api!.card!.imageUrls, [
      `s3://${BUCKET}/items/6f1d7c2e/a.jpg`,
      `s3://${BUCKET}/items/6f1d7c2e/b.png`,
    ]);
    assert.equal(api!.order, String(4 * 2 ** 21 + 3));
  });

  it('shows a deleted seller as unknown, ordered like the pipeline’s re-emission', () => {
    const deletedSeller = row({}, { deleted: true });
    const sink = throughThePipeline(deletedSeller);
    const api = rules.cacheEntryOf(deletedSeller, BUCKET);
    assert.deepEqual(
      api,
      sink.kind === 'card' ? { itemId: sink.itemId, order: sink.order, card: sink.card } : sink,
    );
    assert.equal(api!.card!.seller.name, null);
    assert.equal(api!.order, String(4 * 2 ** 21));
  });

  it('deletes the card of a deleted item, under its order', () => {
    const deleted = row({ deleted: true, version: 5 });
    const sink = throughThePipeline(deleted);
    assert.deepEqual(rules.cacheEntryOf(deleted, BUCKET), {
      itemId: deleted.id,
      order: String(5 * 2 ** 21 + 3),
      card: null,
    });
    assert.equal(sink.kind === 'card' && sink.card, null);
  });

  it('has no card for an item the pipeline would reject', () => {
    assert.equal(rules.cacheEntryOf(row({ price: { amountMinor: 1, currency: 'XXX' } }), BUCKET), undefined);
    assert.equal(rules.cacheEntryOf(row({ title: '\u200b' }), BUCKET), undefined);
  });

  it('takes the accepted currencies and price cap from the configuration', () => {
    assert.deepEqual(rules.currencies, ['RUB', 'USD', 'EUR', 'GBP', 'CNY', 'KZT', 'BYN', 'UAH']);
    const narrow = new CatalogueRules({ items: { priceCapMinor: 1000, currencies: ['RUB'] } });
    assert.deepEqual(narrow.currencies, ['RUB']);
    const item = eventItem(row(), BUCKET);
    assert.ok('rejected' in narrow.normalise(item, 1, 0));
    assert.ok(
      !('rejected' in narrow.normalise({ ...item, price: { amountMinor: 999, currency: 'RUB' } }, 1, 0)),
    );
  });
});
