import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { requireService, testConfig, uniqueName } from '../support/index.ts';

describe('Redis (real server)', () => {
  const { url } = testConfig().redis;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });

  // ioredis rejects connect() with a bare "Connection is closed"; the reason arrives as an event.
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => (lastError = error));
  before(() =>
    requireService('redis', url, () => redis.connect().catch((error) => Promise.reject(lastError ?? error))),
  );
  after(() => redis.quit().catch(() => undefined));

  it('stores and reads back a value with an expiry', async () => {
    const key = uniqueName('test:item-card');
    assert.equal(await redis.set(key, JSON.stringify({ id: 'item-1', title: 'Lamp' }), 'EX', 60), 'OK');
    assert.deepEqual(JSON.parse((await redis.get(key))!), { id: 'item-1', title: 'Lamp' });
    const ttl = await redis.ttl(key);
    assert.ok(ttl > 0 && ttl <= 60, `ttl ${ttl}`);
    await redis.del(key);
  });

  it('is a real Redis: INFO reports the server version and counters are atomic', async () => {
    assert.match(await redis.info('server'), /redis_version:\d+\.\d+/);
    const key = uniqueName('test:views');
    await Promise.all(Array.from({ length: 50 }, () => redis.incr(key)));
    assert.equal(await redis.get(key), '50');
    await redis.del(key);
  });
});
