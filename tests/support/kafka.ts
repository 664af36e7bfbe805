/**
 * Kafka helpers for integration tests: private topics registered with a real schema, reading a
 * topic back read_committed, waiting for counts.
 */
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { AvroSerde } from '../../core/events/avro-serde.ts';
import { groupLag, moveGroupToEnd } from '../../core/kafka/group-lag.ts';
import type { SchemaName } from '../../schemas/catalog.ts';
import { latest } from '../../schemas/catalog.ts';
import type { TopicDeclaration } from '../../schemas/topics.ts';
import { valueSubject } from '../../schemas/topics.ts';
import { requireService, testConfig, uniqueName } from './index.ts';

export function testKafka(): Kafka {
  return new Kafka({
    clientId: 'eshop-test',
    brokers: testConfig().kafka.brokers,
    logLevel: logLevel.NOTHING,
  });
}

/** Creates a topic of its own for one test, with `schema` registered under its value subject. */
export async function createTestTopic(
  kafka: Kafka,
  prefix: string,
  schema: SchemaName,
  options: { partitions?: number; compact?: boolean } = {},
): Promise<TopicDeclaration> {
  const topic: TopicDeclaration = {
    name: uniqueName(`test.${prefix}`),
    schema,
    partitions: options.partitions ?? 3,
    cleanupPolicy: options.compact ? 'compact' : 'delete',
    doc: 'test topic',
  };
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: topic.name,
        numPartitions: topic.partitions,
        configEntries: [
          { name: 'cleanup.policy', value: topic.cleanupPolicy },
          // Test records carry fixed timestamps, often older than the broker's default retention:
          // time-based retention would delete them under the test (the consumer then skips to the
          // end with OFFSET_OUT_OF_RANGE), so test topics keep everything.
          { name: 'retention.ms', value: '-1' },
        ],
      },
    ],
  });
  await admin.disconnect();
  const response = await fetch(
    `${testConfig().schemaRegistry.url}/subjects/${valueSubject(topic.name)}/versions`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schemaType: 'AVRO', schema: latest(schema).text }),
    },
  );
  if (!response.ok)
    throw new Error(
      `registering ${schema} for ${topic.name}: HTTP ${response.status} ${await response.text()}`,
    );
  return topic;
}

export async function deleteTopics(kafka: Kafka, names: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: names }).catch(() => undefined);
  await admin.disconnect();
}

export interface ReadRecord<T> {
  key: string;
  value: T;
  partition: number;
  message: KafkaMessage;
}

/**
 * Reads `topic` from the beginning with a read_committed consumer until `done(records)` says so
 * (or `timeoutMs` passes, which fails the test rather than hanging it).
 */
export async function readTopic<T>(
  kafka: Kafka,
  topic: TopicDeclaration,
  done: (records: ReadRecord<T>[]) => boolean,
  timeoutMs = 60_000,
  /** A consumer group with committed offsets (see groupAtEnd) to read from instead of the beginning. */
  groupId = uniqueName('test-reader'),
): Promise<ReadRecord<T>[]> {
  const serde = new AvroSerde(testConfig().schemaRegistry.url);
  const consumer = kafka.consumer({ groupId, readUncommitted: false });
  const records: ReadRecord<T>[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: topic.name, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`read ${records.length} records from ${topic.name} before the ${timeoutMs} ms limit`),
          ),
        timeoutMs,
      );
      if (done(records)) {
        clearTimeout(timer);
        resolve();
        return;
      }
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const value = await serde.decode<T>(topic.schema, message.value);
            records.push({ key: message.key?.toString() ?? '', value, partition, message });
            if (done(records)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** Creates the platform's topics and registers its schemas if that has not been done (idempotent). */
export async function ensureBackbone(kafka: Kafka): Promise<void> {
  const { createTopics } = await import('../../schemas/topic-admin.ts');
  const { registerAll } = await import('../../schemas/registry.ts');
  await createTopics(kafka);
  await registerAll(testConfig().schemaRegistry.url);
}

/**
 * A consumer group whose committed offsets are the current ends of `topicNames`: a consumer or a
 * processor using it sees only what is written from now on, however much history the shared
 * topics of the local stack hold.
 */
export async function groupAtEnd(
  kafka: Kafka,
  topicNames: readonly string[],
  groupId = uniqueName('test-from-end'),
): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await moveGroupToEnd(admin, groupId, topicNames);
  } finally {
    await admin.disconnect();
  }
  return groupId;
}

/** Fails at once, naming the service, unless Kafka and the schema registry both answer. */
export async function requireBackboneServices(kafka: Kafka): Promise<void> {
  const config = testConfig();
  await requireService('kafka', config.kafka.brokers.join(','), async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.disconnect();
  });
  await requireService('schema-registry', config.schemaRegistry.url, async () => {
    const response = await fetch(`${config.schemaRegistry.url}/subjects`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  });
}

/** Every message of `topic` as stored (no decoding), each partition in offset order. */
export async function readRawTopic(
  kafka: Kafka,
  topic: string,
  timeoutMs = 60_000,
): Promise<{ partition: number; message: KafkaMessage }[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const total = ends.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  const read: { partition: number; message: KafkaMessage }[] = [];
  if (total === 0) return read;
  const consumer = kafka.consumer({ groupId: uniqueName('test-raw-reader') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${read.length} of ${total} messages of ${topic} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            read.push({ partition, message });
            if (read.length >= total) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return read.sort(
    (a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset),
  );
}

/**
 * Waits until `groupId` has committed the current end of every partition of `topicNames` (a
 * sink or processor has caught up); fails after `timeoutMs`, naming how far it got.
 */
export async function waitForGroupAtEnd(
  kafka: Kafka,
  groupId: string,
  topicNames: readonly string[],
  timeoutMs = 120_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind = await groupLag(admin, groupId, topicNames);
      if (behind === 0) return;
      if (Date.now() > deadline)
        throw new Error(`group ${groupId} is still ${behind} messages behind after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
