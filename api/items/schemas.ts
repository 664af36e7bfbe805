/**
 * The items area's request and response schemas: they validate input at the edge and describe the
 * OpenAPI document. Reads answer with what the cache holds (the normalised item of the pipeline);
 * writes answer with the row Postgres committed (the item as the seller entered it).
 */
import { z } from '@hono/zod-openapi';
import { Money, Uuid } from '../http/schemas.ts';

export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 5000;
export const MAX_CATEGORY_LENGTH = 200;
export const MAX_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_KEY_LENGTH = 64;
export const MAX_ATTRIBUTE_VALUE_LENGTH = 500;
/** Most ids one `GET /v1/items?ids=` asks for: one MGET, one Postgres query for the misses. */
export const MAX_IDS = 100;
export const MAX_TRENDING = 50;

const exampleId = '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10';
const exampleSellerId = '0c7e5d1a-3b2f-4e6d-8a9c-1b2d3e4f5a6b';
// Postgres text cannot hold U+0000: refusing it here keeps it a 400 rather than a store error.
const noNul = (value: string) => !value.includes('\u0000');
const notBlank = (value: string) => value.trim() !== '';

/**
 * Text a person must fill in: 1 to `max` characters, not only spaces, no U+0000.
 *
 * @example
 * const Title = requiredText(200).openapi({ example: 'iPhone 13 128 GB' });
 */
export function requiredText(max: number) {
  return z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine(notBlank, { error: 'must not be blank' })
    .refine(noNul, { error: 'must not contain U+0000' });
}

/** A `limit` query parameter: 1 to `max`, `fallback` when absent. */
export function limitParam(max: number, fallback: number) {
  return z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback)
    .openapi({ param: { name: 'limit', in: 'query' }, example: fallback });
}

export const Title = requiredText(MAX_TITLE_LENGTH).openapi({ example: 'iPhone 13 128 GB' });

