import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { requireService, testConfig, uniqueName } from '../support/index.ts';

describe('Kafka (real broker)', () => {
  const { brokers } = testConfig().kafka;
  const kafka = new Kafka({
    clientId: 'eshop-test',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  });
  const admin: Admin = kafka.admin();
  const topic = uniqueName('test.transactions');

  before(() => requireService('kafka', brokers.join(','), () => admin.connect()));
  after(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('runs in KRaft mode with a broker that answers metadata', async () => {
    const cluster = await admin.describeCluster();
    assert.equal(cluster.brokers.length, 1);
    assert.ok(cluster.clusterId.length > 0);
  });

  // The timeout only stops a hang; it is not a speed assertion.
  it('shows read_committed consumers only committed transactions', { timeout: 60_000 }, async () => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    const producer = kafka.producer({
      transactionalId: uniqueName('test-tx'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const committed = await producer.transaction();
      await committed.send({ topic, messages: [{ key: 'item-1', value: 'committed' }] });
      await committed.commit();
      const aborted = await producer.transaction();
      await aborted.send({ topic, messages: [{ key: 'item-1', value: 'aborted' }] });
      await aborted.abort();
      const last = await producer.transaction();
      await last.send({ topic, messages: [{ key: 'item-1', value: 'committed again' }] });
      await last.commit();
    } finally {
      await producer.disconnect();
    }

    const consumer = kafka.consumer({ groupId: uniqueName('test-group'), readUncommitted: false });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            seen.push(message.value!.toString());
            if (seen.length === 2) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    // Both committed records, in order (one key, one partition); the aborted one never shows.
    assert.deepEqual(seen, ['committed', 'committed again']);
  });
});
