/**
 * The reviews endpoints on the real stack. Writes: the comments row and its outbox event in one
 * transaction (topic, key, version, payload, trace). Reads: reviews written into a private
 * namespace through the real search and Redis sinks, paged newest first without gaps.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  assertProblem,
  createTestUser,
  expiredToken,
  startTestApi,
  type TestApi,
  type TestResponse,
  type TestUser,
} from '../../support/api.ts';
import { uniqueName } from '../../support/index.ts';
import { outboxRows, type OutboxRow } from '../../support/catalogue-fixtures.ts';
import { createTestItem, ReviewStores, scoredReview } from '../../support/review-fixtures.ts';

/** The fields named in a 400's `errors`, without the request part in front (`body.`, `query.`). */
function invalidFields(response: TestResponse): string[] {
  return (response.body.errors as { path: string }[]).map((e) => e.path.split('.').slice(1).join('.'));
}

function assertEvent(
  row: OutboxRow,
  expected: { type: string; reviewId: string; version: number; changedBy: string; comment: object },
): void {
  assert.equal(row.topic, 'shop.comments');
  assert.equal(row.entity_key, expected.reviewId);
  assert.equal(Number(row.entity_version), expected.version);
  assert.equal(row.payload.type, expected.type);
  assert.equal(row.payload.version, expected.version);
  assert.equal(row.payload.changedBy, expected.changedBy);
  assert.deepEqual(row.payload.comment, expected.comment);
  assert.match(row.payload.eventId, /^[0-9a-f-]{36}$/);
  assert.equal(typeof row.payload.occurredAt, 'number');
}

/** The id of the transaction that last wrote the review's row. */
async function rowTransaction(api: TestApi, reviewId: string): Promise<string> {
  const { rows } = await api.deps.postgres.query('SELECT xmin::text AS xmin FROM comments WHERE id = $1', [
    reviewId,
  ]);
  return rows[0].xmin;
}

