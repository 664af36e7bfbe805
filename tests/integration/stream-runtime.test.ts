import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Kafka } from 'kafkajs';
import { projectRoot } from '../../core/config/index.ts';
import { EventProducer } from '../../core/events/producer.ts';
import { AvroSerde } from '../../core/events/avro-serde.ts';
import { topics, type TopicDeclaration } from '../../schemas/topics.ts';
import { samples } from '../../schemas/samples.ts';
import type { DeadLetter, ItemChanged } from '../../schemas/types.generated.ts';
import { StreamRunner } from '../../streams/runtime/stream-runner.ts';
import { copyProcessor } from '../support/copy-processor.ts';
import { testConfig, uniqueName } from '../support/index.ts';
import {
  createTestTopic,
  deleteTopics,
  ensureBackbone,
  requireBackboneServices,
  readTopic,
  testKafka,
} from '../support/kafka.ts';

function itemEvent(index: number, amountMinor = 1000 + index): ItemChanged {
  const base = samples['item-changed'];
  return {
    ...base,
    eventId: randomUUID(),
    version: index,
    item: { ...base.item, id: randomUUID(), title: `Item ${index}`, price: { amountMinor, currency: 'RUB' } },
  };
}

async function produceRaw(kafka: Kafka, topic: string, messages: { key: string; value: Buffer }[]) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  // In slices: one request must stay under the broker's message.max.bytes (1 MiB).
  for (let start = 0; start < messages.length; start += 1000) {
    await producer.send({ topic, acks: -1, messages: messages.slice(start, start + 1000) });
  }
  await producer.disconnect();
}

describe('Stream runtime on the real stack', () => {
  const config = testConfig();
  const kafka = testKafka();
  const producer = new EventProducer(config, 'test', { kafka });
  const created: string[] = [];

  async function topicPair(
    prefix: string,
    partitions: number,
  ): Promise<[TopicDeclaration, TopicDeclaration]> {
    const input = await createTestTopic(kafka, `${prefix}.in`, 'item-changed', { partitions });
    const output = await createTestTopic(kafka, `${prefix}.out`, 'item-changed', { partitions });
    created.push(input.name, output.name);
    return [input, output];
  }

  /** Sends events to a private topic through the producer library's serialisation. */
  async function produce(topic: TopicDeclaration, events: ItemChanged[]) {
    const serde = new AvroSerde(config.schemaRegistry.url);
    const messages = await Promise.all(
      events.map(async (e) => ({ key: e.item.id, value: await serde.encode(topic.name, 'item-changed', e) })),
    );
    await produceRaw(kafka, topic.name, messages);
  }

  before(async () => {
    await requireBackboneServices(kafka);
    await ensureBackbone(kafka); // the dead-letter topic
    await producer.connect();
  });
  after(async () => {
    await producer.disconnect();
    await deleteTopics(kafka, created);
  });

  it(
    'emits each valid record exactly once and dead-letters bad bytes and bad data with reasons',
    { timeout: 120_000 },
    async () => {
      const [input, output] = await topicPair('runtime', 1);
      const good = Array.from({ length: 50 }, (_, i) => itemEvent(i));
      const invalid = itemEvent(999, 0);
      await produce(input, good.slice(0, 20));
      await produceRaw(kafka, input.name, [
        { key: 'garbage', value: Buffer.from('not avro at all') },
        { key: 'unknown-id', value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2, 3]) },
      ]);
      await produce(input, [invalid, ...good.slice(20)]);

      const runner = new StreamRunner(copyProcessor(uniqueName('copy'), input, output), {
        ...config,
        streams: { ...config.streams, maxBatchRecords: 7, metricsPort: 0 },
      });
      await runner.start();
      try {
        const lastId = good.at(-1)!.item.id;
        const out = await readTopic<ItemChanged>(kafka, output, (records) =>
          records.some((r) => r.key === lastId),
        );
        // One partition: outputs keep input order, so any duplicate would show before the last record.
        assert.deepEqual(
          out.map((r) => r.value.eventId),
          good.map((e) => e.eventId),
        );

        const dead = await readTopic<DeadLetter>(
          kafka,
          topics.deadLetter,
          (records) => records.filter((r) => r.value.sourceTopic === input.name).length >= 3,
        );
        const mine = dead.filter((r) => r.value.sourceTopic === input.name).map((r) => r.value);
        assert.deepEqual(
          mine.map((d) => d.errorCode),
          ['DESERIALIZATION_FAILED', 'DESERIALIZATION_FAILED', 'VALIDATION_FAILED'],
        );
        assert.match(mine[0]!.errorMessage, /magic byte/);
        assert.deepEqual(mine[0]!.value, Buffer.from('not avro at all'), 'the original bytes are kept');
        assert.match(mine[1]!.errorMessage, /schema id \d+ is unknown/);
        assert.match(mine[2]!.errorMessage, /price must be positive/);
        assert.equal(mine[2]!.offset, 22);

        const metrics = await runner.metrics.registry.getSingleMetricAsString(
          'eshop_stream_dead_lettered_total',
        );
        assert.match(metrics, /code="DESERIALIZATION_FAILED"[^\n]* 2/);
      } finally {
        await runner.stop();
      }
    },
  );

  it(
    'loses and duplicates nothing when the processor is killed with SIGKILL mid-stream',
    { timeout: 240_000 },
    async () => {
      const [input, output] = await topicPair('crash', 1);
      const events = Array.from({ length: 6000 }, (_, i) => itemEvent(i));
      await produce(input, events);
      const name = uniqueName('copy-crash');
      const start = (): ChildProcess =>
        spawn(process.execPath, ['--import', 'tsx', 'tests/support/copy-processor.ts'], {
          cwd: projectRoot,
          env: {
            ...process.env,
            COPY_INPUT: input.name,
            COPY_OUTPUT: output.name,
            COPY_NAME: name,
            STREAMS_MAX_BATCH_RECORDS: '25',
            LOG_LEVEL: 'warn',
          },
          stdio: 'ignore',
        });

      const first = start();
      // Kill once some output is committed but (with 6000 records in chunks of 25) long before the end.
      await readTopic<ItemChanged>(kafka, output, (records) => records.length >= 200);
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      // The kill must have landed mid-stream, or this test would prove nothing.
      const admin = kafka.admin();
      await admin.connect();
      const [committed] = await admin.fetchOffsets({ groupId: name, topics: [input.name] });
      await admin.disconnect();
      const progress = Number(committed!.partitions[0]!.offset);
      assert.ok(progress < events.length, `the first run had already finished (${progress} committed)`);

      const second = start();
      try {
        const lastId = events.at(-1)!.item.id;
        const out = await readTopic<ItemChanged>(
          kafka,
          output,
          (records) => records.some((r) => r.key === lastId),
          180_000,
        );
        const ids = out.map((r) => r.value.eventId);
        assert.equal(new Set(ids).size, ids.length, 'no duplicates');
        assert.deepEqual(
          ids,
          events.map((e) => e.eventId),
          'every record, once, in order',
        );
      } finally {
        second.kill('SIGTERM');
        await new Promise((resolve) => second.once('exit', resolve));
      }
    },
  );
});
