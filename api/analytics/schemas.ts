/**
 * Query parameters and answers of the staff analytics. Every value that reaches ClickHouse is typed
 * and bounded here, at the edge, before the named queries (connectors/sinks/clickhouse/queries.ts)
 * write it into SQL as a checked literal (the local 18.16 server has no query parameters): times are
 * ISO 8601 instants turned into epoch milliseconds, item ids are UUIDs, limits are 1..1000. Anything
 * else - a quote, a semicolon, `'; DROP TABLE` - is a 400 before any SQL exists.
 */
import { z } from '@hono/zod-openapi';
import { Uuid } from '../http/schemas.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest range one request may ask for (a quarter). */
export const MAX_RANGE_DAYS = 92;
/** Ids one request may name. */
export const MAX_ITEM_IDS = 100;
/**
 * Most points of a per-minute series one answer holds (items × minutes of the range): about 6 MB
 * of JSON. One item may span 69 days of minutes, a hundred items 16 hours.
 */
export const MAX_SERIES_POINTS = 100_000;
/** ClickHouse's DateTime ends in 2106; no shop analytics needs times past 2100. */
const LATEST_MS = Date.UTC(2100, 0, 1);

const instant = (description: string, example: string) =>
  z
    .string()
    .pipe(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time such as 2026-11-25T10:00:00Z' }))
    .transform((value) => Date.parse(value))
    .pipe(
      z
        .number()
        .min(0, { error: 'must be a time from 1970 on' })
        .max(LATEST_MS, { error: 'must be a time before 2100' }),
    )
    .openapi({ type: 'string', format: 'date-time', description, example });

const rangeShape = {
  from: instant('Start of the range (inclusive), ISO 8601', '2026-11-25T00:00:00Z'),
  to: instant('End of the range (exclusive), ISO 8601', '2026-11-26T00:00:00Z'),
};

/** `from` before `to`, at most 92 days apart (reported on `to`). */
function checkRange(query: { from: number; to: number }, ctx: z.RefinementCtx): void {
  if (query.from >= query.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from' });
  } else if (query.to - query.from > MAX_RANGE_DAYS * DAY_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `must be at most ${MAX_RANGE_DAYS} days after from`,
    });
  }
}

/** `itemId` repeated (`?itemId=a&itemId=b`) or as a comma list (`?itemId=a,b`): 1..100 UUIDs. */
const itemIds = z
  .preprocess(
    (value) =>
      (Array.isArray(value) ? value : [value])
        .filter((v): v is string => typeof v === 'string')
        .flatMap((v) => v.split(','))
        .map((v) => v.trim()),
    z
      .array(Uuid)
      .min(1, { error: 'name at least one item' })
      .max(MAX_ITEM_IDS, { error: `name at most ${MAX_ITEM_IDS} items` }),
  )
  .openapi({
    param: { name: 'itemId', in: 'query', style: 'form', explode: true },
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    description: `The items (1 to ${MAX_ITEM_IDS}): repeat the parameter, or give a comma-separated list`,
    example: ['6f1d7c2e-3b4a-4f5e-9a8b-1c2d3e4f5a6b'],
  });

const limit = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' })
  .max(1000, { error: 'must be at most 1000' })
  .default(20)
  .openapi({ type: 'integer', description: 'Most rows returned (1..1000)', example: 20 });

export const RangeQuery = z.object(rangeShape).superRefine(checkRange);

export const TopQuery = z.object({ ...rangeShape, limit }).superRefine(checkRange);

export const ItemSentimentQuery = z.object({ ...rangeShape, itemId: itemIds }).superRefine(checkRange);

