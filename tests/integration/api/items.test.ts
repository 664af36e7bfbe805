/**
 * The items endpoints on the real stack: item pages from the Redis cache (cards written by the
 * Redis sink itself), the Postgres fallback that refills the cache without ever overwriting a newer
 * card, tiles by id, trending items, item writes with their outbox rows, and images in MinIO.
 * Private Redis prefix and images bucket; fresh rows in the shared Postgres.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { toItemCard } from '../../../connectors/sinks/redis/index.ts';
import {
  assertProblem,
  createTestUser,
  expiredToken,
  type TestApi,
  type TestUser,
} from '../../support/api.ts';
import {
  assertWriteEvent,
  createItem,
  createSellerAccount,
  imageBytes,
  itemBody,
  outboxRows,
  rowTransaction,
  startCatalogueApi,
  TEST_IMAGE_MAX_BYTES,
  type CatalogueApi,
} from '../../support/catalogue-fixtures.ts';

describe('Items API', () => {
  let catalogue: CatalogueApi;
  let api: TestApi;
  let seller: TestUser;
  let sellerId: string;
  let otherSeller: TestUser;
  let shopper: TestUser;
  let admin: TestUser;

  before(async () => {
    catalogue = await startCatalogueApi();
    api = catalogue.api;
    ({ user: seller, sellerId } = await createSellerAccount(api, { name: 'Gadget House' }));
    ({ user: otherSeller } = await createSellerAccount(api));
    shopper = await createTestUser(api, 'shopper');
    admin = await createTestUser(api, 'admin');
  });
  after(() => catalogue?.stop());

  /** Clears the item's card and its recorded order, as if the cache had never seen the item. */
  async function forgetCard(itemId: string): Promise<void> {
    const { keys } = api.deps;
    await catalogue.redis.del(keys.itemCard(itemId));
    await catalogue.redis.hdel(keys.itemCardVersions, itemId);
  }

  const storedCard = async (itemId: string) => {
    const json = await catalogue.redis.get(api.deps.keys.itemCard(itemId));
    return json === null ? null : JSON.parse(json);
  };

  describe('POST /v1/items', () => {
    it('creates the item on the seller’s page and enqueues ItemChanged CREATED in the same transaction', async () => {
      const body = itemBody({ title: '  Смартфон   Aurora 128 ГБ ' });
      const response = await api.request('POST', '/v1/items', { token: seller.token, body });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      const item = response.body;
      assert.equal(response.headers.get('location'), `/v1/items/${item.id}`);
      assert.deepEqual(
        { ...item, id: undefined, createdAt: undefined, updatedAt: undefined },
        {
          id: undefined,
          sellerId,
          version: 1,
          title: body.title,
          description: body.description,
          category: body.category,
          price: body.price,
          attributes: body.attributes,
          images: [],
          createdAt: undefined,
          updatedAt: undefined,
        },
      );
      const [row, ...more] = await outboxRows(api, item.id);
      assert.equal(more.length, 0);
      await assertWriteEvent(api, row, {
        table: 'items',
        id: item.id,
        topic: 'shop.items',
        type: 'CREATED',
        version: 1,
        changedBy: seller.id,
        response,
      });
      assert.equal(row!.payload.occurredAt, Date.parse(item.updatedAt));
      assert.deepEqual(row!.payload.item, {
        id: item.id,
        sellerId,
        title: body.title,
        description: body.description,
        category: body.category,
        price: body.price,
        imageUrls: [],
        attributes: body.attributes,
      });
    });

    it('lets an admin list an item on a seller page it names', async () => {
      const response = await api.request('POST', '/v1/items', {
        token: admin.token,
        body: itemBody({ sellerId }),
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.sellerId, sellerId);
      assert.equal((await outboxRows(api, response.body.id))[0]!.payload.changedBy, admin.id);
    });

    it('refuses each invalid field with a 400 naming it', async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['no title', { title: undefined }, 'body.title'],
        ['empty title', { title: '' }, 'body.title'],
        ['blank title', { title: '   ' }, 'body.title'],
        ['long title', { title: 'x'.repeat(201) }, 'body.title'],
        ['long description', { description: 'x'.repeat(5001) }, 'body.description'],
        ['no category', { category: undefined }, 'body.category'],
        ['blank category', { category: ' ' }, 'body.category'],
        ['long category', { category: 'x'.repeat(201) }, 'body.category'],
        ['zero price', { price: { amountMinor: 0, currency: 'RUB' } }, 'body.price.amountMinor'],
        ['negative price', { price: { amountMinor: -5, currency: 'RUB' } }, 'body.price.amountMinor'],
        ['fractional price', { price: { amountMinor: 10.5, currency: 'RUB' } }, 'body.price.amountMinor'],
        ['price as text', { price: { amountMinor: '100', currency: 'RUB' } }, 'body.price.amountMinor'],
        ['lower-case currency', { price: { amountMinor: 100, currency: 'rub' } }, 'body.price.currency'],
        ['unsold currency', { price: { amountMinor: 100, currency: 'JPY' } }, 'body.price.currency'],
        ['price over the cap', { price: { amountMinor: 10_000_000_00, currency: 'RUB' } }, 'body'],
        ['title of invisible characters', { title: '\u200b\u200b' }, 'body'],
        [
          'too many attributes',
          { attributes: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
          'body.attributes',
        ],
        [
          'long attribute name',
          { attributes: { ['k'.repeat(65)]: 'v' } },
          'body.attributes.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk',
        ],
        ['long attribute value', { attributes: { colour: 'x'.repeat(501) } }, 'body.attributes.colour'],
        ['attribute not text', { attributes: { colour: 1 } }, 'body.attributes.colour'],
        ['NUL in the title', { title: 'a\u0000b' }, 'body.title'],
        ['unknown field', { colour: 'red' }, 'body'],
        ['seller id not a uuid', { sellerId: 'nope' }, 'body.sellerId'],
      ];
      for (const [name, overrides, path] of cases) {
        const body = itemBody(overrides);
        for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
        const response = await api.request('POST', '/v1/items', { token: seller.token, body });
        assert.equal(response.status, 400, `${name}: ${JSON.stringify(response.body)}`);
        assertProblem(response, 400, 'VALIDATION_FAILED', path);
      }
      assertProblem(
        await api.request('POST', '/v1/items', {
          token: seller.token,
          body: '{"title": ',
          headers: { 'Content-Type': 'application/json' },
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('needs a signed-in seller or admin, with a seller page', async () => {
      assertProblem(await api.request('POST', '/v1/items', { body: itemBody() }), 401, 'UNAUTHENTICATED');
      assertProblem(
        await api.request('POST', '/v1/items', { token: await expiredToken(api, seller), body: itemBody() }),
        401,
        'UNAUTHENTICATED',
      );
      assertProblem(
        await api.request('POST', '/v1/items', { token: shopper.token, body: itemBody() }),
        403,
        'FORBIDDEN',
      );
      const pageless = await createTestUser(api, 'seller');
      const noPage = await api.request('POST', '/v1/items', { token: pageless.token, body: itemBody() });
      assertProblem(noPage, 409, 'CONFLICT');
      assert.match(noPage.body.detail, /seller page/);
      assertProblem(
        await api.request('POST', '/v1/items', { token: otherSeller.token, body: itemBody({ sellerId }) }),
        403,
        'FORBIDDEN',
      );
      assertProblem(
        await api.request('POST', '/v1/items', { token: admin.token, body: itemBody() }),
        400,
        'VALIDATION_FAILED',
        'body.sellerId',
      );
      assertProblem(
        await api.request('POST', '/v1/items', {
          token: admin.token,
          body: itemBody({ sellerId: randomUUID() }),
        }),
        400,
        'VALIDATION_FAILED',
        'body.sellerId',
      );
    });
  });

  describe('GET /v1/items/{id}', () => {
    it('serves the card the Redis sink wrote, with its summaries and views, as a cache hit', async () => {
      const item = await createItem(api, seller.token, { title: '  Смартфон   Hit <b>X</b> ' });
      const writtenByApi = await storedCard(item.id);
      await forgetCard(item.id);
      const enriched = await catalogue.sink.writeItem(item.id);
      assert.deepEqual(await storedCard(item.id), toItemCard(enriched));
      assert.deepEqual(writtenByApi, toItemCard(enriched), 'the API writes the card the sink writes');
      await catalogue.sink.writeViews(item.id, 3);
      await catalogue.sink.writeReviews(item.id, [
        { rating: 5, score: 0.8, label: 'POSITIVE' },
        { rating: 4, score: 0.1, label: 'NEUTRAL' },
      ]);

      const response = await api.request('GET', `/v1/items/${item.id}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.headers.get('x-cache'), 'hit');
      assert.deepEqual(response.body, {
        id: item.id,
        version: 1,
        title: 'Смартфон Hit <b>X</b>',
        category: { id: 'electronics.phones', path: ['Electronics', 'Phones'] },
        price: { amountMinor: 4_999_000, currency: 'RUB' },
        seller: { id: sellerId, name: 'Gadget House' },
        images: [],
        rating: { average: 4.5, count: 2 },
        updatedAt: item.updatedAt,
        description: 'Отличный экран & камера',
        attributes: { colour: 'Black', memory: '128 GB' },
        sentiment: { positive: 1, neutral: 1, negative: 0, meanScore: 0.45 },
        views: 3,
      });
    });

    it('falls back to Postgres on a miss, refills the cache, and the next read is a hit', async () => {
      const item = await createItem(api, seller.token);
      const hit = await api.request('GET', `/v1/items/${item.id}`);
      await forgetCard(item.id);
      const miss = await api.request('GET', `/v1/items/${item.id}`);
      assert.equal(miss.status, 200);
      assert.equal(miss.headers.get('x-cache'), 'miss');
      assert.deepEqual(miss.body, hit.body, 'the same item either way');
      assert.equal(await catalogue.redis.hget(api.deps.keys.itemCardVersions, item.id), String(2 ** 21 + 1));
      const again = await api.request('GET', `/v1/items/${item.id}`);
      assert.equal(again.headers.get('x-cache'), 'hit');
      assert.deepEqual(again.body, miss.body);
      // The refilled card is exactly the one the sink writes for that state.
      const enriched = await catalogue.sink.writeItem(item.id);
      assert.deepEqual(await storedCard(item.id), toItemCard(enriched));
    });

    it('never overwrites a newer card when it refills', async () => {
      const item = await createItem(api, seller.token);
      await forgetCard(item.id);
      // A newer state reached the cache first, in the shape of cards written before item pages
      // existed (no description), which the API does not serve as a page: the read misses and refills.
      const newer = await catalogue.sink.writeItem(item.id, (enriched) => ({
        ...enriched,
        item: { ...enriched.item, version: 7, title: 'Newer title' },
      }));
      const { description: _d, attributes: _a, ...olderShape } = toItemCard(newer);
      await catalogue.redis.set(api.deps.keys.itemCard(item.id), JSON.stringify(olderShape));
      const before = await catalogue.redis.get(api.deps.keys.itemCard(item.id));

      const response = await api.request('GET', `/v1/items/${item.id}`);
      assert.equal(response.headers.get('x-cache'), 'miss');
      assert.equal(response.body.version, 1, 'served from Postgres');
      assert.equal(
        await catalogue.redis.get(api.deps.keys.itemCard(item.id)),
        before,
        'the newer card stays',
      );
      assert.equal(
        await catalogue.redis.hget(api.deps.keys.itemCardVersions, item.id),
        String(7 * 2 ** 21 + 1),
      );
    });

    it('does not bring back a card the sink deleted', async () => {
      const item = await createItem(api, seller.token);
      await forgetCard(item.id);
      // The sink has applied a deletion newer than Postgres' state (it arrives before the row commits
      // in no real run; here it stands for any newer order recorded without a card).
      await catalogue.sink.writeItem(item.id, (enriched) => ({
        ...enriched,
        item: { ...enriched.item, version: 2, deleted: true },
      }));
      const response = await api.request('GET', `/v1/items/${item.id}`);
      assert.equal(response.headers.get('x-cache'), 'miss');
      assert.equal(await storedCard(item.id), null);
    });

    it('answers 404 for an unknown or deleted item and 400 for a malformed id', async () => {
      assertProblem(await api.request('GET', `/v1/items/${randomUUID()}`), 404, 'NOT_FOUND');
      const item = await createItem(api, seller.token);
      assert.equal(
        (await api.request('DELETE', `/v1/items/${item.id}`, { token: seller.token })).status,
        204,
      );
      await forgetCard(item.id);
      assertProblem(await api.request('GET', `/v1/items/${item.id}`), 404, 'NOT_FOUND');
      assertProblem(await api.request('GET', '/v1/items/not-a-uuid'), 400, 'VALIDATION_FAILED', 'param.id');
    });
  });

  describe('GET /v1/items?ids=', () => {
    it('answers tiles in the order asked, each id once, listing the missing, with misses refilled', async () => {
      const [a, b, c] = [
        await createItem(api, seller.token),
        await createItem(api, seller.token),
        await createItem(api, seller.token),
      ];
      await forgetCard(b.id);
      const unknown = randomUUID();
      const response = await api.request('GET', `/v1/items?ids=${c.id},${unknown},${a.id},${b.id},${c.id}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.headers.get('x-cache'), 'miss');
      assert.deepEqual(
        response.body.items.map((tile: { id: string }) => tile.id),
        [c.id, a.id, b.id],
      );
      assert.deepEqual(response.body.missing, [unknown]);
      const tile = response.body.items[2];
      assert.deepEqual(Object.keys(tile).sort(), [
        'category',
        'id',
        'images',
        'price',
        'rating',
        'seller',
        'title',
        'updatedAt',
        'version',
      ]);
      assert.notEqual(await storedCard(b.id), null, 'the miss was refilled');
      const again = await api.request('GET', `/v1/items?ids=${a.id},${b.id}`);
      assert.equal(again.headers.get('x-cache'), 'hit');
    });

    it('refuses no ids, too many, and malformed ones', async () => {
      assertProblem(await api.request('GET', '/v1/items'), 400, 'VALIDATION_FAILED', 'query.ids');
      assertProblem(await api.request('GET', '/v1/items?ids='), 400, 'VALIDATION_FAILED');
      const many = Array.from({ length: 101 }, () => randomUUID()).join(',');
      assertProblem(await api.request('GET', `/v1/items?ids=${many}`), 400, 'VALIDATION_FAILED', 'query.ids');
      assertProblem(
        await api.request('GET', `/v1/items?ids=${randomUUID()},nope`),
        400,
        'VALIDATION_FAILED',
        'query.ids.1',
      );
    });
  });

  describe('GET /v1/trending', () => {
    it('ranks by trending weight, skips deleted items, keeps the order and the scores', async () => {
      const [hot, warm, gone, cold] = [
        await createItem(api, seller.token),
        await createItem(api, seller.token),
        await createItem(api, seller.token),
        await createItem(api, seller.token),
      ];
      await catalogue.sink.writeViews(gone.id, 9);
      await catalogue.sink.writeViews(hot.id, 6);
      await catalogue.sink.writeViews(warm.id, 4);
      await catalogue.sink.writeViews(cold.id, 1);
      assert.equal(
        (await api.request('DELETE', `/v1/items/${gone.id}`, { token: seller.token })).status,
        204,
      );

      const top = await api.request('GET', '/v1/trending?limit=2');
      assert.equal(top.status, 200, JSON.stringify(top.body));
      assert.deepEqual(
        top.body.items.map((tile: { id: string }) => tile.id),
        [hot.id, warm.id],
      );
      const [first, second] = top.body.items;
      assert.ok(first.score > second.score && second.score > 0, `${first.score} > ${second.score}`);
      assert.equal(first.title, hot.title.trim().replace(/\s+/g, ' '));

      // Other tests' views share this prefix: compare these items' places only.
      const all = await api.request('GET', '/v1/trending?limit=50');
      const ids: string[] = all.body.items.map((tile: { id: string }) => tile.id);
      assert.ok(!ids.includes(gone.id));
      const places = [hot.id, warm.id, cold.id].map((id) => ids.indexOf(id));
      assert.ok(
        places[0]! >= 0 && places[0]! < places[1]! && places[1]! < places[2]!,
        JSON.stringify(places),
      );
      const scores: number[] = all.body.items.map((tile: { score: number }) => tile.score);
      assert.deepEqual(
        [...scores].sort((x, y) => y - x),
        scores,
        'hottest first',
      );
    });

    it('refuses a limit outside 1..50', async () => {
      for (const limit of ['0', '51', 'abc', '2.5']) {
        assertProblem(
          await api.request('GET', `/v1/trending?limit=${limit}`),
          400,
          'VALIDATION_FAILED',
          'query.limit',
        );
      }
    });
  });

  describe('PATCH /v1/items/{id}', () => {
    it('changes the fields given, grows the version by one, and enqueues ItemChanged UPDATED with the full item', async () => {
      const item = await createItem(api, seller.token);
      const response = await api.request('PATCH', `/v1/items/${item.id}`, {
        token: seller.token,
        body: { title: 'Renamed phone', price: { amountMinor: 12_345, currency: 'USD' } },
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.version, 2);
      assert.equal(response.body.title, 'Renamed phone');
      assert.deepEqual(response.body.price, { amountMinor: 12_345, currency: 'USD' });
      assert.equal(response.body.description, item.description, 'fields not named stay');
      assert.deepEqual(response.body.attributes, item.attributes);

      const rows = await outboxRows(api, item.id);
      assert.deepEqual(
        rows.map((row) => [row.topic, row.entity_version, row.payload.type]),
        [
          ['shop.items', '1', 'CREATED'],
          ['shop.items', '2', 'UPDATED'],
        ],
      );
      assert.equal(rows[1]!.xmin, await rowTransaction(api, 'items', item.id));
      assert.equal(rows[1]!.payload.item.title, 'Renamed phone');
      assert.equal(rows[1]!.payload.item.category, item.category);
      assert.deepEqual(rows[1]!.payload.item.attributes, item.attributes);

      // The writer reads its write at once: the cache holds the committed state.
      const page = await api.request('GET', `/v1/items/${item.id}`);
      assert.equal(page.headers.get('x-cache'), 'hit');
      assert.equal(page.body.version, 2);
      assert.equal(page.body.title, 'Renamed phone');

      const replaced = await api.request('PATCH', `/v1/items/${item.id}`, {
        token: admin.token,
        body: { attributes: { size: 'L' } },
      });
      assert.equal(replaced.status, 200, 'an admin may change any item');
      assert.deepEqual(replaced.body.attributes, { size: 'L' });
      assert.equal(replaced.body.version, 3);
      assert.equal((await outboxRows(api, item.id))[2]!.payload.changedBy, admin.id);
    });

    it('refuses invalid changes, strangers and unknown items', async () => {
      const item = await createItem(api, seller.token);
      const patch = (token: string | undefined, body: unknown, id = item.id) =>
        api.request('PATCH', `/v1/items/${id}`, { token, body });
      assertProblem(await patch(seller.token, {}), 400, 'VALIDATION_FAILED');
      assertProblem(await patch(seller.token, { title: ' ' }), 400, 'VALIDATION_FAILED', 'body.title');
      assertProblem(
        await patch(seller.token, { price: { amountMinor: 0, currency: 'RUB' } }),
        400,
        'VALIDATION_FAILED',
        'body.price.amountMinor',
      );
      assertProblem(
        await patch(seller.token, { price: { amountMinor: 10, currency: 'JPY' } }),
        400,
        'VALIDATION_FAILED',
        'body.price.currency',
      );
      assertProblem(await patch(seller.token, { sellerId }), 400, 'VALIDATION_FAILED');
      assertProblem(await patch(undefined, { title: 'x' }), 401, 'UNAUTHENTICATED');
      assertProblem(await patch(await expiredToken(api, seller), { title: 'x' }), 401, 'UNAUTHENTICATED');
      assertProblem(await patch(shopper.token, { title: 'x' }), 403, 'FORBIDDEN');
      assertProblem(await patch(otherSeller.token, { title: 'x' }), 403, 'FORBIDDEN');
      assertProblem(await patch(seller.token, { title: 'x' }, randomUUID()), 404, 'NOT_FOUND');
      assertProblem(await patch(seller.token, { title: 'x' }, 'nope'), 400, 'VALIDATION_FAILED', 'param.id');
      assert.equal((await outboxRows(api, item.id)).length, 1, 'no refused change left an event');
    });
  });

  describe('DELETE /v1/items/{id}', () => {
    it('soft-deletes the item, enqueues ItemChanged DELETED, removes its card and images; a second delete is 404', async () => {
      const item = await createItem(api, seller.token);
      const upload = await api.request('POST', `/v1/items/${item.id}/images`, {
        token: seller.token,
        body: imageBytes.png(),
        headers: { 'Content-Type': 'image/png' },
      });
      assert.equal(upload.status, 201, JSON.stringify(upload.body));
      const [{ object_key: key }] = (
        await api.deps.postgres.query('SELECT object_key FROM item_images WHERE item_id = $1', [item.id])
      ).rows;

      const response = await api.request('DELETE', `/v1/items/${item.id}`, { token: seller.token });
      assert.equal(response.status, 204);
      assert.equal(response.body, null);
      const { rows } = await api.deps.postgres.query('SELECT deleted_at, version FROM items WHERE id = $1', [
        item.id,
      ]);
      assert.notEqual(rows[0].deleted_at, null);
      assert.equal(rows[0].version, '3');
      const images = await api.deps.postgres.query('SELECT 1 FROM item_images WHERE item_id = $1', [item.id]);
      assert.equal(images.rowCount, 0);
      const last = (await outboxRows(api, item.id)).at(-1)!;
      assert.equal(last.payload.type, 'DELETED');
      assert.equal(last.entity_version, '3');
      assert.equal(last.xmin, await rowTransaction(api, 'items', item.id));
      assert.equal(last.payload.item.id, item.id);

      await assert.rejects(
        api.deps.s3.statObject(catalogue.bucket, key),
        /Not ?Found/i,
        'the image object is gone',
      );
      assert.equal(await storedCard(item.id), null, 'the card is gone at once');
      assertProblem(await api.request('GET', `/v1/items/${item.id}`), 404, 'NOT_FOUND');
      assertProblem(
        await api.request('DELETE', `/v1/items/${item.id}`, { token: seller.token }),
        404,
        'NOT_FOUND',
      );
    });

    it('lets an admin delete any item and refuses strangers', async () => {
      const item = await createItem(api, seller.token);
      const remove = (token: string | undefined) => api.request('DELETE', `/v1/items/${item.id}`, { token });
      assertProblem(await remove(undefined), 401, 'UNAUTHENTICATED');
      assertProblem(await remove(await expiredToken(api, seller)), 401, 'UNAUTHENTICATED');
      assertProblem(await remove(shopper.token), 403, 'FORBIDDEN');
      assertProblem(await remove(otherSeller.token), 403, 'FORBIDDEN');
      assert.equal((await remove(admin.token)).status, 204);
      assertProblem(
        await api.request('DELETE', `/v1/items/${randomUUID()}`, { token: admin.token }),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('item images', () => {
    it('stores an upload in MinIO, readable through a presigned URL, in position order on the item and its event', async () => {
      const item = await createItem(api, seller.token);
      const bodies = [imageBytes.png(300), imageBytes.jpeg(500), imageBytes.webp(700)];
      const types = ['image/png', 'image/jpeg', 'image/webp'];
      const uploaded = [];
      for (const [i, body] of bodies.entries()) {
        const response = await api.request('POST', `/v1/items/${item.id}/images`, {
          token: i === 2 ? admin.token : seller.token,
          body,
          headers: { 'Content-Type': types[i]! },
        });
        assert.equal(response.status, 201, JSON.stringify(response.body));
        assert.equal(response.body.position, i);
        const fetched = await fetch(response.body.url);
        assert.equal(fetched.status, 200);
        assert.deepEqual(Buffer.from(await fetched.arrayBuffer()), body);
        assert.equal(fetched.headers.get('content-type'), types[i]);
        uploaded.push(response.body);
      }
      const { rows } = await api.deps.postgres.query(
        'SELECT position, object_key, content_type FROM item_images WHERE item_id = $1 ORDER BY position',
        [item.id],
      );
      assert.deepEqual(
        rows.map((row) => [row.position, row.content_type]),
        [
          [0, 'image/png'],
          [1, 'image/jpeg'],
          [2, 'image/webp'],
        ],
      );
      for (const [i, row] of rows.entries()) {
        assert.match(row.object_key, new RegExp(`^items/${item.id}/[0-9a-f-]{36}\\.(png|jpg|webp)$`));
        assert.ok(row.object_key.endsWith(['.png', '.jpg', '.webp'][i]!));
      }
      const events = await outboxRows(api, item.id);
      assert.deepEqual(
        events.map((event) => [event.entity_version, event.payload.type]),
        [
          ['1', 'CREATED'],
          ['2', 'UPDATED'],
          ['3', 'UPDATED'],
          ['4', 'UPDATED'],
        ],
      );
      assert.deepEqual(
        events[3]!.payload.item.imageUrls,
        rows.map((row) => `s3://${catalogue.bucket}/${row.object_key}`),
      );

      const page = await api.request('GET', `/v1/items/${item.id}`);
      assert.equal(page.body.images.length, 3);
      const first = await fetch(page.body.images[0].url);
      assert.deepEqual(Buffer.from(await first.arrayBuffer()), bodies[0]);
      assert.equal(new URL(page.body.images[0].url).searchParams.get('X-Amz-Expires'), '900');

      // Removing one: the object goes after the commit, the others keep their positions.
      const removed = await api.request('DELETE', `/v1/items/${item.id}/images/1`, { token: seller.token });
      assert.equal(removed.status, 204);
      await assert.rejects(api.deps.s3.statObject(catalogue.bucket, rows[1].object_key), /Not ?Found/i);
      const after = await outboxRows(api, item.id);
      assert.equal(after.at(-1)!.entity_version, '5');
      assert.deepEqual(after.at(-1)!.payload.item.imageUrls, [
        `s3://${catalogue.bucket}/${rows[0].object_key}`,
        `s3://${catalogue.bucket}/${rows[2].object_key}`,
      ]);
      const next = await api.request('POST', `/v1/items/${item.id}/images`, {
        token: seller.token,
        body: imageBytes.png(),
        headers: { 'Content-Type': 'image/png' },
      });
      assert.equal(next.body.position, 3, 'a new image goes last');
      assertProblem(
        await api.request('DELETE', `/v1/items/${item.id}/images/1`, { token: seller.token }),
        404,
        'NOT_FOUND',
      );
      assertProblem(
        await api.request('DELETE', `/v1/items/${item.id}/images/first`, { token: seller.token }),
        400,
        'VALIDATION_FAILED',
        'param.position',
      );
    });

    it('refuses other types (415), bytes that are not the claimed type (415), too large (413) and empty (400) bodies', async () => {
      const item = await createItem(api, seller.token);
      const upload = (body: Buffer | string, type?: string) =>
        api.request('POST', `/v1/items/${item.id}/images`, {
          token: seller.token,
          body,
          headers: type ? { 'Content-Type': type } : {},
        });
      assertProblem(await upload(Buffer.from('GIF89a...'), 'image/gif'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      assertProblem(await upload('{"a":1}', 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      assertProblem(await upload(imageBytes.jpeg(), 'image/png'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      assertProblem(
        await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/webp'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      assertProblem(
        await upload(imageBytes.png(TEST_IMAGE_MAX_BYTES + 1), 'image/png'),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      assertProblem(await upload(Buffer.alloc(0), 'image/png'), 400, 'VALIDATION_FAILED');
      assert.equal(
        await upload(imageBytes.png(TEST_IMAGE_MAX_BYTES), 'image/png').then((r) => r.status),
        201,
      );
      const stored = await api.deps.postgres.query(
        'SELECT count(*)::int AS n FROM item_images WHERE item_id = $1',
        [item.id],
      );
      assert.equal(stored.rows[0].n, 1, 'only the accepted image is stored');
      const objects = [];
      for await (const object of api.deps.s3.listObjectsV2(catalogue.bucket, `items/${item.id}/`, true))
        objects.push(object);
      assert.equal(objects.length, 1, 'no refused upload left an object');
    });

    it('holds at most 20 images per item (409 beyond), leaving no object for a refused one', async () => {
      const item = await createItem(api, seller.token);
      const upload = () =>
        api.request('POST', `/v1/items/${item.id}/images`, {
          token: seller.token,
          body: imageBytes.jpeg(64),
          headers: { 'Content-Type': 'image/jpeg' },
        });
      for (let i = 0; i < 20; i += 1) assert.equal((await upload()).status, 201);
      assertProblem(await upload(), 409, 'CONFLICT');
      let objects = 0;
      for await (const _ of api.deps.s3.listObjectsV2(catalogue.bucket, `items/${item.id}/`, true))
        objects += 1;
      assert.equal(objects, 20);
      assert.equal((await outboxRows(api, item.id)).length, 21, 'the refused upload left no event');
    });

    it('lets only the item’s seller or an admin add or remove images', async () => {
      const item = await createItem(api, seller.token);
      const upload = (token: string | undefined, id = item.id) =>
        api.request('POST', `/v1/items/${id}/images`, {
          token,
          body: imageBytes.png(),
          headers: { 'Content-Type': 'image/png' },
        });
      assertProblem(await upload(undefined), 401, 'UNAUTHENTICATED');
      assertProblem(await upload(await expiredToken(api, seller)), 401, 'UNAUTHENTICATED');
      assertProblem(await upload(shopper.token), 403, 'FORBIDDEN');
      assertProblem(await upload(otherSeller.token), 403, 'FORBIDDEN');
      assertProblem(await upload(seller.token, randomUUID()), 404, 'NOT_FOUND');
      assert.equal((await upload(seller.token)).status, 201);
      const remove = (token: string | undefined) =>
        api.request('DELETE', `/v1/items/${item.id}/images/0`, { token });
      assertProblem(await remove(undefined), 401, 'UNAUTHENTICATED');
      assertProblem(await remove(shopper.token), 403, 'FORBIDDEN');
      assertProblem(await remove(otherSeller.token), 403, 'FORBIDDEN');
      assert.equal((await remove(admin.token)).status, 204);
    });
  });

  it('describes every items endpoint in the OpenAPI document', async () => {
    const doc = await api.request('GET', '/openapi.json');
    const paths = doc.body.paths;
    assert.ok(paths['/v1/items/{id}'].get.responses['200'].headers['X-Cache']);
    assert.ok(paths['/v1/items'].get && paths['/v1/items'].post);
    assert.ok(paths['/v1/items/{id}'].patch && paths['/v1/items/{id}'].delete);
    assert.ok(paths['/v1/items/{id}/images'].post.requestBody.content['image/webp']);
    assert.ok(paths['/v1/items/{id}/images/{position}'].delete);
    assert.ok(paths['/v1/trending'].get);
    assert.ok(doc.body.components.schemas.Item && doc.body.components.schemas.ItemTile);
  });
});
