/**
 * The S3 archive sink in the shared contract suite.
 *
 * The state compared is the archive as its reader sees it: every record with its partition,
 * offset, hour folder, key, headers and value, each (partition, offset) once. Not the list of
 * files: where a file is cut depends on the batches (the roll by size and time), which differ
 * between a clean run, a run killed mid-way and a redelivery in small batches, while what the
 * archive holds must not. The files are not taken on trust either: the snapshot checks every file's
 * name, metadata and records against each other and fails if any disagree.
 */
import assert from 'node:assert/strict';
import { createArchiveSink, createS3Client, type Envelope } from '../../../connectors/sinks/archive/index.ts';
import { archiveMetadata, envelopeSchema } from '../../../connectors/sinks/archive/envelope.ts';
import { decodeContainer } from '../../../connectors/sinks/archive/container.ts';
import { hourOf, hourPrefix } from '../../../connectors/sinks/archive/object-key.ts';
import { listArchiveObjects, readArchiveObjects } from '../../../connectors/sinks/archive/reader.ts';
import type { SchemaName } from '../../../schemas/catalog.ts';
import { samples } from '../../../schemas/samples.ts';
import type { TopicDeclaration } from '../../../schemas/topics.ts';
import type { SchemaTypes } from '../../../schemas/types.generated.ts';
import { requireService, testConfig } from '../../support/index.ts';
import type { ContractRecord, SinkHarness, SinkTestContext } from '../../support/sink-contract.ts';

const inputs: SchemaName[] = ['item-changed', 'seller-changed', 'comment-changed', 'user-activity'];
/** 09:50 UTC: the 49 records run to 10:14, so every topic has files in two hours. */
const START = Date.UTC(2026, 0, 5, 9, 50);
const STEP_MS = 30_000;
/** Wide enough for any fixed timestamp the suite uses. */
const EVERYTHING = { from: 0, to: Date.UTC(2100, 0, 1) };

function client() {
  return createS3Client(testConfig());
}

function uuid(kind: number, n: number): string {
  return `00000000-0000-4000-8000-${String(kind).padStart(4, '0')}${String(n).padStart(8, '0')}`;
}

/** 49 records over the four topics: creates, updates and deletes of the same entities, and sessions. */
function contractRecords(): ContractRecord[] {
  const out: Omit<ContractRecord, 'timestamp'>[] = [];
  const changeTypes: SchemaTypes['item-changed']['type'][] = ['CREATED', 'UPDATED', 'DELETED'];
  for (let version = 1; version <= 3; version++) {
    for (let s = 0; s < 2; s++) {
      const seller: SchemaTypes['seller-changed'] = {
        ...samples['seller-changed'],
        eventId: uuid(1, version * 10 + s),
        type: version === 1 ? 'CREATED' : 'UPDATED',
        seller: { ...samples['seller-changed'].seller, id: uuid(2, s), name: `Seller ${s} v${version}` },
        version,
      };
      out.push({ schema: 'seller-changed', key: seller.seller.id, value: seller });
    }
    for (let i = 0; i < 5; i++) {
      const base = samples['item-changed'];
      const item: SchemaTypes['item-changed'] = {
        ...base,
        eventId: uuid(3, version * 100 + i),
        type: changeTypes[version - 1]!,
        item: { ...base.item, id: uuid(4, i), sellerId: uuid(2, i % 2), title: `Item ${i} v${version}` },
        version,
      };
      out.push({ schema: 'item-changed', key: item.item.id, value: item });
    }
    for (let c = 0; c < 3; c++) {
      if (version === 3 && c > 0) continue;
      const base = samples['comment-changed'];
      const comment: SchemaTypes['comment-changed'] = {
        ...base,
        eventId: uuid(5, version * 10 + c),
        type: changeTypes[version - 1]!,
        comment: { ...base.comment, id: uuid(6, c), itemId: uuid(4, c), rating: 1 + ((c + version) % 5) },
        version,
      };
      out.push({ schema: 'comment-changed', key: comment.comment.id, value: comment });
    }
    for (let e = 0; e < 7; e++) {
      const session = `session-${e % 3}`;
      const activity: SchemaTypes['user-activity'] = {
        ...samples['user-activity'],
        eventId: uuid(7, version * 10 + e),
        sessionId: session,
        search: { searchId: uuid(8, version * 10 + e), query: `query ${version}.${e}`, resultCount: e },
      };
      out.push({ schema: 'user-activity', key: session, value: activity });
    }
  }
  return out.map((record, i) => {
    const timestamp = START + i * STEP_MS;
    // Event time and message time agree, as they would from the outbox relay.
    const value = { ...(record.value as Record<string, unknown>), occurredAt: timestamp };
    return { ...record, value, timestamp };
  });
}

