/**
 * Staff analytics (admin role only), all from ClickHouse through the named queries of
 * connectors/sinks/clickhouse/queries.ts - the same ones the Grafana dashboards run, so the API
 * and the dashboards cannot disagree. Every user value is typed and bounded at the edge
 * (schemas.ts) before a query writes it into SQL as a checked literal.
 *
 * Time ranges are half-open [from, to), at most 92 days; times come back as ISO 8601 UTC strings.
 * A store the sink has not created yet (a fresh platform) answers empty series, not an error.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import {
  analyticsQueries,
  type AnalyticsQuery,
  type FunnelConversionRow,
} from '../../connectors/sinks/clickhouse/index.ts';
import { ErrorCodes, isPlatformError } from '../../core/errors/index.ts';
import { requireRole } from '../auth/middleware.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter } from '../http/env.ts';
import { bearerAuth, problems } from '../http/schemas.ts';
import {
  FunnelSchema,
  ItemSentimentQuery,
  ItemSentimentSchema,
  ItemViewsQuery,
  ItemViewsSchema,
  RangeQuery,
  SearchClickThroughSchema,
  SearchTermsSchema,
  TopQuery,
} from './schemas.ts';

/** ClickHouse codes of a database or table that does not exist (yet). */
const UNKNOWN_TABLE = 60;
const UNKNOWN_DATABASE = 81;

const adminOnly = {
  tags: ['Analytics'],
  security: bearerAuth,
  middleware: [requireRole('admin')],
};

const answers = <S extends z.ZodType>(schema: S, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...problems(400, 401, 403, 503),
});

const itemViewsRoute = createRoute({
  ...adminOnly,
  method: 'get',
  path: '/analytics/items/views',
  summary: 'Page views per item per minute, and distinct visitors (sessions) per item per hour',
  description:
    'For 1 to 100 items. The per-minute series is bounded: items × minutes of the range may not exceed 100,000 (one item: 69 days; 100 items: 16 hours).',
  request: { query: ItemViewsQuery },
  responses: answers(ItemViewsSchema, 'The two series, by item and time'),
});

const topSearchesRoute = createRoute({
  ...adminOnly,
  method: 'get',
  path: '/analytics/searches/top',
  summary: 'The most searched (normalised) queries, with how many of those searches found nothing',
  request: { query: TopQuery },
  responses: answers(SearchTermsSchema, 'Queries, most searched first'),
});

const zeroResultSearchesRoute = createRoute({
  ...adminOnly,
  method: 'get',
  path: '/analytics/searches/zero-results',
  summary: 'The (normalised) queries that most often found nothing',
  request: { query: TopQuery },
  responses: answers(SearchTermsSchema, 'Queries, most zero-result searches first'),
});

const clickThroughRoute = createRoute({
  ...adminOnly,
  method: 'get',
  path: '/analytics/searches/click-through',
  summary:
    'Searches per query made in the range, and how many had a result clicked (clicks up to a day later count)',
  request: { query: TopQuery },
  responses: answers(SearchClickThroughSchema, 'Queries, most searched first'),
});

const funnelRoute = createRoute({
  ...adminOnly,
  method: 'get',
  path: '/analytics/funnel',
  summary:
    'Conversion of the sessions started in the range: item view → search-result click → cart → purchase',
  description: 'Each step counts the sessions that reached it and every step before it.',
  request: { query: RangeQuery },
  responses: answers(FunnelSchema, 'Sessions per funnel step and the conversion between steps'),
});

const itemSentimentRoute = createRoute({
  ...adminOnly,
  method: 'get',
  path: '/analytics/items/sentiment',
  summary: 'Review sentiment per item per UTC day',
  description:
    'Days from the day of `from` up to, not including, the day of `to`. A review counts once a day, as its last version that day; deleted reviews drop out.',
  request: { query: ItemSentimentQuery },
  responses: answers(ItemSentimentSchema, 'Per item and day: reviews by sentiment, mean score and rating'),
});

/** A share rounded to 4 digits; null when there was nothing to convert. */
function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function conversion(row: FunnelConversionRow) {
  return {
    viewToClick: share(row.clicked, row.viewed),
    clickToCart: share(row.addedToCart, row.clicked),
    cartToPurchase: share(row.purchased, row.addedToCart),
    viewToPurchase: share(row.purchased, row.viewed),
  };
}

const iso = (range: { from: number; to: number }) => ({
  from: new Date(range.from).toISOString(),
  to: new Date(range.to).toISOString(),
});

export function analyticsRoutes(deps: ApiDependencies) {
  /** Runs a named query; a database or table that does not exist yet has no rows. */
  async function rows<P, R>(query: AnalyticsQuery<P, R>, params: P): Promise<R[]> {
    try {
      return await deps.analytics.run(query, params);
    } catch (error) {
      const code = isPlatformError(error, ErrorCodes.SERVICE_UNAVAILABLE)
        ? error.details.clickhouseCode
        : undefined;
      if (code === UNKNOWN_TABLE || code === UNKNOWN_DATABASE) return [];
      throw error;
    }
  }

  const router = newRouter();

  router.openapi(itemViewsRoute, async function itemViews(c) {
    const { from, to, itemId } = c.req.valid('query');
    const params = { from, to, itemIds: itemId };
    const [views, visitors] = await Promise.all([
      rows(analyticsQueries.viewsPerItemPerMinute, params),
      rows(analyticsQueries.uniqueVisitorsPerItemPerHour, params),
    ]);
    return c.json({ ...iso({ from, to }), views, visitors }, 200);
  });

  router.openapi(topSearchesRoute, async function topSearches(c) {
    const query = c.req.valid('query');
    return c.json({ ...iso(query), searches: await rows(analyticsQueries.topSearchTerms, query) }, 200);
  });

  router.openapi(zeroResultSearchesRoute, async function zeroResultSearches(c) {
    const query = c.req.valid('query');
    return c.json(
      { ...iso(query), searches: await rows(analyticsQueries.zeroResultSearchTerms, query) },
      200,
    );
  });

  router.openapi(clickThroughRoute, async function searchClickThrough(c) {
    const query = c.req.valid('query');
    const searches = (await rows(analyticsQueries.searchClickThrough, query)).map((row) => ({
      ...row,
      clickThroughRate: share(row.searchesWithClick, row.searches) ?? 0,
    }));
    return c.json({ ...iso(query), searches }, 200);
  });

  router.openapi(funnelRoute, async function funnel(c) {
    const range = c.req.valid('query');
    const [row] = await rows(analyticsQueries.funnelConversion, range);
    const counts = row ?? { sessions: 0, viewed: 0, clicked: 0, addedToCart: 0, purchased: 0 };
    return c.json({ ...iso(range), ...counts, conversion: conversion(counts) }, 200);
  });

  router.openapi(itemSentimentRoute, async function itemSentiment(c) {
    const { from, to, itemId } = c.req.valid('query');
    const sentiment = await rows(analyticsQueries.sentimentPerItemPerDay, { from, to, itemIds: itemId });
    return c.json({ ...iso({ from, to }), sentiment }, 200);
  });

  return router;
}
