/**
 * The sellers endpoints: a seller page with their items (Postgres for the seller, the item cache
 * for the items), and seller page writes through Postgres and the outbox.
 */
import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter } from '../http/env.ts';
import { bearerAuth, IdParam, jsonBody, jsonContent, problems } from '../http/schemas.ts';
import { CatalogueRules } from '../items/item-cards.ts';
import { ItemReader } from '../items/item-reads.ts';
import { writeContext } from '../http/write-context.ts';
import {
  CreateSellerBody,
  PatchSellerBody,
  SellerPageQuery,
  SellerPageSchema,
  SellerSchema,
} from './schemas.ts';
import { SellerReader } from './seller-reads.ts';
import { SellerWriter } from './seller-writes.ts';

const tags = ['Sellers'];

const getSellerRoute = createRoute({
  method: 'get',
  path: '/sellers/{id}',
  tags,
  summary: 'A seller and their items, newest first',
  description: 'Items are paged by a keyset cursor: pass `nextCursor` as `cursor` for the next page.',
  request: { params: IdParam, query: SellerPageQuery },
  responses: {
    200: { description: 'The seller page', content: jsonContent(SellerPageSchema) },
    ...problems(400, 404, 503),
  },
});

const createSellerRoute = createRoute({
  method: 'post',
  path: '/sellers',
  tags,
  summary: 'Open a seller page',
  description:
    'A seller account opens its own page (one per account: 409 for a second); an admin opens one for a seller ' +
    'account (`ownerId`) or an admin-managed one.',
  security: bearerAuth,
  middleware: [requireRole('seller', 'admin')] as const,
  request: { body: jsonBody(CreateSellerBody) },
  responses: {
    201: { description: 'The seller page as stored', content: jsonContent(SellerSchema) },
    ...problems(400, 401, 403, 409, 413, 503),
  },
});

const patchSellerRoute = createRoute({
  method: 'patch',
  path: '/sellers/{id}',
  tags,
  summary: 'Change a seller page (its owner or an admin)',
  description: 'The new name reaches every item of the seller in search and the cache through the pipeline.',
  security: bearerAuth,
  middleware: [requireRole('seller', 'admin')] as const,
  request: { params: IdParam, body: jsonBody(PatchSellerBody) },
  responses: {
    200: { description: 'The seller page as stored', content: jsonContent(SellerSchema) },
    ...problems(400, 401, 403, 404, 413, 503),
  },
});

export function sellerRoutes(deps: ApiDependencies) {
  const reader = new SellerReader(deps, new ItemReader(deps, new CatalogueRules(deps.config)));
  const writer = new SellerWriter(deps);
  const router = newRouter();

  router.openapi(getSellerRoute, async function getSeller(c) {
    const { id } = c.req.valid('param');
    return c.json(await reader.page(id, c.req.valid('query'), c.get('log')), 200);
  });

  router.openapi(createSellerRoute, async function createSeller(c) {
    const seller = await writer.create(c.req.valid('json'), writeContext(c));
    return c.json(seller, 201, { Location: `/v1/sellers/${seller.id}` });
  });

  router.openapi(patchSellerRoute, async function patchSeller(c) {
    const { id } = c.req.valid('param');
    return c.json(await writer.update(id, c.req.valid('json'), writeContext(c)), 200);
  });

  return router;
}
