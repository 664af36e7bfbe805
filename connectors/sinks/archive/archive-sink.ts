/**
 * The S3 archive sink: every raw topic kept as Avro object container files in MinIO/S3, one file
 * per topic, partition and UTC hour of records (`object-key.ts`), rolled by size and time.
 *
 * The roll IS the batch: the runner hands over a batch when it holds `rollBytes` of values or its
 * first record has waited `rollSeconds`, `write` uploads one object per (topic, partition, hour)
 * run of the batch, and putObject resolves only once MinIO has the object durably, after which the
 * runner commits the batch's offsets. There is no local file to lose in a crash.
 *
 * Why a retry overwrites instead of duplicating. An object's name is a function of its records
 * alone: topic, partition, the hour of its records, and its first offset. Every attempt at a batch
 * (a runner retry, or a new process after a crash between upload and commit) starts at the same
 * place, the committed offset C, so its first file in each partition is named after C again. Every
 * other file a failed attempt wrote starts at an hour boundary (a record whose hour differs from
 * the one before it), and that boundary is a fact of the records, not of the attempt: whatever
 * batches the later attempts make, a file starts there again (the boundary either falls inside a
 * batch, which cuts there, or at a batch's start). So each object a failed attempt left is
 * replaced, whole, by the later attempt's object of the same name - even when the attempts batched
 * differently.
 *
 * What remains: a zombie writer. After a rebalance the partition's old owner may still be
 * uploading a batch it can no longer commit, while the new owner, starting at the same committed
 * offset, has batched differently. If the zombie's object lands after the new owner's, the two
 * owners' files overlap: its longer file next to the new owner's later file duplicates records,
 * and its shorter file replacing the new owner's longer one leaves a gap until that range is
 * archived again. S3 has no fencing to stop a late PUT. Hence the reader (reader.ts) never trusts
 * file boundaries: it reads a partition's files in first-offset order and drops every (partition,
 * offset) it has already yielded, and the archive of a disputed hour can be rebuilt by replaying
 * the topic from that hour's offsets.
 */
import type { Client } from 'minio';
import type { PlatformConfig } from '../../../core/config/index.ts';
import { ErrorCodes } from '../../../core/errors/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { topics as platformTopics, type TopicDeclaration } from '../../../schemas/topics.ts';
import {
  allWritten,
  type Rejection,
  type Sink,
  type SinkRecord,
  type WriteOutcome,
} from '../runtime/sink.ts';
import { encodeContainer } from './container.ts';
import {
  archiveMetadata,
  envelopeSchema,
  schemaLabel,
  type Envelope,
  type EnvelopeSchema,
} from './envelope.ts';
import { groupIntoFiles, type FileGroup } from './grouping.ts';
import { objectKey } from './object-key.ts';
import { createS3Client, ensureBucket, s3Failure } from './s3-client.ts';

/** The raw topics: what the platform received, before any processor touched it. */
export const archivedTopics: readonly TopicDeclaration[] = [
  platformTopics.items,
  platformTopics.sellers,
  platformTopics.comments,
  platformTopics.activity,
];

export interface ArchiveSinkOptions {
  /** Topics to archive. Default: the four raw topics (`archivedTopics`). */
  topics?: readonly TopicDeclaration[];
  /** Default: `config.archive.bucket`. */
  bucket?: string;
  /** A file is closed at this many bytes of Kafka values (before compression). Default: `config.archive.rollBytes`. */
  rollBytes?: number;
  /** A file is closed once its first record has waited this long. Default: `config.archive.rollSeconds`. */
  rollSeconds?: number;
  /** Default: a client on `config.minio`. */
  client?: Client;
  /** Files uploaded at the same time. Default 4. */
  uploadConcurrency?: number;
  /** Consumer group, metric label and log name. Default `archive-sink`. */
  name?: string;
}

/**
 * Caps a batch of very small records, which would otherwise be bounded only by `rollBytes`;
 * the roll itself is by size and time.
 */
const MAX_RECORDS_PER_BATCH = 1_000_000;
const DEFAULT_UPLOAD_CONCURRENCY = 4;

