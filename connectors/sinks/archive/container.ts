/**
 * Avro object container files in memory, through avsc's streaming BlockEncoder / BlockDecoder:
 * `Obj\x01 | metadata map<bytes> (avro.schema, avro.codec, ours) | 16-byte sync | blocks`,
 * each block `record count | byte length | deflated records | sync`.
 *
 * Files are deflate-compressed (node:zlib, raw deflate as the Avro spec requires), readable by any
 * Avro implementation (avro-tools, Spark, DuckDB). Encoding the same records gives the same bytes:
 * the sync marker is derived from a caller-given seed rather than drawn at random, so a retried
 * upload replaces a file with an identical one.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { deflateRaw, inflateRaw } from 'node:zlib';
import avro from 'avsc';

type Codec = (buffer: Buffer, callback: (error: Error | null, result?: Buffer) => void) => void;

const codecs: Record<string, Codec> = {
  null: (buffer, callback) => callback(null, buffer),
  deflate: (buffer, callback) => deflateRaw(buffer, callback),
};
const decodeCodecs: Record<string, Codec> = {
  null: (buffer, callback) => callback(null, buffer),
  deflate: (buffer, callback) => inflateRaw(buffer, callback),
};

const MAGIC = Buffer.from('Obj\x01', 'latin1');
const METADATA_TYPE = avro.Type.forSchema({ type: 'map', values: 'bytes' });
/** Uncompressed bytes per block: large enough to compress well, small enough to stream. */
const BLOCK_BYTES = 256 * 1024;

export interface EncodeOptions {
  /** The schema the records are written with; stored verbatim in the header. */
  schema: avro.Schema;
  /** Extra header metadata (keys without the reserved `avro.` prefix). */
  metadata: Record<string, string>;
  /** Seeds the sync marker, e.g. the object key: the same seed and records give the same bytes. */
  syncSeed: string;
  codec?: 'deflate' | 'null';
}

export async function encodeContainer(records: Iterable<unknown>, options: EncodeOptions): Promise<Buffer> {
  const metadata = Object.fromEntries(
    Object.entries(options.metadata).map(([key, value]) => [key, Buffer.from(value, 'utf8')]),
  );
  const encoder = new avro.streams.BlockEncoder(options.schema, {
    codec: options.codec ?? 'deflate',
    codecs,
    blockSize: BLOCK_BYTES,
    syncMarker: createHash('sha256').update(options.syncSeed).digest().subarray(0, 16),
    writeHeader: 'always',
    // `metadata` is an option of BlockEncoder that avsc's type declarations leave out.
    ...({ metadata } as object),
  });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    encoder.on('data', (chunk: Buffer) => chunks.push(chunk));
    encoder.on('end', resolve);
    encoder.on('error', reject);
  });
  for (const record of records) encoder.write(record);
  encoder.end();
  await done;
  return Buffer.concat(chunks);
}

export interface DecodedContainer<T> {
  /** The header metadata as UTF-8, including `avro.schema` and `avro.codec`. */
  metadata: Record<string, string>;
  records: T[];
}

/** The header metadata alone, read without decoding any block. */
export function readContainerMetadata(file: Buffer): Record<string, string> {
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('not an Avro object container file (bad magic bytes)');
  }
  const { value, offset } = METADATA_TYPE.decode(file, MAGIC.length) as {
    value: Record<string, Buffer> | undefined;
    offset: number;
  };
  if (!value || offset < 0) throw new Error('Avro container header is truncated');
  return Object.fromEntries(Object.entries(value).map(([key, bytes]) => [key, bytes.toString('utf8')]));
}

/**
 * Decodes a whole file. With `readerType`, records written with an older schema are resolved to it
 * (Avro schema resolution); without, they come out as written.
 */
export async function decodeContainer<T>(
  file: Buffer,
  options: { readerType?: avro.Type } = {},
): Promise<DecodedContainer<T>> {
  const metadata = readContainerMetadata(file);
  const decoder = new avro.streams.BlockDecoder({
    codecs: decodeCodecs,
    ...(options.readerType ? { readerSchema: options.readerType } : {}),
  });
  const records: T[] = [];
  const done = new Promise<void>((resolve, reject) => {
    decoder.on('data', (record: T) => records.push(record));
    decoder.on('end', resolve);
    decoder.on('error', reject);
  });
  Readable.from([file]).pipe(decoder);
  await done;
  return { metadata, records };
}