interface SnapshotRecord {
  schema: SchemaName;
  partition: number;
  offset: number;
  /** The `<date>/<hour>` folder of the file the record is in. */
  hour: string;
  key: string | null;
  timestamp: number;
  headers: Record<string, string>;
  value: unknown;
}

/** JSON with sorted keys: decoded records are avsc class instances with fields in schema order. */
function canonical(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Throws unless every file's name, header metadata and records agree. */
async function checkFiles(bucket: string, topic: TopicDeclaration): Promise<void> {
  const s3 = client();
  for (const object of await listArchiveObjects(s3, bucket, topic.name, EVERYTHING)) {
    const chunks: Buffer[] = [];
    for await (const chunk of await s3.getObject(bucket, object.key)) chunks.push(chunk as Buffer);
    const { metadata, records } = await decodeContainer<Envelope>(Buffer.concat(chunks));
    const where = `${bucket}/${object.key}`;
    assert.ok(records.length > 0, `${where} is empty`);
    assert.equal(metadata[archiveMetadata.topic], topic.name, where);
    assert.equal(metadata[archiveMetadata.partition], String(object.partition), where);
    assert.equal(metadata[archiveMetadata.firstOffset], String(records[0]!.offset), where);
    assert.equal(metadata[archiveMetadata.lastOffset], String(records.at(-1)!.offset), where);
    assert.equal(
      metadata[archiveMetadata.schema],
      `${topic.schema}/v${envelopeSchema(topic.schema).value.version}`,
    );
    assert.equal(records[0]!.offset, object.firstOffset, `${where}: the name's offset is the first record's`);
    for (const [i, record] of records.entries()) {
      assert.equal(record.partition, object.partition, where);
      assert.equal(
        hourOf(record.timestamp),
        object.hourStart,
        `${where}: offset ${record.offset} is of another hour`,
      );
      if (i > 0) assert.ok(record.offset > records[i - 1]!.offset, `${where}: offsets out of order`);
    }
  }
}

async function snapshot(context: SinkTestContext): Promise<SnapshotRecord[]> {
  const s3 = client();
  const bucket = context.namespace;
  const out: SnapshotRecord[] = [];
  for (const schema of inputs) {
    const topic = context.topics[schema];
    if (!topic) continue;
    await checkFiles(bucket, topic);
    const objects = await listArchiveObjects(s3, bucket, topic.name, EVERYTHING);
    for await (const record of readArchiveObjects(s3, bucket, objects)) {
      out.push({
        schema,
        partition: record.partition,
        offset: record.offset,
        // Without the topic name, which differs between runs of the suite.
        hour: hourPrefix('', hourOf(record.timestamp)).slice(1, -1),
        key: record.key,
        timestamp: record.timestamp,
        headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, v.toString('utf8')])),
        value: canonical(record.value),
      });
    }
  }
  return out.sort(
    (a, b) => a.schema.localeCompare(b.schema) || a.partition - b.partition || a.offset - b.offset,
  );
}

export const harness: SinkHarness = {
  name: 'archive (MinIO)',
  inputs,

  async requireStore() {
    await requireService('minio', testConfig().minio.endpoint, () => client().listBuckets());
  },

  createSink(context) {
    return createArchiveSink(testConfig(), {
      topics: inputs.map((schema) => context.topics[schema]).filter((t): t is TopicDeclaration => !!t),
      bucket: context.namespace,
      // A one-second roll keeps the suite quick; the roll by size stays the configured one.
      rollSeconds: 1,
    });
  },

  records: contractRecords,

  snapshot,

  assertComplete(state, records) {
    const snap = state as SnapshotRecord[];
    const seen = snap.map((r) => JSON.stringify([r.schema, r.key, r.timestamp, r.value])).sort();
    const expected = records
      .map((r) => JSON.stringify([r.schema, r.key, r.timestamp, canonical(r.value)]))
      .sort();
    assert.deepEqual(seen, expected, 'the archive holds every record once');
    const hours = new Set(snap.map((r) => `${r.schema} ${r.hour}`));
    assert.equal(
      hours.size,
      inputs.length * 2,
      `every topic has files in two hours: ${[...hours].join(', ')}`,
    );
  },

  async cleanup(context) {
    const s3 = client();
    const bucket = context.namespace;
    if (!(await s3.bucketExists(bucket))) return;
    const names = (await s3.listObjectsV2(bucket, '', true).toArray()).map((o: { name: string }) => o.name);
    if (names.length > 0) await s3.removeObjects(bucket, names);
    await s3.removeBucket(bucket);
  },
};
