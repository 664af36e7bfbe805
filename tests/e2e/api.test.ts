/**
 * The storefront through the API only, on the real stack with the whole pipeline running: a seller
 * registers and lists an item, the item becomes searchable and is served from the cache, a shopper
 * reviews it and the review's sentiment reaches the item's summary, the shopper's views reach the
 * staff analytics. Nothing is written to a store directly; the one exception is the admin account,
 * which an operator creates (`eshop users add --role admin`), never the API.
 *
 * The pipeline runs in this process under groups of its own and writes into a namespace of its
 * own (tests/support/pipeline.ts); the API reads the same namespace.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestUser, startTestApi, type TestApi, type TestResponse } from '../support/api.ts';
import { testConfig, uniqueName } from '../support/index.ts';
import { testKafka } from '../support/kafka.ts';
import { TestPipeline } from '../support/pipeline.ts';

const WAIT_MS = 180_000;

/** Polls `request` until `accept` holds for its response, then returns it; says what was missing. */
async function eventually(
  what: string,
  request: () => Promise<TestResponse>,
  accept: (response: TestResponse) => boolean,
): Promise<TestResponse> {
  const deadline = Date.now() + WAIT_MS;
  let last: TestResponse | undefined;
  for (;;) {
    last = await request();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not seen within ${WAIT_MS / 1000}s; last answer ${last.status} ${JSON.stringify(last.body)}`,
      );
    }
    await sleep(300);
  }
}

describe('End to end through the API: list, search, review, sentiment, views, analytics', () => {
  const config = { ...testConfig(), streams: { ...testConfig().streams, metricsPort: 0 } };
  const namespace = uniqueName('apie2e').replace(/[^a-z0-9]/g, '');
  const pipeline = new TestPipeline(config, testKafka(), namespace);
  let api: TestApi;

  before(async () => {
    await pipeline.start({ sinksFrom: 'end' });
    api = await startTestApi({ ...pipeline.storeEnvironment(), SINK_LINGER_MS: '200' });
  });

  after(async () => {
    await api?.stop();
    await pipeline.stop();
  });

  it(
    'a seller’s item is searchable, cached, reviewed with sentiment, and its views counted',
    { timeout: 900_000 },
    async () => {
      const started = Date.now();
      const tag = `aurora${randomUUID().slice(0, 6)}`;

      // A seller registers, opens a seller page and lists an item.
      const sellerAccount = await api.request('POST', '/v1/auth/register', {
        body: { email: `${tag}-seller@example.test`, password: 'correct horse battery', role: 'seller' },
      });
      assert.equal(sellerAccount.status, 201, JSON.stringify(sellerAccount.body));
      const sellerToken: string = sellerAccount.body.accessToken;
      const sellerPage = await api.request('POST', '/v1/sellers', {
        token: sellerToken,
        body: { name: `Магазин ${tag}`, region: 'Казань' },
      });
      assert.equal(sellerPage.status, 201, JSON.stringify(sellerPage.body));
      const created = await api.request('POST', '/v1/items', {
        token: sellerToken,
        body: {
          title: `  Смартфон   ${tag}  128 ГБ `,
          description: 'Отличный экран и камера',
          category: 'Смартфоны',
          price: { amountMinor: 4_999_000, currency: 'RUB' },
          attributes: { color: 'чёрный' },
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const itemId: string = created.body.id;

      // It becomes searchable: normalised title, Russian stemming, the seller's name.
      const found = await eventually(
        'the item in search',
        () => api.request('GET', `/v1/search/items?q=${encodeURIComponent(`смартфоны ${tag}`)}`),
        (response) =>
          response.status === 200 && response.body.items.some((hit: { id: string }) => hit.id === itemId),
      );
      const hit = found.body.items.find((h: { id: string }) => h.id === itemId);
      assert.equal(hit.title, `Смартфон ${tag} 128 ГБ`);
      assert.equal(hit.seller.name, `Магазин ${tag}`);
      assert.deepEqual(hit.price, { amountMinor: 4_999_000, currency: 'RUB' });

      // The item endpoint serves it from the cache once the Redis sink has written its card.
      const cached = await eventually(
        'the item card in the cache',
        () => api.request('GET', `/v1/items/${itemId}`),
        (response) => response.status === 200 && response.headers.get('x-cache') === 'hit',
      );
      assert.equal(cached.body.title, `Смартфон ${tag} 128 ГБ`);
      assert.equal(cached.body.seller.name, `Магазин ${tag}`);

      // A shopper reviews it; the review's sentiment reaches the item's summary.
      const shopperAccount = await api.request('POST', '/v1/auth/register', {
        body: { email: `${tag}-shopper@example.test`, password: 'another good passphrase' },
      });
      assert.equal(shopperAccount.status, 201, JSON.stringify(shopperAccount.body));
      const shopperToken: string = shopperAccount.body.accessToken;
      const review = await api.request('POST', `/v1/items/${itemId}/reviews`, {
        token: shopperToken,
        body: { text: 'Отличный телефон, очень доволен покупкой, рекомендую!', rating: 5 },
      });
      assert.equal(review.status, 201, JSON.stringify(review.body));
      const summarised = await eventually(
        'the review in the item summary',
        () => api.request('GET', `/v1/items/${itemId}`),
        (response) => response.status === 200 && response.body.sentiment?.positive === 1,
      );
      assert.deepEqual(summarised.body.rating, { average: 5, count: 1 });
      const reviews = await eventually(
        'the scored review in the reviews list',
        () => api.request('GET', `/v1/items/${itemId}/reviews`),
        (response) => response.status === 200 && response.body.reviews.length === 1,
      );
      assert.equal(reviews.body.reviews[0].id, review.body.id);
      assert.equal(reviews.body.reviews[0].sentiment.label, 'POSITIVE');

      // The shopper views the item three times in two sessions; staff see it in the analytics.
      const sessions = [randomUUID(), randomUUID()];
      const views = [0, 1, 1].map((s, i) => ({
        type: 'PAGE_VIEW',
        sessionId: sessions[s],
        occurredAt: Date.now() - 1_000 + i,
        itemId,
        page: `/items/${itemId}`,
      }));
      const beacon = await api.request('POST', '/v1/activity', {
        token: shopperToken,
        body: { events: views },
      });
      assert.equal(beacon.status, 202, JSON.stringify(beacon.body));

      const admin = await createTestUser(api, 'admin');
      const range = `from=${new Date(started - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`;
      const analytics = await eventually(
        'the views in the analytics',
        () =>
          api.request('GET', `/v1/analytics/items/views?${range}&itemId=${itemId}`, { token: admin.token }),
        (response) =>
          response.status === 200 &&
          (response.body.views as { views: number }[]).reduce((sum, row) => sum + row.views, 0) === 3,
      );
      // ClickHouse counts visitors by browser session (Redis by signed-in user): two sessions, two visitors.
      const visitors = (analytics.body.visitors as { visitors: number }[]).reduce(
        (max, row) => Math.max(max, row.visitors),
        0,
      );
      assert.equal(visitors, 2);
      // The shopper's view counter in the cache agrees.
      const counted = await eventually(
        'the views on the item',
        () => api.request('GET', `/v1/items/${itemId}`),
        (response) => response.body.views === 3,
      );
      assert.equal(counted.status, 200);
    },
  );
});
