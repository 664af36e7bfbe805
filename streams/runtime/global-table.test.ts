import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kafka } from 'kafkajs';
import type { AvroSerde } from '../../core/events/avro-serde.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { createLogger } from '../../core/log/index.ts';
import { topics } from '../../schemas/topics.ts';
import { GlobalTable } from './global-table.ts';
import type { TableDeclaration } from './processor.ts';

interface Row {
  id: string;
  sellerId: string;
  deleted: boolean;
}

// The table's bookkeeping without a broker: bytes are JSON here, decoded by a stand-in serde.
const serde = {
  async decode(_schema: string, bytes: Buffer) {
    const text = bytes.toString();
    if (text === 'garbage') throw new PlatformError(ErrorCodes.DESERIALIZATION_FAILED, 'garbage');
    return JSON.parse(text) as Row;
  },
} as unknown as AvroSerde;

const declaration: TableDeclaration<Row> = {
  name: 'items',
  topic: topics.itemsNormalised,
  indexes: { bySeller: (row) => row.sellerId },
  isDeleted: (row) => row.deleted,
};

function table() {
  return new GlobalTable<Row>(declaration, {} as Kafka, serde, 'test', createLogger('test', 'silent'));
}

const bytes = (row: Row) => Buffer.from(JSON.stringify(row));

describe('GlobalTable', () => {
  it('keeps the latest value per key and indexes it', async () => {
    const t = table();
    await t.apply('i1', bytes({ id: 'i1', sellerId: 's1', deleted: false }));
    await t.apply('i2', bytes({ id: 'i2', sellerId: 's1', deleted: false }));
    await t.apply('i1', bytes({ id: 'i1', sellerId: 's2', deleted: false }));
    assert.equal(t.size, 2);
    assert.deepEqual(t.get('i1'), { id: 'i1', sellerId: 's2', deleted: false });
    assert.deepEqual(
      t.lookup('bySeller', 's1').map((r) => r.id),
      ['i2'],
    );
    assert.deepEqual(
      t.lookup('bySeller', 's2').map((r) => r.id),
      ['i1'],
    );
  });

  it('removes rows on tombstones and on deletion records, from the index too', async () => {
    const t = table();
    await t.apply('i1', bytes({ id: 'i1', sellerId: 's1', deleted: false }));
    await t.apply('i2', bytes({ id: 'i2', sellerId: 's1', deleted: false }));
    await t.apply('i1', null);
    await t.apply('i2', bytes({ id: 'i2', sellerId: 's1', deleted: true }));
    assert.equal(t.size, 0);
    assert.deepEqual(t.lookup('bySeller', 's1'), []);
  });

  it('skips records it cannot decode and keeps what it had', async () => {
    const t = table();
    await t.apply('i1', bytes({ id: 'i1', sellerId: 's1', deleted: false }));
    await t.apply('i1', Buffer.from('garbage'));
    assert.deepEqual(t.get('i1'), { id: 'i1', sellerId: 's1', deleted: false });
  });
});
