import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createArchiveSink,
  createS3Client,
  decodeContainer,
  listArchiveObjects,
  objectKey,
  readArchive,
  replayArchive,
  type Envelope,
} from '../../../connectors/sinks/archive/index.ts';
import type { Sink, SinkRecord } from '../../../connectors/sinks/runtime/sink.ts';
import { SinkRunner } from '../../../connectors/sinks/runtime/sink-runner.ts';
import { ErrorCodes, isPlatformError } from '../../../core/errors/index.ts';
import { AvroSerde } from '../../../core/events/avro-serde.ts';
import { samples } from '../../../schemas/samples.ts';
import type { TopicDeclaration } from '../../../schemas/topics.ts';
import type { SchemaTypes } from '../../../schemas/types.generated.ts';
import { requireService, testConfig, uniqueName } from '../../support/index.ts';
import {
  createTestTopic,
  deleteTopics,
  readRawTopic,
  readTopic,
  requireBackboneServices,
  testKafka,
  waitForGroupAtEnd,
} from '../../support/kafka.ts';
import { runSinkContract } from '../../support/sink-contract.ts';
import { harness } from './archive.harness.ts';

runSinkContract(harness, import.meta.resolve('./archive.harness.ts'));

const NINE = Date.UTC(2026, 0, 5, 9, 0);
const TEN = NINE + 3_600_000;
const EVERYTHING = { from: 0, to: Date.UTC(2100, 0, 1) };

function itemChanged(key: string, version: number): SchemaTypes['item-changed'] {
  const base = samples['item-changed'];
  return { ...base, item: { ...base.item, id: key, title: `${key} v${version}` }, version };
}

