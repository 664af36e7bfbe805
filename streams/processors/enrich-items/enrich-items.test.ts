import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { samples } from '../../../schemas/samples.ts';
import { topics } from '../../../schemas/topics.ts';
import type { EnrichedItem, NormalisedItem, SellerChanged } from '../../../schemas/types.generated.ts';
import type { ProcessResult } from '../../runtime/processor.ts';
import { createTestTables, testContext, type TestTables } from '../test-tables.ts';
import { createEnrichItems, itemsTable, sellersTable } from './index.ts';

const enrichItems = createEnrichItems();
const sellerId = samples['seller-changed'].seller.id;
const otherSellerId = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';

function item(id: string, overrides: Partial<NormalisedItem> = {}): NormalisedItem {
  return { ...samples['normalised-item'], id, ...overrides };
}

function sellerChange(overrides: Partial<SellerChanged> = {}, name = 'Gadget House'): SellerChanged {
  const sample = samples['seller-changed'];
  return { ...sample, ...overrides, seller: { ...sample.seller, name } };
}

function tablesWith(sellers: SellerChanged[], items: NormalisedItem[]): TestTables {
  return createTestTables(enrichItems.tables ?? [], {
    sellers: sellers.map((change) => [change.seller.id, change]),
    items: items.map((row) => [row.id, row]),
  });
}

function records(result: ProcessResult<EnrichedItem>): { key: string; value: EnrichedItem }[] {
  assert.equal(result.kind, 'emit', result.kind === 'reject' ? result.reason : '');
  for (const record of result.records) assert.equal(record.topic, topics.itemsEnriched);
  return result.records.map(({ key, value }) => ({ key, value }));
}

