/**
 * What each generated event becomes as a call to the REST API (pure: no I/O, no clock). The load
 * generator's events carry its own ids; the API assigns new ones, so each plan is made with what
 * the id map knows about the entities involved, and says what to remember when the call succeeds.
 *
 * | event | call |
 * | --- | --- |
 * | seller CREATED | (register the seller's account, then) `POST /v1/sellers` |
 * | seller UPDATED | `PATCH /v1/sellers/{id}` with the name or region that changed; a rating change has no API (the rating service's) and is skipped |
 * | item CREATED | `POST /v1/items` as the seller |
 * | item UPDATED | `PATCH /v1/items/{id}` with the fields that changed; a change of images only is skipped (images are uploads) |
 * | item DELETED | `DELETE /v1/items/{id}` |
 * | review CREATED | (register the author's account, then) `POST /v1/items/{id}/reviews` |
 * | review UPDATED / DELETED | `PATCH` / `DELETE /v1/reviews/{id}` as the author |
 * | activity | `POST /v1/activity` in batches per signed-in account (anonymous otherwise) |
 *
 * Texts are cut to the API's limits (the generator's are within them; the cut is a guard).
 */
import type {
  ChangeType,
  Comment,
  CommentChanged,
  Item,
  ItemChanged,
  Money,
  Seller,
  SellerChanged,
  UserActivity,
} from '../schemas/types.generated.ts';
import type { HttpMethod } from './api-client.ts';
import type { Mapped } from './id-map.ts';

/** The request limits of the API the translation keeps to (see the routes' schemas). */
export const apiLimits = {
  sellerName: 200,
  sellerRegion: 100,
  title: 200,
  description: 5000,
  category: 200,
  attributes: 50,
  attributeKey: 64,
  attributeValue: 500,
  reviewText: 5000,
  /** Events in one beacon request (API_BEACON_MAX_EVENTS' default). */
  beaconEvents: 100,
} as const;

/** What the API's entities are called in operations and figures. */
export type Entity = 'seller page' | 'item' | 'review';

export type Operation =
  | 'register'
  | 'login'
  | 'refresh'
  | 'find seller page'
  | `${'create' | 'update' | 'delete'} ${Entity}`
  | 'beacon';

/** One API call to make, and the state the entity has once it succeeds. */
export interface CallPlan<S> {
  readonly kind: 'call';
  readonly operation: Operation;
  readonly method: HttpMethod;
  readonly path: string;
  readonly body?: unknown;
  /** What the API holds after the call (the map keeps it to diff the next change against). */
  readonly sent: S;
}

/** An event with no call to make, and why. */
export interface SkipPlan {
  readonly kind: 'skip';
  readonly operation: Operation;
  readonly reason: string;
}

export type Plan<S> = CallPlan<S> | SkipPlan;

export interface SellerPageBody {
  name: string;
  region?: string;
}

export interface ItemBody {
  title: string;
  description: string;
  category: string;
  price: Money;
  attributes: Record<string, string>;
}

export interface ReviewBody {
  text: string;
  rating: number;
}

/** Cuts `text` to at most `max` characters (code points, so no surrogate pair is split). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}

export function sellerPageBody(seller: Seller): SellerPageBody {
  const body: SellerPageBody = { name: clip(seller.name, apiLimits.sellerName) };
  if (seller.region !== null) body.region = clip(seller.region, apiLimits.sellerRegion);
  return body;
}

export function itemBody(item: Item): ItemBody {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(item.attributes).slice(0, apiLimits.attributes)) {
    attributes[clip(key, apiLimits.attributeKey)] = clip(value, apiLimits.attributeValue);
  }
  return {
    title: clip(item.title, apiLimits.title),
    description: clip(item.description, apiLimits.description),
    category: clip(item.category, apiLimits.category),
    price: { amountMinor: item.price.amountMinor, currency: item.price.currency },
    attributes,
  };
}

export function reviewBody(comment: Comment): ReviewBody {
  return { text: clip(comment.text, apiLimits.reviewText), rating: comment.rating };
}

/** The fields of `after` that differ from `before`, or undefined when none does. */
export function changedFields<T extends object>(before: T, after: T): Partial<T> | undefined {
  const patch: Partial<T> = {};
  let changed = false;
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      patch[key] = after[key];
      changed = true;
    }
  }
  // A field dropped from `after` (a region cleared) cannot be said by PATCH's absent-means-keep.
  return changed ? patch : undefined;
}

/** How one kind of entity is changed through the API. */
interface EntityRoutes {
  readonly entity: Entity;
  /** Where a creation is posted, or why it cannot be (what it belongs to was not created). */
  readonly create: { readonly path: string } | { readonly skip: string };
  /** The entity's own path, by its API id. */
  readonly resource: (apiId: string) => string;
  /** Whether the API deletes this kind of entity. */
  readonly deletable: boolean;
  /** Why an update that changes nothing the API holds is skipped. */
  readonly unchanged: string;
}

/**
 * The call for a change of an entity: POST a creation, PATCH what changed, DELETE a deletion.
 * @param mapped the entity as the API has it, when it was created
 */