export const ItemViewsQuery = z.object({ ...rangeShape, itemId: itemIds }).superRefine((query, ctx) => {
  checkRange(query, ctx);
  const minutes = Math.ceil((query.to - query.from) / 60_000);
  if (query.to > query.from && minutes * query.itemId.length > MAX_SERIES_POINTS) {
    const span = Math.floor(MAX_SERIES_POINTS / query.itemId.length);
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `per-minute views of ${query.itemId.length} items cover at most ${span} minutes (${(span / 1440).toFixed(1)} days); ask for a shorter range or fewer items`,
    });
  }
});

// ----- answers

const isoRange = {
  from: z.string().openapi({ format: 'date-time', example: '2026-11-25T00:00:00.000Z' }),
  to: z.string().openapi({ format: 'date-time', example: '2026-11-26T00:00:00.000Z' }),
};

export const ItemViewsSchema = z
  .object({
    ...isoRange,
    views: z.array(
      z.object({
        itemId: z.string(),
        minute: z
          .string()
          .openapi({ example: '2026-11-25T10:01:00Z', description: 'Start of the minute (UTC)' }),
        views: z.number().int().openapi({ description: 'Page views in that minute', example: 3 }),
      }),
    ),
    visitors: z.array(
      z.object({
        itemId: z.string(),
        hour: z.string().openapi({ example: '2026-11-25T10:00:00Z', description: 'Start of the hour (UTC)' }),
        visitors: z
          .number()
          .int()
          .openapi({ description: 'Distinct sessions that viewed the item', example: 2 }),
      }),
    ),
  })
  .openapi('ItemViews');

export const SearchTermsSchema = z
  .object({
    ...isoRange,
    searches: z.array(
      z.object({
        query: z.string().openapi({ description: 'The normalised query', example: 'айфон 13' }),
        searches: z.number().int().openapi({ example: 120 }),
        zeroResultSearches: z.number().int().openapi({ description: 'Of them, found nothing', example: 0 }),
      }),
    ),
  })
  .openapi('SearchTerms');

export const SearchClickThroughSchema = z
  .object({
    ...isoRange,
    searches: z.array(
      z.object({
        query: z.string().openapi({ example: 'айфон 13' }),
        searches: z.number().int().openapi({ example: 120 }),
        searchesWithClick: z
          .number()
          .int()
          .openapi({ description: 'Of them, had a result clicked', example: 54 }),
        clickThroughRate: z.number().openapi({ description: 'searchesWithClick / searches', example: 0.45 }),
      }),
    ),
  })
  .openapi('SearchClickThrough');

const rate = z
  .number()
  .nullable()
  .openapi({ description: 'Share of the previous step (null when it had none)' });

export const FunnelSchema = z
  .object({
    ...isoRange,
    sessions: z
      .number()
      .int()
      .openapi({ description: 'Sessions whose first action falls in the range', example: 1000 }),
    viewed: z.number().int().openapi({ description: '…that viewed an item page', example: 600 }),
    clicked: z.number().int().openapi({ description: '…that also clicked a search result', example: 300 }),
    addedToCart: z.number().int().openapi({ description: '…that also added to the cart', example: 90 }),
    purchased: z.number().int().openapi({ description: '…that also bought', example: 30 }),
    conversion: z.object({
      viewToClick: rate,
      clickToCart: rate,
      cartToPurchase: rate,
      viewToPurchase: rate,
    }),
  })
  .openapi('Funnel');

export const ItemSentimentSchema = z
  .object({
    ...isoRange,
    sentiment: z.array(
      z.object({
        itemId: z.string(),
        day: z.string().openapi({ description: 'UTC day, ISO 8601 date', example: '2026-11-25' }),
        comments: z
          .number()
          .int()
          .openapi({ description: 'Live reviews written or changed that day', example: 4 }),
        positive: z.number().int(),
        neutral: z.number().int(),
        negative: z.number().int(),
        averageScore: z.number().openapi({ description: 'Mean sentiment score, -1..1', example: 0.41 }),
        averageRating: z.number().openapi({ description: 'Mean star rating, 1..5', example: 4.25 }),
      }),
    ),
  })
  .openapi('ItemSentiment');