const onItems = (tables: TestTables, timestamp?: number) =>
  testContext({
    topic: topics.itemsNormalised.name,
    tables,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
const onSellers = (tables: TestTables) => testContext({ topic: topics.sellers.name, tables });

describe('enrich-items', () => {
  it('declares its topics and the two global tables', () => {
    assert.equal(enrichItems.name, 'enrich-items');
    assert.deepEqual(enrichItems.inputs, [topics.itemsNormalised, topics.sellers]);
    assert.deepEqual(enrichItems.outputs, [topics.itemsEnriched]);
    assert.deepEqual(enrichItems.tables, [sellersTable, itemsTable]);
    assert.equal(sellersTable.topic, topics.sellers);
    assert.equal(itemsTable.topic, topics.itemsNormalised);
    assert.equal(itemsTable.indexes?.bySeller?.(samples['normalised-item']), sellerId);
    assert.equal(itemsTable.isDeleted?.(item('x', { deleted: true })), true);
    assert.equal(itemsTable.isDeleted?.(item('x')), false);
    assert.equal(sellersTable.isDeleted?.(sellerChange({ type: 'DELETED' })), true);
    assert.equal(sellersTable.isDeleted?.(sellerChange({ type: 'UPDATED' })), false);
  });

  describe('a normalised item', () => {
    it('is joined with its seller: the sample EnrichedItem', () => {
      const tables = tablesWith([samples['seller-changed']], []);
      const result = enrichItems.process(samples['normalised-item'], onItems(tables));
      assert.deepEqual(records(result), [
        { key: samples['normalised-item'].id, value: samples['enriched-item'] },
      ]);
    });

    it('gets seller null while the seller is unknown or deleted', () => {
      const unknown = records(enrichItems.process(samples['normalised-item'], onItems(tablesWith([], []))));
      assert.equal(unknown[0]!.value.seller, null);
      const deleted = tablesWith([sellerChange({ type: 'DELETED' })], []);
      assert.equal(
        records(enrichItems.process(samples['normalised-item'], onItems(deleted)))[0]!.value.seller,
        null,
      );
    });

    it('keeps the category path of the normalised item and stamps the stream time', () => {
      const [record] = records(
        enrichItems.process(samples['normalised-item'], onItems(tablesWith([], []), 4242)),
      );
      assert.deepEqual(record!.value.item.category.path, ['Electronics', 'Phones']);
      assert.equal(record!.value.enrichedAt, 4242);
    });

    it('passes a deleted item through so the sinks delete it', () => {
      const deleted = item(samples['normalised-item'].id, { deleted: true });
      const [record] = records(
        enrichItems.process(deleted, onItems(tablesWith([samples['seller-changed']], []))),
      );
      assert.equal(record!.key, deleted.id);
      assert.equal(record!.value.item.deleted, true);
    });
  });

  describe('a seller change', () => {
    const first = item('00000000-0000-4000-8000-000000000001');
    const second = item('00000000-0000-4000-8000-000000000002');
    const gone = item('00000000-0000-4000-8000-000000000003', { deleted: true });
    const elsewhere = item('00000000-0000-4000-8000-000000000004', { sellerId: otherSellerId });

    it('re-emits every live item of the seller with the new seller, in id order', () => {
      const renamed = sellerChange({ type: 'UPDATED', version: 2 }, 'Gadget House Pro');
      const tables = tablesWith([samples['seller-changed']], [second, gone, elsewhere, first]);
      const emitted = records(enrichItems.process(renamed, onSellers(tables)));
      assert.deepEqual(
        emitted.map(({ key }) => key),
        [first.id, second.id],
      );
      for (const { value } of emitted) {
        assert.deepEqual(value.seller, {
          id: sellerId,
          name: 'Gadget House Pro',
          rating: 4.7,
          region: 'Moscow',
          version: 2,
        });
        assert.equal(value.enrichedAt, onSellers(tables).timestamp);
      }
      assert.deepEqual(emitted[0]!.value.item, first);
    });

    it('re-emits the items with seller null when the seller is deleted', () => {
      const tables = tablesWith([samples['seller-changed']], [first, second]);
      const emitted = records(
        enrichItems.process(sellerChange({ type: 'DELETED', version: 3 }), onSellers(tables)),
      );
      assert.equal(emitted.length, 2);
      for (const { value } of emitted) assert.equal(value.seller, null);
    });

    it('emits nothing for a seller without items', () => {
      assert.deepEqual(
        records(enrichItems.process(samples['seller-changed'], onSellers(tablesWith([], [elsewhere])))),
        [],
      );
    });

    it('rejects UNKNOWN change types and an empty seller id', () => {
      const unknown = enrichItems.process(
        sellerChange({ type: 'UNKNOWN' }),
        onSellers(tablesWith([], [first])),
      );
      assert.equal(unknown.kind, 'reject');
      assert.equal(unknown.kind === 'reject' && unknown.code, 'VALIDATION_FAILED');
      assert.match(unknown.kind === 'reject' ? unknown.reason : '', /got UNKNOWN/u);
      const change = sellerChange();
      const noId = enrichItems.process(
        { ...change, seller: { ...change.seller, id: '' } },
        onSellers(tablesWith([], [])),
      );
      assert.equal(noId.kind === 'reject' && noId.reason, 'seller.id must not be empty, got ""');
    });
  });

  it('rejects a record from a topic it does not read', () => {
    const result = enrichItems.process(samples['normalised-item'], testContext({ topic: 'shop.other' }));
    assert.equal(result.kind, 'reject');
    assert.match(result.kind === 'reject' ? result.reason : '', /not shop\.other/u);
  });

  it('follows a seller rename end to end, with the tables fed from the input topics', () => {
    // The runtime applies every record of a table's topic to the table; here by hand.
    const tables = tablesWith([], []);
    const a = item('00000000-0000-4000-8000-00000000000a');
    const b = item('00000000-0000-4000-8000-00000000000b');
    for (const row of [a, b]) {
      tables.put('items', row.id, row);
      assert.equal(records(enrichItems.process(row, onItems(tables)))[0]!.value.seller, null);
    }
    const created = sellerChange({ type: 'CREATED', version: 1 }, 'Old Name');
    tables.put('sellers', sellerId, created);
    assert.deepEqual(
      records(enrichItems.process(created, onSellers(tables))).map(({ value }) => value.seller?.name),
      ['Old Name', 'Old Name'],
    );
    const renamed = sellerChange({ type: 'UPDATED', version: 2 }, 'New Name');
    tables.put('sellers', sellerId, renamed);
    const deletedB = { ...b, deleted: true };
    tables.put('items', b.id, deletedB);
    assert.deepEqual(
      records(enrichItems.process(renamed, onSellers(tables))).map(({ key, value }) => [
        key,
        value.seller?.name,
      ]),
      [[a.id, 'New Name']],
    );
    const [afterwards] = records(enrichItems.process(a, onItems(tables)));
    assert.equal(afterwards!.value.seller?.version, 2);
  });
});
