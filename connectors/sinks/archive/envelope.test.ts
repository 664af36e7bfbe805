import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latest } from '../../../schemas/catalog.ts';
import { samples } from '../../../schemas/samples.ts';
import { envelopeSchema, parseSchemaLabel, schemaLabel } from './envelope.ts';

const archived = ['item-changed', 'seller-changed', 'comment-changed', 'user-activity'] as const;

describe('envelopeSchema', () => {
  it('wraps the current value schema with the message position, key, headers and timestamp', () => {
    const envelope = envelopeSchema('item-changed');
    const definition = envelope.definition as {
      name: string;
      namespace: string;
      fields: { name: string; type: unknown }[];
    };
    assert.equal(definition.name, 'ItemChangedEnvelope');
    assert.equal(definition.namespace, 'shop.archive');
    assert.deepEqual(
      definition.fields.map((f) => f.name),
      ['offset', 'partition', 'timestamp', 'key', 'headers', 'value'],
    );
    assert.deepEqual(definition.fields[2]?.type, { type: 'long', logicalType: 'timestamp-millis' });
    assert.deepEqual(definition.fields[5]?.type, latest('item-changed').definition);
    assert.equal(envelope.value, latest('item-changed'));
  });

  for (const name of archived) {
    it(`holds a ${name} record with its metadata`, () => {
      const record = {
        offset: 42,
        partition: 1,
        timestamp: Date.UTC(2026, 0, 5, 9, 30),
        key: 'entity-1',
        headers: { traceparent: Buffer.from('00-abc') },
        value: samples[name],
      };
      const type = envelopeSchema(name).type;
      assert.ok(type.isValid(record));
      // JSON: decoded records are instances of avsc's record classes, the originals plain objects.
      assert.deepEqual(
        JSON.parse(JSON.stringify(type.fromBuffer(type.toBuffer(record)))),
        JSON.parse(JSON.stringify(record)),
      );
      assert.ok(!type.isValid({ ...record, value: { nonsense: true } }));
      assert.ok(type.isValid({ ...record, key: null }));
    });
  }

  it('is built once per schema version', () => {
    assert.equal(
      envelopeSchema('user-activity'),
      envelopeSchema('user-activity', latest('user-activity').version),
    );
  });
});

describe('schemaLabel', () => {
  it('names a schema version and is parsed back', () => {
    assert.equal(schemaLabel({ name: 'item-changed', version: 3 }), 'item-changed/v3');
    assert.deepEqual(parseSchemaLabel('item-changed/v3'), { name: 'item-changed', version: 3 });
    assert.equal(parseSchemaLabel('item-changed'), undefined);
  });
});
