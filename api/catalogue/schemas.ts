/**
 * Request and response schemas of the catalogue search: they validate the query string at the
 * edge (every bad parameter is listed in one 400) and describe the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import { Uuid } from '../http/schemas.ts';
import { sortOrders } from './search-query.ts';

/** A canonical category id: the dotted path of slugs of the taxonomy, e.g. `electronics.phones`. */
const CategoryId = z
  .string()
  .max(200, { error: 'must be at most 200 characters' })
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, { error: 'must be a category id such as electronics.phones' });

const MAX_LIST = 20;

/**
 * A repeatable parameter that also takes a comma-separated list (`?category=a&category=b` or
 * `?category=a,b`): arrives as a string or an array of strings, leaves as a list of checked ids.
 */
function idList(item: z.ZodType<string, string>, name: string, example: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(MAX_LIST, { error: `at most ${MAX_LIST} values` }))
    .optional()
    .openapi({
      param: { name, in: 'query', style: 'form', explode: true },
      type: 'array',
      items: { type: 'string' },
      example: [example],
    });
}

const minorUnits = (description: string) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number of minor units' })
    .min(0, { error: 'must not be negative' })
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .openapi({ description, example: 100000 });

export const SearchItemsQuery = z
  .object({
    q: z.string().trim().max(200, { error: 'must be at most 200 characters' }).optional().openapi({
      description: 'Free text, Russian or English; typos and unfinished words are forgiven',
      example: 'смартфон',
    }),
    category: idList(CategoryId, 'category', 'electronics.phones').openapi({
      description: 'Canonical category id (also matches its subcategories); repeatable or comma-separated',
    }),
    seller: idList(Uuid, 'seller', '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10').openapi({
      description: 'Seller id; repeatable or comma-separated',
    }),
    priceMin: minorUnits('Lowest price in minor units (inclusive); needs `currency`'),
    priceMax: minorUnits('Highest price in minor units (inclusive); needs `currency`'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as RUB' })
      .optional()
      .openapi({ description: 'Only items priced in this currency', example: 'RUB' }),
    sort: z
      .enum(sortOrders, { error: `must be one of ${sortOrders.join(', ')}` })
      .optional()
      .openapi({ description: 'Default relevance with `q`, newest without', example: 'relevance' }),
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be between 1 and 100' })
      .max(100, { error: 'must be between 1 and 100' })
      .default(20)
      .openapi({ example: 20 }),
    cursor: z
      .string()
      .max(2000, { error: 'is not a cursor this API issued' })
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'is not a cursor this API issued' })
      .optional()
      .openapi({ description: '`nextCursor` of the previous page of the same search' }),
  })
  .superRefine(function pricesNeedACurrency(query, context) {
    for (const field of ['priceMin', 'priceMax'] as const) {
      if (query[field] !== undefined && !query.currency) {
        context.addIssue({ code: 'custom', path: ['currency'], message: `is required with ${field}` });
        break;
      }
    }
    if (query.priceMin !== undefined && query.priceMax !== undefined && query.priceMin > query.priceMax) {
      context.addIssue({ code: 'custom', path: ['priceMax'], message: 'must not be less than priceMin' });
    }
  });

const CategoryRef = z.object({
  id: z
    .string()
    .nullable()
    .openapi({ example: 'electronics.phones', description: 'Null when not recognised' }),
  path: z.array(z.string()).openapi({ example: ['Electronics', 'Phones'] }),
});

export const SearchHitSchema = z
  .object({
    id: z.string().openapi({ example: '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10' }),
    title: z.string().openapi({ example: 'Смартфон Apple iPhone 13' }),
    highlight: z.string().optional().openapi({
      example: 'Смартфон Apple <mark>iPhone</mark> 13',
      description: 'The title, HTML-escaped, with the matched words in <mark>; only with `q`',
    }),
    category: CategoryRef,
    price: z.object({
      amountMinor: z.number().int().openapi({ example: 7999900 }),
      currency: z.string().openapi({ example: 'RUB' }),
    }),
    seller: z
      .object({ id: z.string(), name: z.string().openapi({ example: 'Gadget House' }) })
      .nullable()
      .openapi({ description: 'Null while the seller is not known yet' }),
    rating: z
      .object({
        average: z.number().openapi({ example: 4.67 }),
        count: z.number().int().openapi({ example: 3 }),
      })
      .nullable()
      .openapi({ description: 'Of the live reviews; null without reviews' }),
    imageUrls: z
      .array(z.string())
      .openapi({ description: 'Time-limited URLs (API_IMAGE_URL_TTL_SECONDS)', example: ['https://…'] }),
    updatedAt: z.string().openapi({ example: '2026-01-15T09:00:00.000Z' }),
  })
  .openapi('SearchHit');

export const FacetsSchema = z
  .object({
    categories: z.array(z.object({ id: z.string(), path: z.array(z.string()), count: z.number().int() })),
    sellers: z.array(z.object({ id: z.string(), name: z.string().nullable(), count: z.number().int() })),
    prices: z.array(
      z.object({
        from: z.number().int().optional().openapi({ description: 'Minor units, inclusive' }),
        to: z.number().int().optional().openapi({ description: 'Minor units, exclusive' }),
        currency: z.string().openapi({ description: 'The currency the ranges count', example: 'RUB' }),
        count: z.number().int(),
      }),
    ),
  })
  .openapi('SearchFacets', {
    description:
      'Counts under the query and every filter but the facet’s own (categories, sellers, prices); prices count one currency',
  });

export const SearchItemsResponse = z
  .object({
    items: z.array(SearchHitSchema),
    total: z.number().int(),
    totalRelation: z
      .enum(['eq', 'gte'])
      .openapi({ description: '`gte`: at least `total` hits (the engine stops counting at 10,000)' }),
    facets: FacetsSchema,
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last' }),
  })
  .openapi('SearchItemsResult');

export const SuggestionsQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, { error: 'must be 1 to 100 characters' })
    .max(100, { error: 'must be 1 to 100 characters' })
    .openapi({ description: 'What has been typed so far', example: 'айфо' }),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be between 1 and 20' })
    .max(20, { error: 'must be between 1 and 20' })
    .default(8)
    .openapi({ example: 8 }),
});

export const SuggestionsResponse = z
  .object({
    suggestions: z.array(
      z.object({
        itemId: z.string().openapi({ example: '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10' }),
        title: z.string().openapi({ example: 'Айфон 15 Pro' }),
      }),
    ),
  })
  .openapi('Suggestions');
