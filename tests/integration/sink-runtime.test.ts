/**
 * The sink runtime against real Kafka and a real store: the contract suite on the runtime's own
 * test sink, then what the runtime guarantees whatever the sink - transient errors retried, a
 * record the store refuses isolated and dead-lettered while the rest is written, bounded batches.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { SinkRunner } from '../../connectors/sinks/runtime/sink-runner.ts';
import { ErrorCodes } from '../../core/errors/index.ts';
import { AvroSerde } from '../../core/events/avro-serde.ts';
import type { TopicDeclaration } from '../../schemas/topics.ts';
import type { DeadLetter, SellerChanged } from '../../schemas/types.generated.ts';
import { testConfig, uniqueName } from '../support/index.ts';
import {
  createTestTopic,
  deleteTopics,
  readTopic,
  requireBackboneServices,
  testKafka,
  waitForGroupAtEnd,
} from '../support/kafka.ts';
import { createSellerHashSink } from '../support/seller-hash-sink.ts';
import { runSinkContract } from '../support/sink-contract.ts';
import { harness } from './sinks/seller-hash.harness.ts';

runSinkContract(harness, import.meta.resolve('./sinks/seller-hash.harness.ts'));

describe('Sink runtime (real Kafka, real Redis)', () => {
  const kafka = testKafka();
  const config = testConfig();
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1 });
  let input: TopicDeclaration;
  let deadLetter: TopicDeclaration;

  before(async () => {
    await requireBackboneServices(kafka);
    input = await createTestTopic(kafka, 'sink-runtime', 'seller-changed');
    deadLetter = await createTestTopic(kafka, 'sink-runtime.dlq', 'dead-letter', { partitions: 1 });
    const serde = new AvroSerde(config.schemaRegistry.url);
    const messages = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const value: SellerChanged = {
          eventId: randomUUID(),
          type: 'CREATED',
          seller: {
            id: `seller-${i}`,
            name: i === 37 ? 'POISON 37' : `Seller ${i}`,
            rating: null,
            region: null,
          },
          version: 1,
          changedBy: 'test',
          occurredAt: Date.now(),
        };
        return { key: value.seller.id, value: await serde.encode(input.name, 'seller-changed', value) };
      }),
    );
    // Written in a transaction, as processors write: the commit marker after the records takes an
    // offset too, and the sink must commit past it or it never reaches the end of the partition.
    const producer = kafka.producer({
      transactionalId: uniqueName('sink-runtime-producer'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({ topic: input.name, acks: -1, messages });
    await transaction.commit();
    await producer.disconnect();
  });

  after(async () => {
    await deleteTopics(kafka, [input.name, deadLetter.name]);
    await redis.quit();
  });

  it('retries transient failures, isolates the refused record, keeps batches bounded, commits past transaction markers', async () => {
    const key = uniqueName('test:sink-runtime');
    const writeSizes: number[] = [];
    const groupId = uniqueName('sink-runtime');
    const runner = new SinkRunner(
      createSellerHashSink({ input, key, poisonPrefix: 'POISON', transientFailures: 2, writeSizes }),
      config,
      { kafka, groupId, deadLetterTopic: deadLetter.name, limits: { maxRecords: 16, lingerMs: 100 } },
    );
    await runner.start();
    try {
      await waitForGroupAtEnd(kafka, groupId, [input.name]);
    } finally {
      await runner.stop();
    }
    const stored = await redis.hgetall(key);
    await redis.del(key);
    assert.equal(Object.keys(stored).length, 99, 'every seller but the refused one is stored');
    assert.equal(stored['seller-37'], undefined);
    assert.ok(Math.max(...writeSizes) <= 16, `writes of at most 16 records: ${writeSizes.join(',')}`);
    assert.equal(writeSizes[0], writeSizes[1], 'a transient failure retries the same batch');

    const letters = await readTopic<DeadLetter>(kafka, deadLetter, (read) => read.length >= 1);
    assert.equal(letters.length, 1);
    assert.equal(letters[0]!.value.errorCode, ErrorCodes.WRITE_REJECTED);
    assert.equal(letters[0]!.value.processor, 'seller-hash-sink');
    assert.match(letters[0]!.value.errorMessage, /POISON 37/);
    assert.equal(letters[0]!.key, 'seller-37');
  });
});
