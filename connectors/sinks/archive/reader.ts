/**
 * Reading the archive back: which files hold a topic's records of a time range, and the records
 * themselves in (partition, offset) order, each (partition, offset) once.
 *
 * Files are not trusted to be disjoint (see the zombie-writer note in archive-sink.ts): a
 * partition's files are read in first-offset order and any record at or below the last offset
 * already yielded for that partition is dropped as a duplicate.
 */
import type { Client } from 'minio';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';
import { schemaNames, type SchemaName } from '../../../schemas/catalog.ts';
import { decodeContainer, readContainerMetadata } from './container.ts';
import { archiveMetadata, envelopeSchema, parseSchemaLabel, type Envelope } from './envelope.ts';
import { datePrefix, hourOf, parseObjectKey, type ArchiveObjectId } from './object-key.ts';
import { s3Failure } from './s3-client.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Past this many days, one listing of the topic's folder beats a listing per day. */
const MAX_DAY_LISTINGS = 31;

/** A time range `[from, to)` in epoch milliseconds. */
export interface TimeRange {
  from: number;
  to: number;
}

export interface ArchiveObject extends ArchiveObjectId {
  key: string;
  /** Compressed size in bytes. */
  size: number;
  lastModified: Date;
}

/** One archived message, its value resolved to the current version of its schema. */
export interface ArchivedRecord<V = unknown> extends Envelope<V> {
  topic: string;
  schema: SchemaName;
}

/**
 * The archive files of `topic` whose hour overlaps `range`, sorted by partition then first offset
 * (the order `readArchiveObjects` needs).
 */
export async function listArchiveObjects(
  client: Client,
  bucket: string,
  topic: string,
  range: TimeRange,
): Promise<ArchiveObject[]> {
  const firstHour = hourOf(range.from);
  const firstDay = Math.floor(range.from / DAY_MS) * DAY_MS;
  const days = Math.ceil((range.to - firstDay) / DAY_MS);
  const prefixes =
    days <= MAX_DAY_LISTINGS
      ? Array.from({ length: Math.max(days, 0) }, (_, i) => datePrefix(topic, firstDay + i * DAY_MS))
      : [`${topic}/`];
  const objects: ArchiveObject[] = [];
  for (const prefix of prefixes) {
    let items: { name?: string; size?: number; lastModified?: Date }[];
    try {
      items = await client.listObjectsV2(bucket, prefix, true).toArray();
    } catch (error) {
      throw s3Failure(error, `listing ${bucket}/${prefix}`);
    }
    for (const item of items) {
      const id = item.name ? parseObjectKey(item.name) : undefined;
      if (!id || id.topic !== topic || id.hourStart < firstHour || id.hourStart >= range.to) continue;
      objects.push({
        ...id,
        key: item.name as string,
        size: item.size ?? 0,
        lastModified: item.lastModified ?? new Date(0),
      });
    }
  }
  return objects.sort((a, b) => a.partition - b.partition || a.firstOffset - b.firstOffset);
}

/** What one file's header says about it. */
export interface ArchiveFileInfo {
  records: number;
  firstOffset: number;
  lastOffset: number;
  schema: string;
}

/** Record count, offsets and schema of one file, from its object metadata (no download). */
export async function statArchiveObject(
  client: Client,
  bucket: string,
  key: string,
): Promise<ArchiveFileInfo> {
  let metaData: Record<string, string>;
  try {
    ({ metaData } = (await client.statObject(bucket, key)) as { metaData: Record<string, string> });
  } catch (error) {
    throw s3Failure(error, `stat ${bucket}/${key}`);
  }
  return {
    records: Number(metaData['record-count']),
    firstOffset: Number(metaData['first-offset']),
    lastOffset: Number(metaData['last-offset']),
    schema: metaData['schema'] ?? '',
  };
}

export interface ReadProgress {
  object: ArchiveObject;
  /** Records of the object that were yielded (in range, not seen before). */
  records: number;
  /** Records of the object dropped because an earlier file already held their (partition, offset). */
  duplicates: number;
}

export interface ReadArchiveOptions {
  /** Only records whose timestamp is in the range; default: every record of the objects. */
  range?: TimeRange;
  /** Called once an object has been read to the end. */
  onObject?: (progress: ReadProgress) => void;
}

/**
 * The records of `objects` (as sorted by `listArchiveObjects`), in (partition, offset) order, each
 * (partition, offset) once. Objects are downloaded one at a time, so memory holds one file.
 */
export async function* readArchiveObjects(
  client: Client,
  bucket: string,
  objects: readonly ArchiveObject[],
  options: ReadArchiveOptions = {},
): AsyncGenerator<ArchivedRecord> {
  const lastSeen = new Map<number, number>();
  const { range } = options;
  for (const object of objects) {
    const file = await download(client, bucket, object.key);
    const schema = schemaOf(file, object.key);
    // Files of older schema versions are resolved to the current one, which replay re-encodes with.
    const { records } = await decodeContainer<Envelope>(file, {
      readerType: envelopeSchema(schema).type,
    }).catch((error: unknown) => {
      throw new PlatformError(
        ErrorCodes.DESERIALIZATION_FAILED,
        `${object.key}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    });
    let yielded = 0;
    let duplicates = 0;
    for (const envelope of records) {
      const seen = lastSeen.get(envelope.partition);
      if (seen !== undefined && envelope.offset <= seen) {
        duplicates++;
        continue;
      }
      lastSeen.set(envelope.partition, envelope.offset);
      if (range && (envelope.timestamp < range.from || envelope.timestamp >= range.to)) continue;
      yielded++;
      yield { ...envelope, topic: object.topic, schema };
    }
    options.onObject?.({ object, records: yielded, duplicates });
  }
}

/** Every record of `topic` archived with a timestamp in `range`, in (partition, offset) order. */
export async function* readArchive(
  client: Client,
  bucket: string,
  topic: string,
  range: TimeRange,
  options: Omit<ReadArchiveOptions, 'range'> = {},
): AsyncGenerator<ArchivedRecord> {
  const objects = await listArchiveObjects(client, bucket, topic, range);
  yield* readArchiveObjects(client, bucket, objects, { ...options, range });
}

async function download(client: Client, bucket: string, key: string): Promise<Buffer> {
  try {
    const stream = await client.getObject(bucket, key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (error) {
    throw s3Failure(error, `getObject ${bucket}/${key}`);
  }
}

function schemaOf(file: Buffer, key: string): SchemaName {
  let label: string | undefined;
  try {
    label = readContainerMetadata(file)[archiveMetadata.schema];
  } catch (error) {
    throw new PlatformError(ErrorCodes.DESERIALIZATION_FAILED, `${key}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = label ? parseSchemaLabel(label) : undefined;
  if (!parsed || !(schemaNames as readonly string[]).includes(parsed.name)) {
    throw new PlatformError(
      ErrorCodes.DESERIALIZATION_FAILED,
      `${key}: metadata ${archiveMetadata.schema}=${label ?? '(missing)'} names no schema of the catalogue`,
    );
  }
  return parsed.name as SchemaName;
}
