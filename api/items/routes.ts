/**
 * The items endpoints: item pages, tiles by id and trending items from the Redis cache (with a
 * Postgres fallback that refills it); item and image writes through Postgres and the outbox.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { requireRole } from '../auth/middleware.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter } from '../http/env.ts';
import { bearerAuth, IdParam, jsonBody, jsonContent, problems } from '../http/schemas.ts';
import { ItemImages, MAX_IMAGES_PER_ITEM } from './images.ts';
import { CatalogueRules } from './item-cards.ts';
import { ItemReader } from './item-reads.ts';
import { ItemWriter } from './item-writes.ts';
import { writeContext } from '../http/write-context.ts';
import {
  CreateItemBody,
  ImageParams,
  ItemRecordSchema,
  ItemSchema,
  ItemsQuery,
  ItemsSchema,
  PatchItemBody,
  TrendingQuery,
  TrendingSchema,
  UploadedImageSchema,
} from './schemas.ts';

const tags = ['Items'];
const CacheHeader = z.object({
  'X-Cache': z.enum(['hit', 'miss']).openapi({
    description: 'hit: served from the Redis cache; miss: read from Postgres (and the cache refilled)',
  }),
});

const getItemRoute = createRoute({
  method: 'get',
  path: '/items/{id}',
  tags,
  summary: 'An item page: the item, its rating and sentiment summaries and its views',
  description:
    'Served from the item card in Redis with its summaries in one round trip. On a cache miss the item is read ' +
    'from Postgres, normalised by the pipeline’s own rules, and written back to the cache unless a newer card is there.',
  request: { params: IdParam },
  responses: {
    200: { description: 'The item', headers: CacheHeader, content: jsonContent(ItemSchema) },
    ...problems(400, 404, 503),
  },
});

const getItemsRoute = createRoute({
  method: 'get',
  path: '/items',
  tags,
  summary: 'Items by id, in the order asked',
  description: 'Tiles of up to 100 items; ids of no live item are listed in `missing`.',
  request: { query: ItemsQuery },
  responses: {
    200: { description: 'The items', headers: CacheHeader, content: jsonContent(ItemsSchema) },
    ...problems(400, 503),
  },
});

const trendingRoute = createRoute({
  method: 'get',
  path: '/trending',
  tags,
  summary: 'Trending items: the most viewed lately, hottest first',
  description: 'Ranked by forward-decayed page views (recent views weigh more); deleted items are skipped.',
  request: { query: TrendingQuery },
  responses: {
    200: { description: 'The trending items', content: jsonContent(TrendingSchema) },
    ...problems(400, 503),
  },
});

const writeProblems = problems(400, 401, 403, 404, 503);

const createItemRoute = createRoute({
  method: 'post',
  path: '/items',
  tags,
  summary: 'List a new item',
  description:
    'A seller lists on their own seller page (409 while they have none); an admin names the page with `sellerId`. ' +
    'The item reaches search and the cache through the pipeline within seconds.',
  security: bearerAuth,
  middleware: [requireRole('seller', 'admin')] as const,
  request: { body: jsonBody(CreateItemBody) },
  responses: {
    201: { description: 'The item as stored', content: jsonContent(ItemRecordSchema) },
    ...problems(400, 401, 403, 409, 413, 503),
  },
});

const patchItemRoute = createRoute({
  method: 'patch',
  path: '/items/{id}',
  tags,
  summary: 'Change an item (its seller or an admin)',
  security: bearerAuth,
  middleware: [requireRole('seller', 'admin')] as const,
  request: { params: IdParam, body: jsonBody(PatchItemBody) },
  responses: {
    200: { description: 'The item as stored', content: jsonContent(ItemRecordSchema) },
    ...writeProblems,
    ...problems(413),
  },
});

const deleteItemRoute = createRoute({
  method: 'delete',
  path: '/items/{id}',
  tags,
  summary: 'Delete an item and its images (its seller or an admin)',
  security: bearerAuth,
  middleware: [requireRole('seller', 'admin')] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...writeProblems },
});

const imageBody = { schema: z.string().openapi({ type: 'string', format: 'binary' }) };

const uploadImageRoute = createRoute({
  method: 'post',
  path: '/items/{id}/images',
  tags,
  summary: 'Add an image to an item (its seller or an admin)',
  description:
    'The body is the image itself: JPEG, PNG or WebP, its bytes matching its Content-Type, at most ' +
    `API_IMAGE_MAX_BYTES (5 MiB by default). It becomes the item’s last image; an item holds at most ${MAX_IMAGES_PER_ITEM}.`,
  security: bearerAuth,
  middleware: [requireRole('seller', 'admin')] as const,
  request: {
    params: IdParam,
    body: {
      content: { 'image/jpeg': imageBody, 'image/png': imageBody, 'image/webp': imageBody },
      required: true,
    },
  },
  responses: {
    201: { description: 'Stored', content: jsonContent(UploadedImageSchema) },
    ...writeProblems,
    ...problems(409, 413, 415),
  },
});

const deleteImageRoute = createRoute({
  method: 'delete',
  path: '/items/{id}/images/{position}',
  tags,
  summary: 'Remove an image of an item (its seller or an admin)',
  security: bearerAuth,
  middleware: [requireRole('seller', 'admin')] as const,
  request: { params: ImageParams },
  responses: { 204: { description: 'Removed' }, ...writeProblems },
});

export function itemRoutes(deps: ApiDependencies) {
  const rules = new CatalogueRules(deps.config);
  const reader = new ItemReader(deps, rules);
  const writer = new ItemWriter(deps, rules);
  const images = new ItemImages(deps, rules);
  const router = newRouter();

  router.openapi(getItemRoute, async function getItem(c) {
    const { id } = c.req.valid('param');
    const found = await reader.item(id, c.get('log'));
    if (!found) throw new PlatformError(ErrorCodes.NOT_FOUND, `No item ${id}`, { itemId: id });
    return c.json(found.item, 200, { 'X-Cache': found.cache });
  });

  router.openapi(getItemsRoute, async function getItems(c) {
    const ids = [...new Set(c.req.valid('query').ids)];
    const { tiles, cache } = await reader.tiles(ids, c.get('log'));
    const items = ids.flatMap((id) => tiles.get(id) ?? []);
    const missing = ids.filter((id) => !tiles.has(id));
    return c.json({ items, missing }, 200, { 'X-Cache': cache });
  });

  router.openapi(trendingRoute, async function trending(c) {
    const { limit } = c.req.valid('query');
    return c.json({ items: await reader.trending(limit) }, 200);
  });

  router.openapi(createItemRoute, async function createItem(c) {
    const item = await writer.create(c.req.valid('json'), writeContext(c));
    return c.json(item, 201, { Location: `/v1/items/${item.id}` });
  });

  router.openapi(patchItemRoute, async function patchItem(c) {
    const { id } = c.req.valid('param');
    return c.json(await writer.update(id, c.req.valid('json'), writeContext(c)), 200);
  });

  router.openapi(deleteItemRoute, async function deleteItem(c) {
    await writer.remove(c.req.valid('param').id, writeContext(c));
    return c.body(null, 204);
  });

  router.openapi(uploadImageRoute, async function uploadImage(c) {
    const { id } = c.req.valid('param');
    const upload = {
      contentType: c.req.header('Content-Type'),
      contentLength: c.req.header('Content-Length'),
      body: c.req.raw.body,
    };
    return c.json(await images.add(id, upload, writeContext(c)), 201);
  });

  router.openapi(deleteImageRoute, async function deleteImage(c) {
    const { id, position } = c.req.valid('param');
    await images.remove(id, position, writeContext(c));
    return c.body(null, 204);
  });

  return router;
}
