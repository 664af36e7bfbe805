/**
 * The sellers endpoints on the real stack: opening and changing a seller page with its outbox
 * rows, one page per seller account (also under concurrent requests), and a seller page with the
 * seller's live items, newest first, paged by a keyset cursor.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
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
  outboxRows,
  rowTransaction,
  startCatalogueApi,
  type CatalogueApi,
} from '../../support/catalogue-fixtures.ts';

describe('Sellers API', () => {
  let catalogue: CatalogueApi;
  let api: TestApi;
  let shopper: TestUser;
  let admin: TestUser;

  before(async () => {
    catalogue = await startCatalogueApi();
    api = catalogue.api;
    shopper = await createTestUser(api, 'shopper');
    admin = await createTestUser(api, 'admin');
  });
  after(() => catalogue?.stop());

  describe('POST /v1/sellers', () => {
    it('opens the seller’s page and enqueues SellerChanged CREATED in the same transaction', async () => {
      const seller = await createTestUser(api, 'seller');
      const response = await api.request('POST', '/v1/sellers', {
        token: seller.token,
        body: { name: 'Gadget House', region: 'Kazan' },
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      const page = response.body;
      assert.equal(response.headers.get('location'), `/v1/sellers/${page.id}`);
      assert.deepEqual(
        { ...page, id: undefined, createdAt: undefined },
        {
          id: undefined,
          name: 'Gadget House',
          rating: null,
          region: 'Kazan',
          version: 1,
          createdAt: undefined,
        },
      );
      assert.ok(!Number.isNaN(Date.parse(page.createdAt)));
      const { rows } = await api.deps.postgres.query('SELECT owner_id FROM sellers WHERE id = $1', [page.id]);
      assert.equal(rows[0].owner_id, seller.id);

      const [event, ...more] = await outboxRows(api, page.id);
      assert.equal(more.length, 0);
      await assertWriteEvent(api, event, {
        table: 'sellers',
        id: page.id,
        topic: 'shop.sellers',
        type: 'CREATED',
        version: 1,
        changedBy: seller.id,
        response,
      });
      assert.deepEqual(event!.payload.seller, {
        id: page.id,
        name: 'Gadget House',
        rating: null,
        region: 'Kazan',
      });
    });

    it('gives a seller account one page: a second is 409, also when both are asked at once', async () => {
      const { user } = await createSellerAccount(api);
      const second = await api.request('POST', '/v1/sellers', { token: user.token, body: { name: 'Again' } });
      assertProblem(second, 409, 'CONFLICT');
      assert.match(second.body.detail, /already has a seller page/);

      const racer = await createTestUser(api, 'seller');
      const answers = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          api.request('POST', '/v1/sellers', { token: racer.token, body: { name: `Racer ${i}` } }),
        ),
      );
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409]);
      const { rows } = await api.deps.postgres.query(
        'SELECT count(*)::int AS n FROM sellers WHERE owner_id = $1',
        [racer.id],
      );
      assert.equal(rows[0].n, 1);
    });

    it('lets an admin open a page for a seller account or an admin-managed one', async () => {
      const owner = await createTestUser(api, 'seller');
      const forOwner = await api.request('POST', '/v1/sellers', {
        token: admin.token,
        body: { name: 'Opened by staff', ownerId: owner.id },
      });
      assert.equal(forOwner.status, 201, JSON.stringify(forOwner.body));
      assert.equal((await outboxRows(api, forOwner.body.id))[0]!.payload.changedBy, admin.id);
      assertProblem(
        await api.request('POST', '/v1/sellers', { token: owner.token, body: { name: 'Mine too' } }),
        409,
        'CONFLICT',
      );
      const managed = await api.request('POST', '/v1/sellers', {
        token: admin.token,
        body: { name: 'House brand' },
      });
      assert.equal(managed.status, 201);
      assert.equal(managed.body.region, null);
      const { rows } = await api.deps.postgres.query('SELECT owner_id FROM sellers WHERE id = $1', [
        managed.body.id,
      ]);
      assert.equal(rows[0].owner_id, null);
      assertProblem(
        await api.request('POST', '/v1/sellers', {
          token: admin.token,
          body: { name: 'x', ownerId: shopper.id },
        }),
        400,
        'VALIDATION_FAILED',
        'body.ownerId',
      );
      assertProblem(
        await api.request('POST', '/v1/sellers', {
          token: admin.token,
          body: { name: 'x', ownerId: randomUUID() },
        }),
        400,
        'VALIDATION_FAILED',
        'body.ownerId',
      );
    });

    it('refuses each invalid field, and callers that are not sellers or admins', async () => {
      const seller = await createTestUser(api, 'seller');
      // `null` for no token: a default parameter would fill in an undefined one.
      const create = (body: unknown, token: string | null = seller.token) =>
        api.request('POST', '/v1/sellers', { token: token ?? undefined, body });
      assertProblem(await create({}), 400, 'VALIDATION_FAILED', 'body.name');
      assertProblem(await create({ name: '' }), 400, 'VALIDATION_FAILED', 'body.name');
      assertProblem(await create({ name: '   ' }), 400, 'VALIDATION_FAILED', 'body.name');
      assertProblem(await create({ name: 'x'.repeat(201) }), 400, 'VALIDATION_FAILED', 'body.name');
      assertProblem(await create({ name: 42 }), 400, 'VALIDATION_FAILED', 'body.name');
      assertProblem(
        await create({ name: 'ok', region: 'x'.repeat(101) }),
        400,
        'VALIDATION_FAILED',
        'body.region',
      );
      assertProblem(await create({ name: 'ok', rating: 5 }), 400, 'VALIDATION_FAILED', 'body');
      assertProblem(await create({ name: 'ok', ownerId: randomUUID() }), 403, 'FORBIDDEN');
      assertProblem(await create({ name: 'ok' }, null), 401, 'UNAUTHENTICATED');
      assertProblem(await create({ name: 'ok' }, await expiredToken(api, seller)), 401, 'UNAUTHENTICATED');
      assertProblem(await create({ name: 'ok' }, shopper.token), 403, 'FORBIDDEN');
      const { rows } = await api.deps.postgres.query('SELECT 1 FROM sellers WHERE owner_id = $1', [
        seller.id,
      ]);
      assert.equal(rows.length, 0, 'nothing was created');
    });
  });

  describe('PATCH /v1/sellers/{id}', () => {
    it('changes the page, grows the version by one and enqueues SellerChanged UPDATED', async () => {
      const { user, sellerId } = await createSellerAccount(api, { name: 'Before', region: 'Kazan' });
      const renamed = await api.request('PATCH', `/v1/sellers/${sellerId}`, {
        token: user.token,
        body: { name: 'After' },
      });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.name, 'After');
      assert.equal(renamed.body.region, 'Kazan', 'fields not named stay');
      assert.equal(renamed.body.version, 2);
      const cleared = await api.request('PATCH', `/v1/sellers/${sellerId}`, {
        token: admin.token,
        body: { region: null },
      });
      assert.equal(cleared.status, 200, 'an admin may change any page');
      assert.equal(cleared.body.region, null);
      assert.equal(cleared.body.version, 3);

      const events = await outboxRows(api, sellerId);
      assert.deepEqual(
        events.map((e) => [e.entity_version, e.payload.type, e.payload.seller.name, e.payload.seller.region]),
        [
          ['1', 'CREATED', 'Before', 'Kazan'],
          ['2', 'UPDATED', 'After', 'Kazan'],
          ['3', 'UPDATED', 'After', null],
        ],
      );
      assert.equal(events[2]!.xmin, await rowTransaction(api, 'sellers', sellerId));
      assert.equal(events[2]!.payload.changedBy, admin.id);
    });

    it('refuses invalid changes, strangers and unknown pages', async () => {
      const { user, sellerId } = await createSellerAccount(api);
      const { user: other } = await createSellerAccount(api);
      const patch = (token: string | undefined, body: unknown, id = sellerId) =>
        api.request('PATCH', `/v1/sellers/${id}`, { token, body });
      assertProblem(await patch(user.token, {}), 400, 'VALIDATION_FAILED');
      assertProblem(await patch(user.token, { name: ' ' }), 400, 'VALIDATION_FAILED', 'body.name');
      assertProblem(await patch(user.token, { name: null }), 400, 'VALIDATION_FAILED', 'body.name');
      assertProblem(
        await patch(user.token, { region: 'x'.repeat(101) }),
        400,
        'VALIDATION_FAILED',
        'body.region',
      );
      assertProblem(await patch(undefined, { name: 'x' }), 401, 'UNAUTHENTICATED');
      assertProblem(await patch(await expiredToken(api, user), { name: 'x' }), 401, 'UNAUTHENTICATED');
      assertProblem(await patch(shopper.token, { name: 'x' }), 403, 'FORBIDDEN');
      assertProblem(await patch(other.token, { name: 'x' }), 403, 'FORBIDDEN');
      assertProblem(await patch(user.token, { name: 'x' }, randomUUID()), 404, 'NOT_FOUND');
      assertProblem(await patch(user.token, { name: 'x' }, 'nope'), 400, 'VALIDATION_FAILED', 'param.id');
      assert.equal((await outboxRows(api, sellerId)).length, 1, 'no refused change left an event');
    });
  });

  describe('GET /v1/sellers/{id}', () => {
    it('shows the seller and their live items newest first, page by page', async () => {
      const { user, sellerId } = await createSellerAccount(api, { name: 'Paged shop', region: 'Omsk' });
      const created = [];
      for (let i = 0; i < 5; i += 1) created.push(await createItem(api, user.token, { title: `Item ${i}` }));
      assert.equal(
        (await api.request('DELETE', `/v1/items/${created[2].id}`, { token: user.token })).status,
        204,
      );
      // One card missing from the cache: the page still shows it (from Postgres).
      await catalogue.redis.del(api.deps.keys.itemCard(created[4].id));
      await catalogue.redis.hdel(api.deps.keys.itemCardVersions, created[4].id);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor === null ? 'limit=2' : `limit=2&cursor=${encodeURIComponent(cursor)}`;
        const response = await api.request('GET', `/v1/sellers/${sellerId}?${query}`);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        assert.equal(response.body.name, 'Paged shop');
        assert.equal(response.body.region, 'Omsk');
        assert.equal(response.body.rating, null);
        assert.equal(response.body.version, 1);
        assert.ok(response.body.items.length <= 2);
        for (const tile of response.body.items) {
          assert.equal(tile.seller.id, sellerId);
          assert.equal(tile.seller.name, 'Paged shop');
          seen.push(tile.id);
        }
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 10);
      assert.deepEqual(seen, [created[4].id, created[3].id, created[1].id, created[0].id]);
      assert.equal(pages, 2);
      assert.equal(
        (await api.request('GET', `/v1/sellers/${sellerId}`)).body.items[0].title,
        'Item 4',
        'the default page',
      );
    });

    it('refuses bad parameters and answers 404 for an unknown seller', async () => {
      const { sellerId } = await createSellerAccount(api);
      for (const limit of ['0', '51', 'many']) {
        assertProblem(
          await api.request('GET', `/v1/sellers/${sellerId}?limit=${limit}`),
          400,
          'VALIDATION_FAILED',
          'query.limit',
        );
      }
      assertProblem(
        await api.request('GET', `/v1/sellers/${sellerId}?cursor=not-a-cursor`),
        400,
        'VALIDATION_FAILED',
        'query.cursor',
      );
      assertProblem(await api.request('GET', `/v1/sellers/${randomUUID()}`), 404, 'NOT_FOUND');
      assertProblem(await api.request('GET', '/v1/sellers/nope'), 400, 'VALIDATION_FAILED', 'param.id');
    });
  });
});
