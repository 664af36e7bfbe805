import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import { requireService, testConfig, uniqueName } from '../support/index.ts';

const itemViewedV1 = {
  type: 'record',
  name: 'ItemViewed',
  namespace: 'shop.test',
  doc: 'A shopper looked at an item (test schema).',
  fields: [
    { name: 'itemId', type: 'string', doc: 'The item' },
    { name: 'viewedAt', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'When' },
  ],
};

describe('Schema registry + Kafka: Avro in the Confluent wire format', () => {
  const config = testConfig();
  const registry = new SchemaRegistry({ host: config.schemaRegistry.url });
  const kafka = new Kafka({
    clientId: 'eshop-test',
    brokers: config.kafka.brokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const topic = uniqueName('test.item-viewed');
  const subject = `${topic}-value`;

  before(async () => {
    await requireService('schema-registry', config.schemaRegistry.url, async () => {
      const response = await fetch(`${config.schemaRegistry.url}/subjects`);
      if (!response.ok) throw new Error(`GET /subjects answered ${response.status}`);
    });
    await requireService('kafka', config.kafka.brokers.join(','), () => admin.connect());
  });
  after(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('registers a schema and round-trips a record through a topic', { timeout: 60_000 }, async () => {
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(itemViewedV1) },
      { subject },
    );
    assert.ok(Number.isInteger(id) && id > 0);

    const record = { itemId: 'item-42', viewedAt: 1764000000000 };
    const encoded = await registry.encode(id, record);
    // Confluent wire format: magic byte 0, the schema id as a big-endian int32, then Avro binary.
    assert.equal(encoded[0], 0);
    assert.equal(encoded.readInt32BE(1), id);

    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic, messages: [{ key: record.itemId, value: encoded }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: uniqueName('test-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<Buffer>((resolve, reject) => {
      consumer.run({ eachMessage: async ({ message }) => resolve(message.value!) }).catch(reject);
    });
    await consumer.disconnect();
    assert.deepEqual(received, encoded);
    // avsc decodes into an instance of the record's generated class; compare the fields.
    assert.deepEqual({ ...(await registry.decode(received)) }, record);
  });

  it('enforces BACKWARD compatibility on the subject', async () => {
    const compatible = {
      ...itemViewedV1,
      fields: [
        ...itemViewedV1.fields,
        { name: 'referrer', type: ['null', 'string'], default: null, doc: 'Where from' },
      ],
    };
    const incompatible = {
      ...itemViewedV1,
      fields: [
        ...itemViewedV1.fields,
        { name: 'currency', type: 'string', doc: 'No default: old data cannot be read' },
      ],
    };
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(compatible) },
      { subject },
    );
    assert.ok(id > 0);
    await assert.rejects(
      registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(incompatible) }, { subject }),
      /409|incompatible|compatib/i,
    );
    const versions = await (await fetch(`${config.schemaRegistry.url}/subjects/${subject}/versions`)).json();
    assert.deepEqual(versions, [1, 2]);
  });
});