function planChange<S extends object>(
  type: ChangeType,
  body: S,
  mapped: Mapped<S> | undefined,
  routes: EntityRoutes,
): Plan<S> {
  const { entity } = routes;
  switch (type) {
    case 'CREATED':
      if ('skip' in routes.create) return skip(`create ${entity}`, routes.create.skip);
      return {
        kind: 'call',
        operation: `create ${entity}`,
        method: 'POST',
        path: routes.create.path,
        body,
        sent: body,
      };
    case 'UPDATED': {
      if (!mapped) return skip(`update ${entity}`, `the ${entity} was not created`);
      const patch = changedFields(mapped.sent, body);
      if (!patch) return skip(`update ${entity}`, routes.unchanged);
      const path = routes.resource(mapped.apiId);
      return { kind: 'call', operation: `update ${entity}`, method: 'PATCH', path, body: patch, sent: body };
    }
    case 'DELETED':
      if (!routes.deletable) return skip(`update ${entity}`, `a ${entity} cannot be deleted through the API`);
      if (!mapped) return skip(`delete ${entity}`, `the ${entity} was not created`);
      return {
        kind: 'call',
        operation: `delete ${entity}`,
        method: 'DELETE',
        path: routes.resource(mapped.apiId),
        sent: body,
      };
    default:
      return skip(`update ${entity}`, `a ${type} change has no API`);
  }
}

/**
 * The call for a seller change.
 * @param page the seller page the API has for this seller, when it was created
 */
export function planSeller(
  change: SellerChanged,
  page: Mapped<SellerPageBody> | undefined,
): Plan<SellerPageBody> {
  return planChange(change.type, sellerPageBody(change.seller), page, {
    entity: 'seller page',
    create: { path: '/v1/sellers' },
    resource: (id) => `/v1/sellers/${id}`,
    deletable: false,
    unchanged: 'a rating change (no API: the rating service sets it)',
  });
}

/**
 * The call for an item change.
 * @param seller the seller page of the item's seller, when it was created
 * @param item the item the API has, when it was created
 */
export function planItem(
  change: ItemChanged,
  seller: Mapped<SellerPageBody> | undefined,
  item: Mapped<ItemBody> | undefined,
): Plan<ItemBody> {
  return planChange(change.type, itemBody(change.item), item, {
    entity: 'item',
    create: seller ? { path: '/v1/items' } : { skip: "the item's seller page was not created" },
    resource: (id) => `/v1/items/${id}`,
    deletable: true,
    unchanged: 'a change of images only (images are uploads)',
  });
}

/**
 * The call for a review change.
 * @param item the reviewed item as the API has it, when it was created
 * @param review the review the API has, when it was created
 */
export function planReview(
  change: CommentChanged,
  item: Mapped<ItemBody> | undefined,
  review: Mapped<ReviewBody> | undefined,
): Plan<ReviewBody> {
  return planChange(change.type, reviewBody(change.comment), review, {
    entity: 'review',
    create: item
      ? { path: `/v1/items/${item.apiId}/reviews` }
      : { skip: 'the reviewed item was not created' },
    resource: (id) => `/v1/reviews/${id}`,
    deletable: true,
    unchanged: 'nothing the API holds changed',
  });
}

/**
 * A shopper action as a browser sends it in a beacon: the item id is the API's, the user is
 * whoever the access token says (never the body), and absent details are left out.
 */
export type BeaconEvent = Omit<Partial<UserActivity>, 'userId'> &
  Pick<UserActivity, 'eventId' | 'type' | 'sessionId' | 'occurredAt'>;

/**
 * @param itemApiId the API's id of the activity's item; null when the action has no item
 */
export function beaconEvent(activity: UserActivity, itemApiId: string | null): BeaconEvent {
  const event: BeaconEvent = {
    eventId: activity.eventId,
    type: activity.type,
    sessionId: activity.sessionId,
    occurredAt: activity.occurredAt,
  };
  if (activity.userAgent !== null) event.userAgent = activity.userAgent;
  if (activity.referrer !== null) event.referrer = activity.referrer;
  if (itemApiId !== null) event.itemId = itemApiId;
  if (activity.page !== null) event.page = activity.page;
  if (activity.search !== null) event.search = activity.search;
  if (activity.click !== null) event.click = activity.click;
  if (activity.cart !== null) event.cart = activity.cart;
  if (activity.purchase !== null) event.purchase = activity.purchase;
  return event;
}

/** Beacon requests: events grouped by who sends them (an account key, or undefined: anonymous), in order, at most `max` each. */
export function beaconBatches<K>(
  events: readonly { readonly actor: K | undefined; readonly event: BeaconEvent }[],
  max: number = apiLimits.beaconEvents,
): { actor: K | undefined; events: BeaconEvent[] }[] {
  const byActor = new Map<K | undefined, BeaconEvent[]>();
  for (const { actor, event } of events) {
    const list = byActor.get(actor) ?? [];
    list.push(event);
    byActor.set(actor, list);
  }
  const batches: { actor: K | undefined; events: BeaconEvent[] }[] = [];
  for (const [actor, list] of byActor) {
    for (let i = 0; i < list.length; i += max) batches.push({ actor, events: list.slice(i, i + max) });
  }
  return batches;
}

function skip(operation: Operation, reason: string): SkipPlan {
  return { kind: 'skip', operation, reason };
}
