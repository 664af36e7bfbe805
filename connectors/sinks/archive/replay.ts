/**
 * Replay: a time range of the archive back onto a topic - the same topic (after a retention
 * window has passed, or to rebuild a store) or another one (to inspect or reprocess a range).
 *
 * Each record goes out with its original key, headers and timestamp, and its value re-encoded with
 * the current schema registered for the target topic (Confluent wire format, through the platform's
 * Avro serde), so processors read it like any other record. Records keep their partition when the
 * target topic has it (the order within a partition is the order consumers saw), else they are
 * placed by key with the platform's partitioner. The producer is idempotent: its own retries
 * write nothing twice. Running the same replay twice does produce the records twice: every
 * consumer downstream drops duplicates by event id and version.
 *
 * @example
 * const result = await replayArchive(loadConfig(), {
 *   topic: 'shop.items',
 *   from: new Date('2026-01-05T00:00:00Z'),
 *   to: new Date('2026-01-06T00:00:00Z'),
 *   onProgress: (p) => console.error(`${p.objects}/${p.objectsTotal} files, ${p.records} records`),
 * });
 */
import { Partitioners, type Kafka, type Message } from 'kafkajs';
import type { Client } from 'minio';
import type { PlatformConfig } from '../../../core/config/index.ts';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';
import { AvroSerde } from '../../../core/events/avro-serde.ts';
import { createKafka } from '../../../core/kafka/client.ts';
import { listArchiveObjects, readArchiveObjects, type ArchivedRecord } from './reader.ts';
import { createS3Client } from './s3-client.ts';

export interface ReplayProgress {
  /** Archive files read so far, of `objectsTotal`. */
  objects: number;
  objectsTotal: number;
  /** Records produced so far. */
  records: number;
  /** Records dropped because another file already held their (partition, offset). */
  duplicates: number;
  elapsedMs: number;
  /** Records produced per second since the start. */
  recordsPerSecond: number;
}

export interface ReplayOptions {
  /** The archived topic to read. */
  topic: string;
  /** Records with a timestamp in [from, to). */
  from: Date;
  to: Date;
  /** Where to produce; default: `topic`. Its value subject must have the schema registered. */
  targetTopic?: string;
  /** Called after each archive file. */
  onProgress?: (progress: ReplayProgress) => void;
  /** Default: `config.archive.bucket`. */
  bucket?: string;
  /** Default: a client on `config.minio`. */
  client?: Client;
  /** Default: a client on `config.kafka`. */
  kafka?: Kafka;
  /** Records per produce request. Default 500. */
  sendBatchRecords?: number;
}

export interface ReplayResult {
  objects: number;
  records: number;
  duplicates: number;
  elapsedMs: number;
}

const DEFAULT_SEND_BATCH_RECORDS = 500;

export async function replayArchive(
  config: Pick<PlatformConfig, 'kafka' | 'schemaRegistry' | 'minio' | 'archive'>,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const from = options.from.getTime();
  const to = options.to.getTime();
  if (!(from < to)) {
    throw new PlatformError(
      ErrorCodes.VALIDATION_FAILED,
      `replay range is empty: from ${options.from.toISOString()} is not before to ${options.to.toISOString()}`,
    );
  }
  const target = options.targetTopic ?? options.topic;
  const bucket = options.bucket ?? config.archive.bucket;
  const client = options.client ?? createS3Client(config);
  const kafka = options.kafka ?? createKafka(config, 'archive-replay');
  const batchSize = options.sendBatchRecords ?? DEFAULT_SEND_BATCH_RECORDS;
  const serde = new AvroSerde(config.schemaRegistry.url);
  const started = performance.now();

  const targetPartitions = await partitionCount(kafka, target);
  const objects = await listArchiveObjects(client, bucket, options.topic, { from, to });
  // Same settings as the platform's EventProducer: no duplicates from retries, order kept, and the
  // Java client's partitioner for records placed by key.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();

  const progress: ReplayProgress = {
    objects: 0,
    objectsTotal: objects.length,
    records: 0,
    duplicates: 0,
    elapsedMs: 0,
    recordsPerSecond: 0,
  };
  let pending: Message[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const messages = pending;
    pending = [];
    await producer.send({ topic: target, acks: -1, messages });
    progress.records += messages.length;
  };
  // Progress is reported once a file's records are produced, not merely read.
  let readDone: { duplicates: number }[] = [];
  const report = async (): Promise<void> => {
    await flush();
    for (const done of readDone) {
      progress.objects++;
      progress.duplicates += done.duplicates;
    }
    readDone = [];
    progress.elapsedMs = performance.now() - started;
    progress.recordsPerSecond = progress.elapsedMs > 0 ? (progress.records * 1000) / progress.elapsedMs : 0;
    options.onProgress?.({ ...progress });
  };

  try {
    const records = readArchiveObjects(client, bucket, objects, {
      range: { from, to },
      onObject: (done) => readDone.push(done),
    });
    for await (const record of records) {
      pending.push(await toMessage(serde, target, targetPartitions, record));
      if (pending.length >= batchSize) await flush();
      if (readDone.length > 0) await report();
    }
    await report();
  } finally {
    await producer.disconnect();
  }
  return {
    objects: progress.objects,
    records: progress.records,
    duplicates: progress.duplicates,
    elapsedMs: progress.elapsedMs,
  };
}

async function toMessage(
  serde: AvroSerde,
  target: string,
  targetPartitions: number,
  record: ArchivedRecord,
): Promise<Message> {
  return {
    key: record.key,
    value: await serde.encode(target, record.schema, record.value),
    headers: record.headers,
    timestamp: String(record.timestamp),
    ...(record.partition < targetPartitions ? { partition: record.partition } : {}),
  };
}

async function partitionCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = topics[0]?.partitions.length ?? 0;
    if (partitions > 0) return partitions;
  } catch (error) {
    if ((error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
  } finally {
    await admin.disconnect();
  }
  throw new PlatformError(ErrorCodes.NOT_FOUND, `target topic ${topic} does not exist`, { topic });
}