/** Hand-built records of one partition, as the runner would hand them over. */
function records(
  topic: string,
  partition: number,
  offsets: number[],
  timestampOf: (offset: number) => number,
): SinkRecord[] {
  return offsets.map((offset) => ({
    topic,
    partition,
    offset: String(offset),
    key: `item-${offset % 4}`,
    value: itemChanged(`item-${offset % 4}`, offset),
    timestamp: timestampOf(offset),
    headers: { traceparent: `00-${offset}` },
    sizeBytes: 200,
  }));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

describe('archive sink (MinIO): files, rolls, overwrites, replay', () => {
  const config = testConfig();
  const s3 = createS3Client(config);
  const kafka = testKafka();
  const bucket = uniqueName('test-archive');
  const createdTopics: string[] = [];

  /** A topic declaration for direct writes (no Kafka topic behind it). */
  function declaredTopic(): TopicDeclaration {
    return {
      name: uniqueName('test.archive'),
      schema: 'item-changed',
      partitions: 2,
      cleanupPolicy: 'delete',
      doc: 'test',
    };
  }

  async function sinkFor(topic: TopicDeclaration, options: { rollBytes?: number } = {}): Promise<Sink> {
    const sink = createArchiveSink(config, { topics: [topic], bucket, rollSeconds: 1, ...options });
    await sink.init?.();
    return sink;
  }

  /** Every record of every file of `topic`, as stored: duplicates across files included. */
  async function physicalRecords(topic: string): Promise<{ key: string; records: Envelope[] }[]> {
    const files = [];
    for (const object of await listArchiveObjects(s3, bucket, topic, EVERYTHING)) {
      const chunks: Buffer[] = [];
      for await (const chunk of await s3.getObject(bucket, object.key)) chunks.push(chunk as Buffer);
      files.push({
        key: object.key,
        records: (await decodeContainer<Envelope>(Buffer.concat(chunks))).records,
      });
    }
    return files;
  }

  async function etags(topic: string): Promise<Map<string, string>> {
    const items = await s3.listObjectsV2(bucket, `${topic}/`, true).toArray();
    return new Map(items.map((o: { name: string; etag: string }) => [o.name, o.etag]));
  }

  before(async () => {
    await requireService('minio', config.minio.endpoint, () => s3.listBuckets());
  });

  after(async () => {
    const names = (
      await s3
        .listObjectsV2(bucket, '', true)
        .toArray()
        .catch(() => [])
    ).map((o: { name: string }) => o.name);
    if (names.length > 0) await s3.removeObjects(bucket, names).catch(() => undefined);
    await s3.removeBucket(bucket).catch(() => undefined);
    if (createdTopics.length > 0) await deleteTopics(kafka, createdTopics);
  });

  it('creates its bucket, idempotently', async () => {
    const sink = await sinkFor(declaredTopic());
    await sink.init?.();
    assert.ok(await s3.bucketExists(bucket));
  });

  it('writes one file per topic, partition and hour, named after its first offset', async () => {
    const topic = declaredTopic();
    const sink = await sinkFor(topic);
    const batch = [
      ...records(topic.name, 0, range(0, 6), (o) => (o < 3 ? NINE + o * 60_000 : TEN + o)),
      ...records(topic.name, 1, range(0, 4), (o) => NINE + 59 * 60_000 + o),
    ];
    const outcome = await sink.write(batch);
    assert.deepEqual(outcome.rejected, []);

    const files = await physicalRecords(topic.name);
    const name = (partition: number, hourStart: number, firstOffset: number) =>
      objectKey({ topic: topic.name, partition, hourStart, firstOffset });
    assert.deepEqual(
      files.map((f) => f.key).sort(),
      [name(0, NINE, 0), name(1, NINE, 0), name(0, TEN, 3)].sort(),
    );
    assert.equal(files[0]!.key, `${topic.name}/2026-01-05/09/${topic.name}-0-00000000000000000000.avro`);
    const byKey = new Map(files.map((f) => [f.key, f.records]));
    assert.deepEqual(
      byKey.get(name(0, NINE, 0))!.map((r) => r.offset),
      [0, 1, 2],
    );
    assert.deepEqual(
      byKey.get(name(0, TEN, 3))!.map((r) => r.offset),
      [3, 4, 5],
    );
    assert.deepEqual(
      byKey.get(name(1, NINE, 0))!.map((r) => r.offset),
      [0, 1, 2, 3],
    );
    const first = byKey.get(name(0, TEN, 3))![0]!;
    assert.equal(first.key, 'item-3');
    assert.equal(first.timestamp, TEN + 3);
    assert.deepEqual(first.headers, { traceparent: Buffer.from('00-3') });
    assert.equal((first.value as SchemaTypes['item-changed']).item.title, 'item-3 v3');

    const stat = await s3.statObject(bucket, name(0, NINE, 0));
    assert.equal(stat.metaData['record-count'], '3');
    assert.equal(stat.metaData['first-offset'], '0');
    assert.equal(stat.metaData['last-offset'], '2');
    assert.equal(stat.metaData['schema'], 'item-changed/v1');
  });

  it('writing the same records again overwrites: same objects, same bytes', async () => {
    const topic = declaredTopic();
    const sink = await sinkFor(topic);
    const batch = [
      ...records(topic.name, 0, range(0, 20), (o) => (o < 12 ? NINE + o : TEN + o)),
      ...records(topic.name, 1, range(0, 10), (o) => NINE + o),
    ];
    await sink.write(batch);
    const before = await etags(topic.name);
    await sink.write(batch);
    assert.deepEqual(await etags(topic.name), before);
    assert.equal(before.size, 3);
  });

  it('a retry from the committed offset with other batch boundaries replaces what the failed attempt wrote', async () => {
    const topic = declaredTopic();
    const sink = await sinkFor(topic);
    const all = records(topic.name, 0, range(0, 30), (o) => (o < 18 ? NINE + o : TEN + o));
    // The failed attempt wrote everything but never committed; the retry batches differently.
    await sink.write(all);
    for (const [from, to] of [
      [0, 7],
      [7, 21],
      [21, 30],
    ] as const) {
      await sink.write(all.slice(from, to));
    }
    const offsets = (await physicalRecords(topic.name)).flatMap((f) => f.records.map((r) => r.offset));
    assert.deepEqual(
      offsets.sort((a, b) => a - b),
      range(0, 30),
      'every offset is stored exactly once',
    );
  });

  it('the reader drops the duplicates of overlapping files (a zombie writer) and keeps offset order', async () => {
    const topic = declaredTopic();
    const sink = await sinkFor(topic);
    const all = records(topic.name, 0, range(0, 20), (o) => NINE + o);
    // A zombie's batch starting mid-file: its file overlaps the other owner's.
    await sink.write(all);
    await sink.write(all.slice(8, 14));
    const physical = (await physicalRecords(topic.name)).flatMap((f) => f.records);
    assert.equal(physical.length, 26);
    const read = [];
    for await (const record of readArchive(s3, bucket, topic.name, { from: NINE, to: TEN }))
      read.push(record);
    assert.deepEqual(
      read.map((r) => r.offset),
      range(0, 20),
    );
    assert.equal(read[5]!.key, all[5]!.key);
  });

  it('rejects a record that is no value of the topic’s schema and archives the rest', async () => {
    const topic = declaredTopic();
    const sink = await sinkFor(topic);
    const batch = records(topic.name, 0, range(0, 3), (o) => NINE + o);
    const bad = { ...batch[1]!, value: { not: 'an item' } };
    const outcome = await sink.write([batch[0]!, bad, batch[2]!]);
    assert.equal(outcome.rejected.length, 1);
    assert.equal(outcome.rejected[0]!.code, ErrorCodes.WRITE_REJECTED);
    assert.equal(outcome.rejected[0]!.record, bad);
    const offsets = (await physicalRecords(topic.name)).flatMap((f) => f.records.map((r) => r.offset));
    assert.deepEqual(offsets, [0, 2]);
  });

  it('classifies an unreachable MinIO as retriable and refused credentials as not', async () => {
    const topic = declaredTopic();
    const batch = records(topic.name, 0, [0], () => NINE);
    const unreachable = createArchiveSink(
      { ...config, minio: { ...config.minio, endpoint: 'http://127.0.0.1:1' } },
      { topics: [topic], bucket },
    );
    await assert.rejects(unreachable.write(batch), (error) => {
      assert.ok(isPlatformError(error, ErrorCodes.SERVICE_UNAVAILABLE), String(error));
      assert.equal(error.retriable, true);
      return true;
    });
    const refused = createArchiveSink(
      { ...config, minio: { ...config.minio, secretKey: `${config.minio.secretKey}-wrong` } },
      { topics: [topic], bucket },
    );
    await assert.rejects(refused.write(batch), (error) => {
      assert.ok(isPlatformError(error, ErrorCodes.SERVICE_UNAVAILABLE), String(error));
      assert.equal(error.retriable, false);
      return true;
    });
  });

  describe('through the sink runner, on real topics', () => {
    const serde = new AvroSerde(config.schemaRegistry.url);
    const ROLL_BYTES = 1500;
    let source: TopicDeclaration;
    const produced: { key: string; value: SchemaTypes['item-changed']; timestamp: number }[] = [];

    before(async () => {
      await requireBackboneServices(kafka);
      source = await createTestTopic(kafka, 'archive.source', 'item-changed', { partitions: 3 });
      createdTopics.push(source.name);
      for (let i = 0; i < 60; i++) {
        const key = `item-${i % 9}`;
        produced.push({ key, value: itemChanged(key, i), timestamp: NINE + 40 * 60_000 + i * 60_000 });
      }
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({
        topic: source.name,
        acks: -1,
        messages: await Promise.all(
          produced.map(async (p) => ({
            key: p.key,
            value: await serde.encode(source.name, 'item-changed', p.value),
            timestamp: String(p.timestamp),
            headers: { origin: `test-${p.value.version}` },
          })),
        ),
      });
      await producer.disconnect();

      // The archive every test below reads, rolled at a small size.
      const groupId = uniqueName('test-archive-sink');
      const sink = createArchiveSink(config, {
        topics: [source],
        bucket,
        rollSeconds: 1,
        rollBytes: ROLL_BYTES,
      });
      const runner = new SinkRunner(sink, config, { kafka, groupId });
      await runner.start();
      try {
        await waitForGroupAtEnd(kafka, groupId, [source.name]);
      } finally {
        await runner.stop();
      }
    });

    it('rolls files by size: a small roll gives several files per partition and hour', async () => {
      const rollBytes = ROLL_BYTES;
      const files = await physicalRecords(source.name);
      const hours = new Set(files.map((f) => `${f.key.split('/')[1]}/${f.key.split('/')[2]}`));
      assert.equal(hours.size, 2);
      assert.ok(files.length > 3 * hours.size, `${files.length} files for 3 partitions and 2 hours`);
      const valueBytes = await serde.encode(source.name, 'item-changed', produced[0]!.value);
      for (const file of files) {
        // A batch closes at the first record that reaches the roll size, so it may pass it by one record.
        assert.ok(file.records.length * valueBytes.length < rollBytes + 2 * valueBytes.length, file.key);
      }
      const stored = files.flatMap((f) => f.records.map((r) => `${r.partition}:${r.offset}`));
      assert.equal(new Set(stored).size, produced.length);
    });

    it('replays an archive range into a fresh topic: same keys, values, headers and order per partition', async () => {
      const target = await createTestTopic(kafka, 'archive.replayed', 'item-changed', { partitions: 3 });
      createdTopics.push(target.name);
      const progress: number[] = [];
      const result = await replayArchive(config, {
        topic: source.name,
        from: new Date(NINE),
        to: new Date(TEN + 3_600_000),
        targetTopic: target.name,
        bucket,
        kafka,
        onProgress: (p) => progress.push(p.objects),
      });
      assert.equal(result.records, produced.length);
      assert.equal(result.duplicates, 0);
      assert.equal(progress.at(-1), result.objects);

      const perPartition = (
        rows: { partition: number; key: string; value: unknown; timestamp: string; origin: string }[],
      ) => {
        const map = new Map<number, string[]>();
        for (const row of rows) {
          const list = map.get(row.partition) ?? [];
          list.push(JSON.stringify([row.key, row.value, row.timestamp, row.origin]));
          map.set(row.partition, list);
        }
        return map;
      };
      const sourceRows = await Promise.all(
        (await readRawTopic(kafka, source.name)).map(async ({ partition, message }) => ({
          partition,
          key: message.key!.toString(),
          value: await serde.decode(source.schema, message.value),
          timestamp: message.timestamp,
          origin: message.headers!.origin!.toString(),
        })),
      );
      const replayed = await readTopic<unknown>(kafka, target, (read) => read.length >= produced.length);
      const targetRows = replayed.map((r) => ({
        partition: r.partition,
        key: r.key,
        value: r.value,
        timestamp: r.message.timestamp,
        origin: r.message.headers!.origin!.toString(),
      }));
      assert.deepEqual(perPartition(targetRows), perPartition(sourceRows));
    });

    it('replays only the records of the requested time range', async () => {
      const target = await createTestTopic(kafka, 'archive.replayed', 'item-changed', { partitions: 3 });
      createdTopics.push(target.name);
      const from = NINE + 50 * 60_000;
      const to = TEN + 10 * 60_000;
      const expected = produced.filter((p) => p.timestamp >= from && p.timestamp < to).length;
      const result = await replayArchive(config, {
        topic: source.name,
        from: new Date(from),
        to: new Date(to),
        targetTopic: target.name,
        bucket,
        kafka,
      });
      assert.equal(result.records, expected);
      const replayed = await readTopic<SchemaTypes['item-changed']>(
        kafka,
        target,
        (read) => read.length >= expected,
      );
      assert.ok(
        replayed.every((r) => Number(r.message.timestamp) >= from && Number(r.message.timestamp) < to),
      );
    });
  });
});
