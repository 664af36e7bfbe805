/** The sellers area's request and response schemas (validation at the edge and the OpenAPI document). */
import { z } from '@hono/zod-openapi';
import { Uuid } from '../http/schemas.ts';
import { ItemTileSchema, limitParam, requiredText } from '../items/schemas.ts';

export const MAX_SELLER_NAME_LENGTH = 200;
export const MAX_REGION_LENGTH = 100;
export const MAX_PAGE_ITEMS = 50;

const exampleSellerId = '0c7e5d1a-3b2f-4e6d-8a9c-1b2d3e4f5a6b';
const noNul = (value: string) => !value.includes('\u0000');

const SellerName = requiredText(MAX_SELLER_NAME_LENGTH).openapi({ example: 'Gadget House' });

const Region = z
  .string()
  .max(MAX_REGION_LENGTH, { error: `must be at most ${MAX_REGION_LENGTH} characters` })
  .refine(noNul, { error: 'must not contain U+0000' })
  .nullable()
  .openapi({ example: 'Moscow', description: 'Where the seller ships from; null for none' });

export const CreateSellerBody = z
  .object({
    name: SellerName,
    region: Region.optional(),
    ownerId: Uuid.optional().openapi({
      description: 'Admins only: the seller account that will own the page (default: none, admin-managed)',
    }),
  })
  .strict()
  .openapi('CreateSeller');

export const PatchSellerBody = z
  .object({ name: SellerName.optional(), region: Region.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { error: 'name at least one field to change' })
  .openapi('PatchSeller');

const sellerShape = {
  id: Uuid.openapi({ example: exampleSellerId }),
  name: z.string().openapi({ example: 'Gadget House' }),
  rating: z
    .number()
    .nullable()
    .openapi({ example: 4.7, description: 'Average rating 1-5; null while unrated' }),
  region: z.string().nullable().openapi({ example: 'Moscow' }),
  version: z.number().int().openapi({ example: 1 }),
  createdAt: z.string().openapi({ example: '2026-01-15T09:00:00.000Z' }),
};

export const SellerSchema = z.object(sellerShape).openapi('Seller');

export const SellerPageSchema = z
  .object({
    ...sellerShape,
    items: z.array(ItemTileSchema).openapi({ description: 'The seller’s live items, newest first' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .openapi('SellerPage');

export const SellerPageQuery = z.object({
  limit: limitParam(MAX_PAGE_ITEMS, 20),
  cursor: z
    .string()
    .max(200, { error: 'is not a cursor of this endpoint' })
    .optional()
    .openapi({
      param: { name: 'cursor', in: 'query' },
      description: 'The `nextCursor` of the previous page',
    }),
});

export type Seller = z.infer<typeof SellerSchema>;
export type CreateSeller = z.infer<typeof CreateSellerBody>;
export type PatchSeller = z.infer<typeof PatchSellerBody>;
