import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'minio';
import { requireService, testConfig, uniqueName } from '../support/index.ts';

describe('MinIO (real server)', () => {
  const { endpoint, accessKey, secretKey } = testConfig().minio;
  const url = new URL(endpoint);
  const client = new Client({
    endPoint: url.hostname,
    port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    useSSL: url.protocol === 'https:',
    accessKey,
    secretKey,
    region: 'us-east-1',
  });
  const bucket = uniqueName('test-archive');

  before(() => requireService('minio', endpoint, () => client.listBuckets()));
  after(async () => {
    const objects = await client
      .listObjectsV2(bucket, '', true)
      .toArray()
      .catch(() => []);
    await client
      .removeObjects(
        bucket,
        objects.map((o: { name: string }) => o.name),
      )
      .catch(() => undefined);
    await client.removeBucket(bucket).catch(() => undefined);
  });

  it('puts an object and gets the same bytes back', async () => {
    await client.makeBucket(bucket, 'us-east-1');
    const body = Buffer.from(JSON.stringify({ topic: 'items', offset: 42 }));
    await client.putObject(bucket, 'archive/items/0/42.json', body, body.length, {
      'Content-Type': 'application/json',
    });
    const stream = await client.getObject(bucket, 'archive/items/0/42.json');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(chunks), body);
    const stat = await client.statObject(bucket, 'archive/items/0/42.json');
    assert.equal(stat.size, body.length);
    assert.equal(stat.metaData['content-type'], 'application/json');
  });

  it('rejects wrong credentials', async () => {
    const intruder = new Client({
      endPoint: url.hostname,
      port: Number(url.port),
      useSSL: false,
      accessKey,
      secretKey: `${secretKey}-wrong`,
      region: 'us-east-1',
    });
    await assert.rejects(intruder.listBuckets(), /SignatureDoesNotMatch|signature/i);
  });
});
