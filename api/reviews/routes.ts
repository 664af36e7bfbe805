/**
 * The reviews endpoints: an item's reviews with its rating and sentiment summary (read from the
 * search engine and Redis, where the pipeline puts them), and a shopper's own review writes
 * (Postgres and the outbox, in one transaction).
 */
import { createRoute } from '@hono/zod-openapi';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { requireRole } from '../auth/middleware.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter } from '../http/env.ts';
import { bearerAuth, IdParam, jsonBody, problems } from '../http/schemas.ts';
import { withPostgres } from '../http/postgres-errors.ts';
import { writeContext } from '../http/write-context.ts';
import { decodeCursor, listReviews } from './review-list.ts';
import { createReview, deleteReview, updateReview } from './review-writes.ts';
import {
  CreateReviewBody,
  ReviewListQuery,
  ReviewPageSchema,
  ReviewSchema,
  UpdateReviewBody,
} from './schemas.ts';
import { readReviewSummaries } from './summaries.ts';

const tags = ['Reviews'];
const reviewResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ReviewSchema } },
});
/** Shoppers review; admins may do anything; sellers may not review (403). */
const reviewers = requireRole('shopper', 'admin');

const listRoute = createRoute({
  method: 'get',
  path: '/items/{id}/reviews',
  tags,
  summary: "An item's reviews, newest first, with its rating and sentiment summary",
  description:
    'Keyset-paginated: pass `nextCursor` as `cursor` for the next page. Reviews appear about a second after they are written, with their sentiment; the summary counts live reviews.',
  request: { params: IdParam, query: ReviewListQuery },
  responses: {
    200: { description: 'A page of reviews', content: { 'application/json': { schema: ReviewPageSchema } } },
    ...problems(400, 404, 503),
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/items/{id}/reviews',
  tags,
  summary: 'Review an item (one live review per shopper per item)',
  security: bearerAuth,
  middleware: [reviewers] as const,
  request: { params: IdParam, body: jsonBody(CreateReviewBody) },
  responses: {
    201: reviewResponse('The review as stored'),
    ...problems(400, 401, 403, 404, 409, 503),
  },
});

const updateRouteDef = createRoute({
  method: 'patch',
  path: '/reviews/{id}',
  tags,
  summary: 'Change your review (its author, or an admin)',
  security: bearerAuth,
  middleware: [reviewers] as const,
  request: { params: IdParam, body: jsonBody(UpdateReviewBody) },
  responses: {
    200: reviewResponse('The review as stored'),
    ...problems(400, 401, 403, 404, 503),
  },
});

const deleteRouteDef = createRoute({
  method: 'delete',
  path: '/reviews/{id}',
  tags,
  summary: 'Delete your review (its author, or an admin)',
  security: bearerAuth,
  middleware: [reviewers] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404, 503) },
});

export function reviewRoutes(deps: ApiDependencies) {
  const router = newRouter();
  const source = {
    search: deps.search,
    index: deps.indices.comments,
    searchUrl: deps.config.search.url,
    postgres: deps.postgres,
  };

  async function assertItemExists(itemId: string): Promise<void> {
    const { rowCount } = await withPostgres('looking up the item', () =>
      deps.postgres.query('SELECT 1 FROM items WHERE id = $1 AND deleted_at IS NULL', [itemId]),
    );
    if (!rowCount) throw new PlatformError(ErrorCodes.NOT_FOUND, `No item ${itemId}`, { itemId });
  }

  router.openapi(listRoute, async function listItemReviews(c) {
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    // The three stores answer in parallel; an unknown item still answers 404.
    const [, page, summary] = await Promise.all([
      assertItemExists(id),
      listReviews(source, id, limit, after),
      readReviewSummaries(deps.redis, deps.keys, id),
    ]);
    return c.json({ reviews: page.reviews, summary, nextCursor: page.nextCursor }, 200);
  });

  router.openapi(createRouteDef, async function createItemReview(c) {
    const { id } = c.req.valid('param');
    const context = writeContext(c);
    const review = await createReview(deps.postgres, context, id, c.req.valid('json'));
    context.log.info({ reviewId: review.id, itemId: id }, 'review created');
    return c.json(review, 201);
  });

  router.openapi(updateRouteDef, async function updateItemReview(c) {
    const { id } = c.req.valid('param');
    const review = await updateReview(deps.postgres, writeContext(c), id, c.req.valid('json'));
    return c.json(review, 200);
  });

  router.openapi(deleteRouteDef, async function deleteItemReview(c) {
    const { id } = c.req.valid('param');
    await deleteReview(deps.postgres, writeContext(c), id);
    return c.body(null, 204);
  });

  return router;
}
