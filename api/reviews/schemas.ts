/**
 * Request and response schemas of the reviews endpoints. The summaries are the item page's own
 * schemas (api/items/schemas.ts): one shape wherever an item's reviews are summarised.
 */
import { z } from '@hono/zod-openapi';
import { Uuid } from '../http/schemas.ts';
import { RatingSchema, SentimentSchema } from '../items/schemas.ts';

export const REVIEW_TEXT_MAX_LENGTH = 5000;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const reviewText = z
  .string({ error: 'must be a string' })
  .max(REVIEW_TEXT_MAX_LENGTH, { error: `must have at most ${REVIEW_TEXT_MAX_LENGTH} characters` })
  // Also refuses the empty string, with one message rather than two.
  .regex(/\S/, { error: 'must not be empty or blank' })
  .openapi({ example: 'Отличный телефон, очень доволен покупкой!' });

const starRating = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number of stars' })
  .min(1, { error: 'must be from 1 to 5' })
  .max(5, { error: 'must be from 1 to 5' })
  .openapi({ example: 5 });

export const CreateReviewBody = z
  .object({ text: reviewText, rating: starRating })
  .openapi('CreateReviewRequest');

export const UpdateReviewBody = z
  .object({ text: reviewText.optional(), rating: starRating.optional() })
  .refine((body) => body.text !== undefined || body.rating !== undefined, {
    error: 'give text, rating or both',
  })
  .openapi('UpdateReviewRequest');

export const ReviewListQuery = z.object({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: `must be from 1 to ${MAX_PAGE_SIZE}` })
    .max(MAX_PAGE_SIZE, { error: `must be from 1 to ${MAX_PAGE_SIZE}` })
    .default(DEFAULT_PAGE_SIZE)
    .openapi({ param: { name: 'limit', in: 'query' }, example: 20 }),
  cursor: z
    .string()
    .max(200, { error: 'is not a cursor this API returned' })
    .optional()
    .openapi({
      param: { name: 'cursor', in: 'query' },
      description: 'The `nextCursor` of the previous page; absent for the first page',
      example: 'WzE3Njg0Njc2MDAwMDAsIjNmNmMxZjllIl0',
    }),
});

export const ReviewSchema = z
  .object({
    id: Uuid.openapi({ example: '0b7e2c1a-5d4f-4e3b-9a2c-1d0e9f8a7b6c' }),
    itemId: Uuid.openapi({ example: '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10' }),
    authorId: Uuid.openapi({ example: '3f6c1f9e-8a55-4c51-9d1e-2a3b4c5d6e7f' }),
    text: z.string().openapi({ example: 'Отличный телефон, очень доволен покупкой!' }),
    rating: z.number().int().openapi({ example: 5 }),
    sentiment: z
      .object({
        label: z.enum(['POSITIVE', 'NEUTRAL', 'NEGATIVE']).openapi({ example: 'POSITIVE' }),
        score: z.number().openapi({ example: 0.82, description: 'From -1 (negative) to 1 (positive)' }),
      })
      .nullable()
      .openapi({
        description:
          'Scored by the pipeline about a second after a write; null in the answer to a write (the new text is not scored yet)',
      }),
    createdAt: z.string().openapi({ example: '2026-01-15T09:00:00.000Z' }),
    updatedAt: z.string().openapi({ example: '2026-01-15T09:05:00.000Z' }),
  })
  .openapi('Review');

export const ReviewPageSchema = z
  .object({
    reviews: z.array(ReviewSchema),
    summary: z
      .object({ rating: z.union([RatingSchema, z.null()]), sentiment: z.union([SentimentSchema, z.null()]) })
      .openapi({ description: 'Of the live reviews; each null while there are none' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .openapi('ReviewPage');

export type Review = z.infer<typeof ReviewSchema>;
