/**
 * The catalogue search endpoints, served from the search engine's items alias:
 *   GET /v1/search/items         full text, filters, facets, sorts, cursor pages
 *   GET /v1/search/suggestions   titles as you type
 * Public (no token). The query is built in search-query.ts / suggestions.ts, the answer read in
 * search-results.ts / facets.ts; this module validates, runs and answers.
 */
import { createRoute } from '@hono/zod-openapi';
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter } from '../http/env.ts';
import { problems } from '../http/schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { presignImages } from '../http/image-references.ts';
import { SearchItemsQuery, SearchItemsResponse, SuggestionsQuery, SuggestionsResponse } from './schemas.ts';
import { searchItemsIndex } from './search-engine.ts';
import {
  buildItemSearch,
  effectiveSort,
  searchFingerprint,
  sortClauses,
  type ItemSearchParams,
} from './search-query.ts';
import { emptySearchPage, readSearchPage } from './search-results.ts';
import { buildSuggestionSearch, readSuggestions } from './suggestions.ts';

const searchItemsRoute = createRoute({
  method: 'get',
  path: '/search/items',
  tags: ['Catalogue'],
  summary: 'Search the catalogue',
  description:
    'Full text in Russian and English (stemming, typos, unfinished words; titles weigh more than ' +
    'descriptions), filters by category, seller and price, facets with counts, sorting by ' +
    'relevance, price, newest or rating, and stable cursor pages however deep. Deleted items never show.',
  request: { query: SearchItemsQuery },
  responses: {
    200: {
      description: 'One page of hits',
      content: { 'application/json': { schema: SearchItemsResponse } },
    },
    ...problems(400, 503),
  },
});

const suggestionsRoute = createRoute({
  method: 'get',
  path: '/search/suggestions',
  tags: ['Catalogue'],
  summary: 'Suggest item titles as the shopper types',
  request: { query: SuggestionsQuery },
  responses: {
    200: {
      description: 'Distinct titles whose words start with what was typed',
      content: { 'application/json': { schema: SuggestionsResponse } },
    },
    ...problems(400, 503),
  },
});

export function catalogueRoutes(deps: ApiDependencies) {
  const router = newRouter();

  router.openapi(searchItemsRoute, async function searchItems(c) {
    const query = c.req.valid('query');
    const params: ItemSearchParams = {
      q: query.q || undefined,
      categories: query.category ?? [],
      sellers: query.seller ?? [],
      priceMin: query.priceMin,
      priceMax: query.priceMax,
      currency: query.currency,
      sort: query.sort,
      limit: query.limit,
    };
    const fingerprint = searchFingerprint(params);
    const after = query.cursor
      ? decodeCursor(query.cursor, fingerprint, sortClauses(effectiveSort(params)).kinds)
      : undefined;
    const answer = await searchItemsIndex(deps, buildItemSearch(params, after), {
      paged: after !== undefined,
    });
    const page = answer ? readSearchPage(answer, params.limit) : emptySearchPage();
    const items = await Promise.all(
      page.items.map(async (hit) => ({
        ...hit,
        imageUrls: (
          await presignImages(hit.imageUrls, {
            s3: deps.s3,
            bucket: deps.config.api.imagesBucket,
            ttlSeconds: deps.config.api.imageUrlTtlSeconds,
          })
        ).map(({ url }) => url),
      })),
    );
    return c.json(
      {
        items,
        total: page.total,
        totalRelation: page.totalRelation,
        facets: page.facets,
        nextCursor: page.nextAfter ? encodeCursor(page.nextAfter, fingerprint) : null,
      },
      200,
    );
  });

  router.openapi(suggestionsRoute, async function suggest(c) {
    const { q, limit } = c.req.valid('query');
    const answer = await searchItemsIndex(deps, buildSuggestionSearch(q, limit), { paged: false });
    return c.json({ suggestions: answer ? readSuggestions(answer.hits.hits, limit) : [] }, 200);
  });

  return router;
}
