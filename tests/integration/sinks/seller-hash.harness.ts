/** The contract harness of the runtime's own test sink (tests/support/seller-hash-sink.ts). */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { requireService, testConfig } from '../../support/index.ts';
import type { ContractRecord, SinkHarness, SinkTestContext } from '../../support/sink-contract.ts';
import { createSellerHashSink } from '../../support/seller-hash-sink.ts';
import type { SellerChanged } from '../../../schemas/types.generated.ts';

const redisUrl = testConfig().redis.url;
const hashKey = (context: SinkTestContext) => `test:${context.namespace}:sellers`;

async function withRedis<T>(use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    return await use(redis);
  } finally {
    await redis.quit();
  }
}

const sellerIds = Array.from(
  { length: 12 },
  (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
);

export const harness: SinkHarness = {
  name: 'seller hash (runtime test sink, Redis)',
  inputs: ['seller-changed'],
  requireStore: () => withRedis((redis) => requireService('redis', redisUrl, () => redis.ping())),
  createSink: (context) =>
    createSellerHashSink({ input: context.topics['seller-changed']!, key: hashKey(context) }),
  records(): ContractRecord[] {
    // Three versions of each seller, in order; the stored state is each seller's third name.
    return [1, 2, 3].flatMap((version) =>
      sellerIds.map((id, i) => {
        const value: SellerChanged = {
          eventId: randomUUID(),
          type: version === 1 ? 'CREATED' : 'UPDATED',
          seller: { id, name: `Seller ${i} v${version}`, rating: null, region: null },
          version,
          changedBy: 'contract',
          occurredAt: 1_764_000_000_000 + version,
        };
        return { schema: 'seller-changed' as const, key: id, value, timestamp: value.occurredAt };
      }),
    );
  },
  snapshot: (context) =>
    withRedis(async (redis) =>
      Object.fromEntries(Object.entries(await redis.hgetall(hashKey(context))).sort()),
    ),
  assertComplete(snapshot) {
    const stored = snapshot as Record<string, string>;
    assert.equal(Object.keys(stored).length, sellerIds.length);
    sellerIds.forEach((id, i) => assert.equal(stored[id], `3|Seller ${i} v3`));
  },
  cleanup: (context) => withRedis(async (redis) => void (await redis.del(hashKey(context)))),
};