export const Description = z
  .string()
  .max(MAX_DESCRIPTION_LENGTH, { error: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` })
  .refine(noNul, { error: 'must not contain U+0000' })
  .openapi({ example: 'Apple iPhone 13, <b>128 GB</b>, midnight', description: 'May contain HTML' });

export const CategoryText = requiredText(MAX_CATEGORY_LENGTH).openapi({
  example: 'Смартфоны',
  description: 'Free text in any case or language; mapped onto the shop taxonomy by the pipeline',
});

export const Attributes = z
  .record(
    z
      .string()
      .min(1, { error: 'attribute names must not be empty' })
      .max(MAX_ATTRIBUTE_KEY_LENGTH, {
        error: `attribute names must be at most ${MAX_ATTRIBUTE_KEY_LENGTH} characters`,
      })
      .refine(noNul, { error: 'must not contain U+0000' }),
    z
      .string()
      .max(MAX_ATTRIBUTE_VALUE_LENGTH, { error: `must be at most ${MAX_ATTRIBUTE_VALUE_LENGTH} characters` })
      .refine(noNul, { error: 'must not contain U+0000' }),
  )
  .refine((record) => Object.keys(record).length <= MAX_ATTRIBUTES, {
    error: `must have at most ${MAX_ATTRIBUTES} entries`,
  })
  .openapi({ example: { colour: 'midnight', memory: '128 GB' } });

export const CreateItemBody = z
  .object({
    title: Title,
    description: Description.optional(),
    category: CategoryText,
    price: Money,
    attributes: Attributes.optional(),
    sellerId: Uuid.optional().openapi({
      example: exampleSellerId,
      description: 'Admins: the seller page the item goes on (required). Sellers: their own page (optional)',
    }),
  })
  .strict()
  .openapi('CreateItem');

export const PatchItemBody = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    category: CategoryText.optional(),
    price: Money.optional(),
    attributes: Attributes.optional().openapi({ description: 'Replaces every attribute' }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { error: 'name at least one field to change' })
  .openapi('PatchItem');

export const ImageSchema = z
  .object({
    url: z.string().openapi({
      example: 'http://127.0.0.1:9900/eshop-images/items/6f1d7c2e-…/1f0c….jpg?X-Amz-Signature=…',
      description: 'A time-limited GET URL (API_IMAGE_URL_TTL_SECONDS)',
    }),
  })
  .openapi('Image');

export const CategorySchema = z
  .object({
    id: z.string().nullable().openapi({ example: 'electronics.phones' }),
    path: z.array(z.string()).openapi({ example: ['Electronics', 'Phones'] }),
  })
  .openapi('Category', { description: 'Canonical category; id null and path empty when unknown' });

export const RatingSchema = z
  .object({
    average: z.number().openapi({ example: 4.5 }),
    count: z.number().int().openapi({ example: 12 }),
  })
  .openapi('RatingSummary');

export const SentimentSchema = z
  .object({
    positive: z.number().int().openapi({ example: 9 }),
    neutral: z.number().int().openapi({ example: 2 }),
    negative: z.number().int().openapi({ example: 1 }),
    meanScore: z.number().openapi({ example: 0.41, description: 'Mean sentiment score, -1 to 1' }),
  })
  .openapi('SentimentSummary');

const tileShape = {
  id: Uuid.openapi({ example: exampleId }),
  version: z.number().int().openapi({ example: 3 }),
  title: z.string().openapi({ example: 'iPhone 13 128 GB' }),
  category: CategorySchema,
  price: Money,
  seller: z.object({
    id: z.string().openapi({ example: exampleSellerId }),
    name: z.string().nullable().openapi({ example: 'Gadget House', description: 'Null while unknown' }),
  }),
  images: z.array(ImageSchema),
  // A union rather than .nullable(): on a named schema the generator drops the null from the document.
  rating: z.union([RatingSchema, z.null()]),
  updatedAt: z.string().openapi({ example: '2026-01-15T09:00:00.000Z' }),
};

/** An item as a storefront tile shows it: from its card in the cache. */
export const ItemTileSchema = z.object(tileShape).openapi('ItemTile');

/** An item page: its card, its review summaries and its views. */
export const ItemSchema = z
  .object({
    ...tileShape,
    description: z
      .string()
      .openapi({ example: 'Apple iPhone 13, 128 GB, midnight', description: 'Plain text' }),
    attributes: z.record(z.string(), z.string()).openapi({ example: { colour: 'midnight' } }),
    sentiment: z.union([SentimentSchema, z.null()]),
    views: z.number().int().openapi({ example: 1520 }),
  })
  .openapi('Item');

export const ItemsQuery = z.object({
  ids: z
    .string()
    .transform((text) => text.split(',').map((id) => id.trim()))
    .pipe(
      z
        .array(Uuid)
        .min(1, { error: 'name at least one id' })
        .max(MAX_IDS, { error: `name at most ${MAX_IDS} ids` }),
    )
    .openapi({
      param: { name: 'ids', in: 'query' },
      description: `Comma-separated item ids, 1 to ${MAX_IDS}`,
      example: `${exampleId},0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e`,
    }),
});

export const ItemsSchema = z
  .object({
    items: z.array(ItemTileSchema).openapi({ description: 'In the order asked, each id once' }),
    missing: z.array(z.string()).openapi({ description: 'Ids of no live item' }),
  })
  .openapi('Items');

export const TrendingQuery = z.object({ limit: limitParam(MAX_TRENDING, 10) });

export const TrendingSchema = z
  .object({
    items: z.array(
      ItemTileSchema.extend({
        score: z.number().openapi({
          example: 12.5,
          description: 'Forward-decayed view weight: relative, comparable within one answer',
        }),
      }),
    ),
  })
  .openapi('Trending');

/** An item as Postgres holds it: what a write committed, as the seller entered it. */
export const ItemRecordSchema = z
  .object({
    id: Uuid.openapi({ example: exampleId }),
    sellerId: Uuid.openapi({ example: exampleSellerId }),
    version: z.number().int().openapi({ example: 1 }),
    title: z.string().openapi({ example: 'iPhone 13 128 GB' }),
    description: z.string(),
    category: z.string().openapi({ example: 'Смартфоны' }),
    price: Money,
    attributes: z.record(z.string(), z.string()),
    images: z.array(z.object({ position: z.number().int(), url: z.string() })),
    createdAt: z.string().openapi({ example: '2026-01-15T09:00:00.000Z' }),
    updatedAt: z.string().openapi({ example: '2026-01-15T09:00:00.000Z' }),
  })
  .openapi('ItemRecord');

export const ImageParams = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' }, example: exampleId }),
  position: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 or more' })
    .max(2 ** 31 - 1, { error: 'is too large' })
    .openapi({ param: { name: 'position', in: 'path' }, example: 0 }),
});

export const UploadedImageSchema = z
  .object({
    position: z.number().int().openapi({ example: 0 }),
    url: z.string().openapi({ description: 'A time-limited GET URL of the stored image' }),
  })
  .openapi('UploadedImage');

export type ItemView = z.infer<typeof ItemSchema>;
export type ItemTile = z.infer<typeof ItemTileSchema>;
export type ItemRecord = z.infer<typeof ItemRecordSchema>;
export type CreateItem = z.infer<typeof CreateItemBody>;
export type PatchItem = z.infer<typeof PatchItemBody>;
