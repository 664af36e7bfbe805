import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createS3Client } from '../../connectors/sinks/archive/index.ts';
import { imageKeyPrefix, imageReference, parseImageReference, presignImages } from './image-references.ts';

describe('image references', () => {
  it('refers to an object as s3://<bucket>/<key>, under the item’s prefix', () => {
    const key = `${imageKeyPrefix('6f1d7c2e')}a.jpg`;
    assert.equal(imageReference('eshop-images', key), 's3://eshop-images/items/6f1d7c2e/a.jpg');
    assert.deepEqual(parseImageReference(imageReference('eshop-images', key), 'other'), {
      bucket: 'eshop-images',
      key: 'items/6f1d7c2e/a.jpg',
    });
  });

  it('passes web URLs on, reads bare keys as keys of the images bucket, and drops unusable ones', () => {
    assert.deepEqual(parseImageReference('https://cdn.example/a.jpg', 'b'), {
      href: 'https://cdn.example/a.jpg',
    });
    assert.deepEqual(parseImageReference(' items/6f1d7c2e/front.jpg ', 'b'), {
      bucket: 'b',
      key: 'items/6f1d7c2e/front.jpg',
    });
    assert.equal(parseImageReference('', 'b'), undefined);
    assert.equal(parseImageReference('   ', 'b'), undefined);
    assert.equal(parseImageReference('s3://bucket-only', 'b'), undefined);
    assert.equal(parseImageReference('s3://bucket-only/', 'b'), undefined);
  });

  it('presigns object references without a round trip, in order, leaving unusable ones out', async () => {
    // An endpoint nothing listens on: presigning is local, so it must not be contacted.
    const s3 = createS3Client({ minio: { endpoint: 'http://127.0.0.1:9', accessKey: 'k', secretKey: 's' } });
    const urls = await presignImages(
      ['s3://imgs/items/1/a.jpg', '', 'https://cdn.example/b.png', 'items/1/c.webp'],
      {
        s3,
        bucket: 'imgs',
        ttlSeconds: 60,
      },
    );
    assert.equal(urls.length, 3);
    const [a, b, c] = urls.map((u) => new URL(u.url));
    assert.equal(a!.pathname, '/imgs/items/1/a.jpg');
    assert.equal(a!.searchParams.get('X-Amz-Expires'), '60');
    assert.ok(a!.searchParams.get('X-Amz-Signature'));
    assert.equal(b!.href, 'https://cdn.example/b.png');
    assert.equal(c!.pathname, '/imgs/items/1/c.webp');
  });
});