/**
 * @example
 * const sink = createArchiveSink(loadConfig());
 * await runSink(sink, loadConfig());
 */
export function createArchiveSink(
  config: Pick<PlatformConfig, 'minio' | 'archive'>,
  options: ArchiveSinkOptions = {},
): Sink {
  const inputs = options.topics ?? archivedTopics;
  const bucket = options.bucket ?? config.archive.bucket;
  const client = options.client ?? createS3Client(config);
  const concurrency = options.uploadConcurrency ?? DEFAULT_UPLOAD_CONCURRENCY;
  const name = options.name ?? 'archive-sink';
  const log = createLogger(name);
  const byName = new Map(inputs.map((topic) => [topic.name, topic]));

  async function upload(group: FileGroup, envelope: EnvelopeSchema): Promise<void> {
    const key = objectKey(group.id);
    const first = group.records[0] as SinkRecord;
    const last = group.records.at(-1) as SinkRecord;
    const metadata = {
      [archiveMetadata.topic]: first.topic,
      [archiveMetadata.partition]: String(first.partition),
      [archiveMetadata.firstOffset]: first.offset,
      [archiveMetadata.lastOffset]: last.offset,
      [archiveMetadata.schema]: schemaLabel(envelope.value),
    };
    const body = await encodeContainer(group.records.map(toEnvelope), {
      schema: envelope.definition,
      metadata,
      syncSeed: key,
    });
    try {
      await client.putObject(bucket, key, body, body.length, {
        'Content-Type': 'avro/binary',
        'X-Amz-Meta-Record-Count': String(group.records.length),
        'X-Amz-Meta-First-Offset': first.offset,
        'X-Amz-Meta-Last-Offset': last.offset,
        'X-Amz-Meta-Schema': schemaLabel(envelope.value),
      });
    } catch (error) {
      throw s3Failure(error, `putObject ${bucket}/${key}`);
    }
    log.debug({ key, records: group.records.length, bytes: body.length }, 'archived');
  }

  return {
    name,
    inputs,
    batch: {
      maxBytes: options.rollBytes ?? config.archive.rollBytes,
      lingerMs: (options.rollSeconds ?? config.archive.rollSeconds) * 1000,
      maxRecords: MAX_RECORDS_PER_BATCH,
    },

    async init() {
      await ensureBucket(client, bucket);
    },

    async write(records: readonly SinkRecord[]): Promise<WriteOutcome> {
      const rejected: Rejection[] = [];
      const writable: SinkRecord[] = [];
      for (const record of records) {
        const problem = invalidFor(record, byName.get(record.topic));
        if (problem) rejected.push({ record, code: ErrorCodes.WRITE_REJECTED, reason: problem });
        else writable.push(record);
      }
      const groups = groupIntoFiles(writable);
      await forEachLimited(groups, concurrency, (group) =>
        upload(group, envelopeSchema((byName.get(group.id.topic) as TopicDeclaration).schema)),
      );
      return rejected.length === 0 ? allWritten : { rejected };
    },
  };
}

/** Why `record` cannot go into an archive file, or undefined when it can. */
function invalidFor(record: SinkRecord, topic: TopicDeclaration | undefined): string | undefined {
  if (!topic) return `topic ${record.topic} is not archived by this sink`;
  const bad: string[] = [];
  const valid = envelopeSchema(topic.schema).type.isValid(toEnvelope(record), {
    errorHook: (path) => bad.push(path.join('.') || '(root)'),
  });
  return valid ? undefined : `not a valid ${topic.schema} archive record: bad ${bad.join(', ')}`;
}

function toEnvelope(record: SinkRecord): Envelope {
  return {
    offset: Number(record.offset),
    partition: record.partition,
    timestamp: record.timestamp,
    key: record.key,
    headers: Object.fromEntries(
      Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value, 'utf8')]),
    ),
    value: record.value,
  };
}

/** Runs `task` over `items`, at most `limit` at a time; fails with the first failure. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++] as T);
  });
  await Promise.all(workers);
}