describe('Reviews API', () => {
  const stores = new ReviewStores(uniqueName('reviews'));
  let api: TestApi;
  let shopper: TestUser;
  let otherShopper: TestUser;
  let seller: TestUser;
  let admin: TestUser;

  before(async () => {
    api = await startTestApi(stores.environment());
    [shopper, otherShopper, seller, admin] = await Promise.all([
      createTestUser(api, 'shopper'),
      createTestUser(api, 'shopper'),
      createTestUser(api, 'seller'),
      createTestUser(api, 'admin'),
    ]);
  });

  after(async () => {
    await api?.stop();
    await stores.remove();
  });

  const post = (itemId: string, body: unknown, token?: string) =>
    api.request('POST', `/v1/items/${itemId}/reviews`, { body, token });

  describe('POST /v1/items/{id}/reviews', () => {
    it('stores the review and its CREATED event in one transaction, continuing the trace', async () => {
      const { itemId } = await createTestItem(api);
      const response = await post(
        itemId,
        { text: 'Отличный чайник, кипятит быстро', rating: 5 },
        shopper.token,
      );
      assert.equal(response.status, 201, JSON.stringify(response.body));
      const review = response.body;
      assert.deepEqual(review, {
        id: review.id,
        itemId,
        authorId: shopper.id,
        text: 'Отличный чайник, кипятит быстро',
        rating: 5,
        sentiment: null,
        createdAt: review.createdAt,
        updatedAt: review.createdAt,
      });
      const { rows } = await api.deps.postgres.query(
        'SELECT item_id, author_id, text, rating, version, deleted_at FROM comments WHERE id = $1',
        [review.id],
      );
      assert.deepEqual(rows[0], {
        item_id: itemId,
        author_id: shopper.id,
        text: 'Отличный чайник, кипятит быстро',
        rating: 5,
        version: '1',
        deleted_at: null,
      });
      const events = await outboxRows(api, review.id);
      assert.equal(events.length, 1);
      assertEvent(events[0]!, {
        type: 'CREATED',
        reviewId: review.id,
        version: 1,
        changedBy: shopper.id,
        comment: {
          id: review.id,
          itemId,
          authorId: shopper.id,
          text: 'Отличный чайник, кипятит быстро',
          rating: 5,
        },
      });
      assert.equal(events[0]!.payload.occurredAt, Date.parse(review.createdAt));
      assert.equal(events[0]!.xmin, await rowTransaction(api, review.id), 'written by the same transaction');
      const traceId = response.headers.get('traceparent')!.split('-')[1];
      assert.equal(events[0]!.traceparent?.split('-')[1], traceId);
    });

    it('allows one live review per shopper per item (409), and a new one after a delete', async () => {
      const { itemId } = await createTestItem(api);
      const first = await post(itemId, { text: 'Первый отзыв', rating: 4 }, otherShopper.token);
      assert.equal(first.status, 201);
      const second = await post(itemId, { text: 'Второй отзыв', rating: 2 }, otherShopper.token);
      assertProblem(second, 409, 'CONFLICT');
      assert.match(second.body.detail, /already reviewed/);
      // No half-written second review: no row, no event.
      const { rows } = await api.deps.postgres.query(
        'SELECT count(*)::int AS n FROM comments WHERE item_id = $1 AND author_id = $2',
        [itemId, otherShopper.id],
      );
      assert.equal(rows[0].n, 1);
      // Another shopper may review the same item.
      assert.equal((await post(itemId, { text: 'Мой отзыв', rating: 3 }, shopper.token)).status, 201);
      const removed = await api.request('DELETE', `/v1/reviews/${first.body.id}`, {
        token: otherShopper.token,
      });
      assert.equal(removed.status, 204);
      assert.equal((await post(itemId, { text: 'Передумал', rating: 5 }, otherShopper.token)).status, 201);
    });

    it('lets an admin review', async () => {
      const { itemId } = await createTestItem(api);
      const response = await post(itemId, { text: 'Checked by staff', rating: 3 }, admin.token);
      assert.equal(response.status, 201);
      assert.equal(response.body.authorId, admin.id);
    });

    it('refuses sellers (403), anonymous callers and expired tokens (401)', async () => {
      const { itemId } = await createTestItem(api);
      const body = { text: 'Хороший товар', rating: 5 };
      const bySeller = await post(itemId, body, seller.token);
      assertProblem(bySeller, 403, 'FORBIDDEN');
      assert.match(bySeller.body.detail, /shopper or admin/);
      assertProblem(await post(itemId, body), 401, 'UNAUTHENTICATED');
      assertProblem(await post(itemId, body, await expiredToken(api, shopper)), 401, 'UNAUTHENTICATED');
      assertProblem(await post(itemId, body, 'garbage'), 401, 'UNAUTHENTICATED');
      assert.equal((await outboxRows(api, itemId)).length, 0);
    });

    it('answers 404 for an unknown or deleted item, 400 for an id that is not a UUID', async () => {
      const body = { text: 'Хороший товар', rating: 5 };
      assertProblem(await post(randomUUID(), body, shopper.token), 404, 'NOT_FOUND');
      const { itemId } = await createTestItem(api, { deleted: true });
      assertProblem(await post(itemId, body, shopper.token), 404, 'NOT_FOUND');
      const notUuid = await post('not-a-uuid', body, shopper.token);
      assertProblem(notUuid, 400, 'VALIDATION_FAILED');
      assert.deepEqual(invalidFields(notUuid), ['id']);
    });

    it('lists each invalid field', async () => {
      const { itemId } = await createTestItem(api);
      const cases: [unknown, string[]][] = [
        [{ rating: 5 }, ['text']],
        [{ text: '', rating: 5 }, ['text']],
        [{ text: '   \n ', rating: 5 }, ['text']],
        [{ text: 'x'.repeat(5001), rating: 5 }, ['text']],
        [{ text: 42, rating: 5 }, ['text']],
        [{ text: 'ok' }, ['rating']],
        [{ text: 'ok', rating: 0 }, ['rating']],
        [{ text: 'ok', rating: 6 }, ['rating']],
        [{ text: 'ok', rating: 4.5 }, ['rating']],
        [{ text: 'ok', rating: '5' }, ['rating']],
        [{}, ['rating', 'text']],
      ];
      for (const [body, fields] of cases) {
        const response = await post(itemId, body, shopper.token);
        assertProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(invalidFields(response).sort(), fields, JSON.stringify(body));
      }
      assert.equal((await post(itemId, { text: 'x'.repeat(5000), rating: 1 }, shopper.token)).status, 201);
    });
  });

  describe('PATCH and DELETE /v1/reviews/{id}', () => {
    async function reviewBy(user: TestUser, text = 'Нормально'): Promise<{ id: string; itemId: string }> {
      const { itemId } = await createTestItem(api);
      const response = await post(itemId, { text, rating: 3 }, user.token);
      assert.equal(response.status, 201);
      return { id: response.body.id, itemId };
    }
    const patch = (id: string, body: unknown, token?: string) =>
      api.request('PATCH', `/v1/reviews/${id}`, { body, token });
    const remove = (id: string, token?: string) => api.request('DELETE', `/v1/reviews/${id}`, { token });

    it('lets the author edit: the new state, version + 1, an UPDATED event with the whole review', async () => {
      const { id, itemId } = await reviewBy(shopper);
      const edited = await patch(id, { text: 'Стало лучше после обновления' }, shopper.token);
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(edited.body.text, 'Стало лучше после обновления');
      assert.equal(edited.body.rating, 3);
      assert.ok(Date.parse(edited.body.updatedAt) >= Date.parse(edited.body.createdAt));
      const rated = await patch(id, { rating: 5 }, shopper.token);
      assert.equal(rated.body.rating, 5);
      assert.equal(rated.body.text, 'Стало лучше после обновления');
      const events = await outboxRows(api, id);
      assert.deepEqual(
        events.map((e) => [e.payload.type, Number(e.entity_version)]),
        [
          ['CREATED', 1],
          ['UPDATED', 2],
          ['UPDATED', 3],
        ],
      );
      assertEvent(events[2]!, {
        type: 'UPDATED',
        reviewId: id,
        version: 3,
        changedBy: shopper.id,
        comment: { id, itemId, authorId: shopper.id, text: 'Стало лучше после обновления', rating: 5 },
      });
      assert.equal(events[2]!.payload.occurredAt, Date.parse(rated.body.updatedAt));
      assert.equal(events[2]!.xmin, await rowTransaction(api, id), 'written by the same transaction');
    });

    it('lets an admin edit and delete someone else’s review, recorded as the admin’s change', async () => {
      const { id } = await reviewBy(otherShopper);
      const edited = await patch(id, { text: 'Удалено модератором: реклама' }, admin.token);
      assert.equal(edited.status, 200);
      assert.equal(edited.body.authorId, otherShopper.id);
      assert.equal(await remove(id, admin.token).then((r) => r.status), 204);
      const events = await outboxRows(api, id);
      assert.deepEqual(
        events.map((e) => e.payload.changedBy),
        [otherShopper.id, admin.id, admin.id],
      );
    });

    it('refuses someone else’s review, sellers, anonymous callers and expired tokens', async () => {
      const { id } = await reviewBy(shopper);
      for (const response of [
        await patch(id, { rating: 1 }, otherShopper.token),
        await remove(id, otherShopper.token),
      ]) {
        assertProblem(response, 403, 'FORBIDDEN');
        assert.match(response.body.detail, /belongs to someone else/);
      }
      assertProblem(await patch(id, { rating: 1 }, seller.token), 403, 'FORBIDDEN');
      assertProblem(await remove(id, seller.token), 403, 'FORBIDDEN');
      assertProblem(await patch(id, { rating: 1 }), 401, 'UNAUTHENTICATED');
      assertProblem(await remove(id), 401, 'UNAUTHENTICATED');
      const expired = await expiredToken(api, shopper);
      assertProblem(await patch(id, { rating: 1 }, expired), 401, 'UNAUTHENTICATED');
      assertProblem(await remove(id, expired), 401, 'UNAUTHENTICATED');
      // Nothing changed.
      assert.equal((await outboxRows(api, id)).length, 1);
    });

    it('lists each invalid field of an edit', async () => {
      const { id } = await reviewBy(shopper);
      const cases: [unknown, string[]][] = [
        [{}, ['']],
        [{ text: '' }, ['text']],
        [{ text: 'x'.repeat(5001) }, ['text']],
        [{ rating: 0 }, ['rating']],
        [{ rating: 2.5 }, ['rating']],
        [{ text: ' ', rating: 9 }, ['rating', 'text']],
      ];
      for (const [body, fields] of cases) {
        const response = await patch(id, body, shopper.token);
        assertProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(invalidFields(response).sort(), fields, JSON.stringify(body));
      }
      assertProblem(await patch('nope', { rating: 1 }, shopper.token), 400, 'VALIDATION_FAILED');
      assertProblem(await remove('nope', shopper.token), 400, 'VALIDATION_FAILED');
    });

    it('deletes once: a DELETED event with version + 1; a second delete or an edit is 404', async () => {
      const { id, itemId } = await reviewBy(shopper, 'Удалю позже');
      const deleted = await remove(id, shopper.token);
      assert.equal(deleted.status, 204);
      assert.equal(deleted.body, null);
      const events = await outboxRows(api, id);
      assert.equal(events.length, 2);
      assertEvent(events[1]!, {
        type: 'DELETED',
        reviewId: id,
        version: 2,
        changedBy: shopper.id,
        comment: { id, itemId, authorId: shopper.id, text: 'Удалю позже', rating: 3 },
      });
      const { rows } = await api.deps.postgres.query('SELECT deleted_at FROM comments WHERE id = $1', [id]);
      assert.equal(events[1]!.payload.occurredAt, rows[0].deleted_at.getTime());
      assert.equal(events[1]!.xmin, await rowTransaction(api, id), 'written by the same transaction');
      assertProblem(await remove(id, shopper.token), 404, 'NOT_FOUND');
      assertProblem(await patch(id, { rating: 1 }, shopper.token), 404, 'NOT_FOUND');
      assertProblem(await remove(randomUUID(), shopper.token), 404, 'NOT_FOUND');
      assert.equal((await outboxRows(api, id)).length, 2);
    });
  });

  describe('GET /v1/items/{id}/reviews', () => {
    const T = Date.UTC(2026, 0, 15, 9, 0, 0);

    it('pages newest first without gaps, with the summary from Redis and createdAt from Postgres', async () => {
      const { itemId } = await createTestItem(api);
      const other = await createTestItem(api);
      // Seven reviews; two share a time (the id breaks the tie), one is edited, one deleted.
      const reviews = [0, 1, 2, 3, 3, 5, 6].map((minute, i) =>
        scoredReview({
          itemId,
          occurredAt: T + minute * 60_000,
          rating: 1 + (i % 5),
          label: (['POSITIVE', 'NEUTRAL', 'NEGATIVE'] as const)[i % 3],
          score: [0.6, 0, -0.6][i % 3],
        }),
      );
      const gone = scoredReview({ itemId, occurredAt: T + 7 * 60_000, rating: 1 });
      await stores.write([
        ...reviews,
        gone,
        scoredReview({ itemId: other.itemId, occurredAt: T + 9 * 60_000 }),
        { ...gone, deleted: true, version: 2, occurredAt: T + 8 * 60_000 },
      ]);
      // One of them exists in Postgres (as every real one does): its createdAt comes from there.
      const author = await createTestUser(api, 'shopper');
      const stored = reviews[2]!;
      await api.deps.postgres.query(
        `INSERT INTO comments (id, item_id, author_id, text, rating, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          stored.comment.id,
          itemId,
          author.id,
          stored.comment.text,
          stored.comment.rating,
          new Date(T - 3_600_000),
        ],
      );

      const expected = [...reviews]
        .sort((a, b) => b.occurredAt - a.occurredAt || (a.comment.id < b.comment.id ? 1 : -1))
        .map((r) => r.comment.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `limit=3&cursor=${cursor}` : 'limit=3';
        const page = await api.request('GET', `/v1/items/${itemId}/reviews?${query}`);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        assert.ok(page.body.reviews.length <= 3);
        seen.push(...page.body.reviews.map((r: { id: string }) => r.id));
        cursor = page.body.nextCursor;
        pages += 1;
        if (pages === 1) {
          assert.deepEqual(page.body.summary, {
            rating: { average: 2.5714, count: 7 }, // ratings 1..5, 1, 2
            sentiment: { positive: 3, neutral: 2, negative: 2, meanScore: 0.0857 },
          });
        }
      } while (cursor && pages < 10);
      assert.equal(pages, 3);
      assert.deepEqual(seen, expected);

      const all = await api.request('GET', `/v1/items/${itemId}/reviews`);
      assert.equal(all.body.nextCursor, null);
      const first = all.body.reviews[0];
      const newest = reviews[6]!;
      assert.deepEqual(first, {
        id: newest.comment.id,
        itemId,
        authorId: newest.comment.authorId,
        text: newest.comment.text,
        rating: newest.comment.rating,
        sentiment: { label: newest.sentiment.label, score: newest.sentiment.score },
        createdAt: new Date(newest.occurredAt).toISOString(),
        updatedAt: new Date(newest.occurredAt).toISOString(),
      });
      const fromPostgres = all.body.reviews.find((r: { id: string }) => r.id === stored.comment.id);
      assert.equal(fromPostgres.createdAt, new Date(T - 3_600_000).toISOString());
      assert.equal(fromPostgres.updatedAt, new Date(stored.occurredAt).toISOString());
    });

    it('keeps its place when a newer review arrives between pages', async () => {
      const { itemId } = await createTestItem(api);
      const reviews = [1, 2, 3, 4].map((minute) => scoredReview({ itemId, occurredAt: T + minute * 60_000 }));
      await stores.write(reviews);
      const first = await api.request('GET', `/v1/items/${itemId}/reviews?limit=2`);
      await stores.write([scoredReview({ itemId, occurredAt: T + 10 * 60_000 })]);
      const second = await api.request(
        'GET',
        `/v1/items/${itemId}/reviews?limit=2&cursor=${first.body.nextCursor}`,
      );
      assert.deepEqual(
        [...first.body.reviews, ...second.body.reviews].map((r: { id: string }) => r.id),
        [...reviews].reverse().map((r) => r.comment.id),
      );
      assert.equal(second.body.nextCursor, null);
    });

    it('answers an item without reviews with an empty page and null summaries', async () => {
      const { itemId } = await createTestItem(api);
      const response = await api.request('GET', `/v1/items/${itemId}/reviews`);
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, {
        reviews: [],
        summary: { rating: null, sentiment: null },
        nextCursor: null,
      });
    });

    it('answers an empty page when the comments index does not exist yet', async () => {
      const fresh = await startTestApi({ SEARCH_INDEX_PREFIX: uniqueName('noreviews') });
      try {
        const { itemId } = await createTestItem(fresh);
        const response = await fresh.request('GET', `/v1/items/${itemId}/reviews`);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        assert.deepEqual(response.body.reviews, []);
        assert.equal(response.body.nextCursor, null);
      } finally {
        await fresh.stop();
      }
    });

    it('answers 404 for an unknown or deleted item', async () => {
      assertProblem(await api.request('GET', `/v1/items/${randomUUID()}/reviews`), 404, 'NOT_FOUND');
      const { itemId } = await createTestItem(api, { deleted: true });
      assertProblem(await api.request('GET', `/v1/items/${itemId}/reviews`), 404, 'NOT_FOUND');
    });

    it('lists each invalid parameter', async () => {
      const { itemId } = await createTestItem(api);
      const cases: [string, string[]][] = [
        [`/v1/items/not-a-uuid/reviews`, ['id']],
        [`/v1/items/${itemId}/reviews?limit=0`, ['limit']],
        [`/v1/items/${itemId}/reviews?limit=101`, ['limit']],
        [`/v1/items/${itemId}/reviews?limit=abc`, ['limit']],
        [`/v1/items/${itemId}/reviews?limit=2.5`, ['limit']],
        [`/v1/items/${itemId}/reviews?cursor=garbage`, ['cursor']],
        [`/v1/items/${itemId}/reviews?cursor=${'x'.repeat(201)}`, ['cursor']],
      ];
      for (const [path, fields] of cases) {
        const response = await api.request('GET', path);
        assertProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(invalidFields(response), fields, path);
      }
      const badCursor = await api.request('GET', `/v1/items/${itemId}/reviews?cursor=garbage`);
      assert.deepEqual(badCursor.body.errors, [
        { path: 'query.cursor', message: 'is not a cursor this API returned' },
      ]);
    });
  });

  it('documents every reviews endpoint in the OpenAPI document', async () => {
    const doc = await api.request('GET', '/openapi.json');
    const paths = doc.body.paths;
    assert.ok(paths['/v1/items/{id}/reviews'].get);
    assert.deepEqual(paths['/v1/items/{id}/reviews'].post.security, [{ bearerAuth: [] }]);
    assert.ok(paths['/v1/reviews/{id}'].patch.responses['403']);
    assert.ok(paths['/v1/reviews/{id}'].delete.responses['404']);
    assert.ok(doc.body.components.schemas.ReviewPage);
  });
});
