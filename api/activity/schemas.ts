/**
 * The beacon request: a batch of shopper actions as the browser sends them, in the JSON shape of
 * the UserActivity record (schemas/user-activity/v1.avsc) minus what the API fills in itself
 * (userId from the access token, eventId when absent, userAgent from the header when absent).
 *
 * Each type carries exactly its own detail field (PAGE_VIEW `page`, SEARCH `search`, CLICK `click`,
 * ADD_TO_CART `cart`, PURCHASE `purchase`). Objects are strict: a detail field of another type, or a
 * misspelt field, is a 400 naming it rather than data silently dropped. Number widths (Avro `int` is
 * 32-bit) are not repeated here: every event is also checked against the topic's Avro schema
 * (beacon-events.ts), which is the one source of truth for them.
 */
import { z } from '@hono/zod-openapi';
import { Money, Uuid } from '../http/schemas.ts';

const nonBlank = (max: number) =>
  z
    .string()
    .max(max, { error: `must be at most ${max} characters` })
    .regex(/\S/, { error: 'must not be empty' });

const common = {
  eventId: Uuid.optional().openapi({
    description:
      'Unique id of the event; generated when absent. A client that retries a batch sends the same ids, so consumers drop the copies.',
    example: '5d3c2b1a-0f9e-4d8c-b7a6-958473625140',
  }),
  sessionId: nonBlank(128).openapi({
    description: 'Browser session (the Kafka key)',
    example: 'b7c9e2f0-session',
  }),
  occurredAt: z
    .number()
    .int({ error: 'must be a whole number of epoch milliseconds' })
    .nonnegative({ error: 'must be epoch milliseconds' })
    .openapi({
      description:
        'When it happened, epoch milliseconds (client clock): at most 5 minutes ahead, at most 7 days old',
      example: 1795608000000,
    }),
  userAgent: z.string().max(512, { error: 'must be at most 512 characters' }).nullable().optional().openapi({
    description: 'Browser user agent; the request’s User-Agent header when absent',
  }),
  referrer: z.string().max(2048, { error: 'must be at most 2048 characters' }).nullable().optional().openapi({
    description: 'Referring URL',
  }),
  userId: z.string().max(128).nullable().optional().openapi({
    description:
      'Ignored: the user is the caller of the access token (null when anonymous), never what the body says',
  }),
};

const PageView = z
  .strictObject({
    ...common,
    type: z.literal('PAGE_VIEW'),
    page: nonBlank(2048).openapi({ description: 'Path of the viewed page', example: '/items/6f1d7c2e' }),
    itemId: Uuid.nullable()
      .optional()
      .openapi({ description: 'The item of an item page; absent for other pages' }),
  })
  .openapi('PageViewEvent');

const Search = z
  .strictObject({
    ...common,
    type: z.literal('SEARCH'),
    search: z.strictObject({
      searchId: Uuid.openapi({ description: 'Id of this search; clicks on its results refer to it' }),
      query: nonBlank(200).openapi({ description: 'The query as typed', example: 'айфон 13' }),
      resultCount: z
        .number()
        .int({ error: 'must be a whole number' })
        .nonnegative({ error: 'must be 0 or more' })
        .openapi({ description: 'Results found (0: the search found nothing)', example: 12 }),
    }),
  })
  .openapi('SearchEvent');

const Click = z
  .strictObject({
    ...common,
    type: z.literal('CLICK'),
    itemId: Uuid.openapi({ description: 'The clicked item' }),
    click: z.strictObject({
      searchId: Uuid.nullable().optional().openapi({ description: 'The search whose result was clicked' }),
      position: z
        .number()
        .int({ error: 'must be a whole number' })
        .positive({ error: 'must be 1 or more' })
        .openapi({ description: '1-based position of the result', example: 1 }),
    }),
  })
  .openapi('ClickEvent');

const quantity = z
  .number()
  .int({ error: 'must be a whole number' })
  .positive({ error: 'must be 1 or more' })
  .openapi({ example: 1 });

const AddToCart = z
  .strictObject({
    ...common,
    type: z.literal('ADD_TO_CART'),
    itemId: Uuid,
    cart: z.strictObject({ quantity }),
  })
  .openapi('AddToCartEvent');

const Purchase = z
  .strictObject({
    ...common,
    type: z.literal('PURCHASE'),
    itemId: Uuid,
    purchase: z.strictObject({ orderId: Uuid, quantity, total: Money }),
  })
  .openapi('PurchaseEvent');

export const ActivityEventSchema = z
  .discriminatedUnion('type', [PageView, Search, Click, AddToCart, Purchase])
  .openapi('ActivityEvent', { description: 'One shopper action, as the browser reports it' });

export type ActivityEvent = z.infer<typeof ActivityEventSchema>;

/** The request body; the batch size bound is the configured one, so the schema is built per app. */
export function beaconRequestSchema(maxEvents: number) {
  return z
    .strictObject({
      events: z
        .array(ActivityEventSchema)
        .min(1, { error: 'must hold at least one event' })
        .max(maxEvents, { error: `must hold at most ${maxEvents} events` }),
    })
    .openapi('BeaconRequest', {
      example: {
        events: [
          {
            type: 'PAGE_VIEW',
            sessionId: 'b7c9e2f0-session',
            occurredAt: 1795608000000,
            page: '/items/6f1d7c2e-3b4a-4f5e-9a8b-1c2d3e4f5a6b',
            itemId: '6f1d7c2e-3b4a-4f5e-9a8b-1c2d3e4f5a6b',
          },
        ],
      },
    });
}

export const BeaconAcceptedSchema = z
  .object({
    accepted: z.number().int().openapi({ description: 'Events Kafka acknowledged', example: 1 }),
  })
  .openapi('BeaconAccepted');
