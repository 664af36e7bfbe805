import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import avro from 'avsc';
import { samples } from '../../../schemas/samples.ts';
import { decodeContainer, encodeContainer, readContainerMetadata } from './container.ts';
import { envelopeSchema } from './envelope.ts';

const envelope = envelopeSchema('comment-changed');
const records = Array.from({ length: 300 }, (_, i) => ({
  offset: 1000 + i,
  partition: 2,
  timestamp: Date.UTC(2026, 0, 5, 9) + i,
  key: i % 7 === 0 ? null : `comment-${i % 20}`,
  headers: { traceparent: Buffer.from(`00-${i}`) },
  value: { ...samples['comment-changed'], version: i },
}));
const metadata = {
  'eshop.topic': 'shop.comments',
  'eshop.first_offset': '1000',
  'eshop.schema': 'comment-changed/v1',
};

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('Avro container files', () => {
  it('round-trips records and metadata, deflate-compressed', async () => {
    const file = await encodeContainer(records, {
      schema: envelope.definition,
      metadata,
      syncSeed: 'a/key.avro',
    });
    const decoded = await decodeContainer<unknown>(file);
    assert.deepEqual(plain(decoded.records), plain(records));
    assert.equal(decoded.metadata['avro.codec'], 'deflate');
    assert.deepEqual(JSON.parse(decoded.metadata['avro.schema'] as string), envelope.definition);
    for (const [key, value] of Object.entries(metadata)) assert.equal(decoded.metadata[key], value);
    assert.deepEqual(readContainerMetadata(file), decoded.metadata);
    const uncompressed = await encodeContainer(records, {
      schema: envelope.definition,
      metadata,
      syncSeed: 'x',
      codec: 'null',
    });
    assert.ok(
      file.length < uncompressed.length / 2,
      `${file.length} bytes deflated, ${uncompressed.length} not`,
    );
  });

  it('gives the same bytes for the same records and seed, so a retried upload is identical', async () => {
    const options = { schema: envelope.definition, metadata, syncSeed: 'a/key.avro' };
    const first = await encodeContainer(records, options);
    assert.deepEqual(await encodeContainer(records, options), first);
    assert.notDeepEqual(await encodeContainer(records, { ...options, syncSeed: 'b/key.avro' }), first);
  });

  it('is read by avsc’s own file decoder (the standard format, not ours)', async () => {
    const file = await encodeContainer(records.slice(0, 3), {
      schema: envelope.definition,
      metadata,
      syncSeed: 's',
    });
    const decoded: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      const decoder = new avro.streams.BlockDecoder();
      decoder
        .on('data', (r: unknown) => decoded.push(r))
        .on('end', resolve)
        .on('error', reject);
      decoder.end(file);
    });
    assert.deepEqual(plain(decoded), plain(records.slice(0, 3)));
  });

  it('resolves records written with an older schema to the reader’s', async () => {
    const older = { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] } as avro.Schema;
    const newer = avro.Type.forSchema({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'a', type: 'long' },
        { name: 'b', type: 'string', default: 'none' },
      ],
    } as avro.Schema);
    const file = await encodeContainer([{ a: 1 }, { a: 2 }], { schema: older, metadata: {}, syncSeed: 's' });
    const { records: read } = await decodeContainer<unknown>(file, { readerType: newer });
    assert.deepEqual(plain(read), [
      { a: 1, b: 'none' },
      { a: 2, b: 'none' },
    ]);
  });

  it('rejects bytes that are not a container file', async () => {
    assert.throws(() => readContainerMetadata(Buffer.from('{"json": true}')), /magic/);
    await assert.rejects(decodeContainer(Buffer.from('Obj')), /magic/);
  });
});
