/**
 * From what a browser sent to what goes on the activity topic: the UserActivity record of each
 * beacon event, and the checks the edge schema cannot make alone - the event's time against the
 * server's clock, and the record against the topic's Avro schema (the widths of its numbers, and
 * anything the two schemas might come to disagree on). Pure: the clock and id source are passed in.
 */
import type avro from 'avsc';
import { latest } from '../../schemas/catalog.ts';
import { topics } from '../../schemas/topics.ts';
import type { UserActivity } from '../../schemas/types.generated.ts';
import type { FieldError } from '../http/problem.ts';
import type { ActivityEvent } from './schemas.ts';

const MINUTE_MS = 60_000;
/** Client clocks run ahead a little; more than this is a broken clock or a forged event. */
export const MAX_FUTURE_MS = 5 * MINUTE_MS;
/** The activity topic keeps 7 days: an older event would be dropped by retention on arrival. */
export const MAX_AGE_MS = 7 * 24 * 60 * MINUTE_MS;

/** What the request contributes to every event of the batch. */
export interface BeaconContext {
  /** The signed-in caller, or null for an anonymous shopper. */
  userId: string | null;
  /** The request's User-Agent header, used when an event names none. */
  userAgent: string | null;
  newEventId(): string;
}

/** The record an event becomes: the caller's user id always, defaults for what the browser left out. */
export function toUserActivity(event: ActivityEvent, context: BeaconContext): UserActivity {
  return {
    eventId: event.eventId ?? context.newEventId(),
    type: event.type,
    sessionId: event.sessionId,
    userId: context.userId,
    occurredAt: event.occurredAt,
    userAgent: event.userAgent ?? context.userAgent,
    referrer: event.referrer ?? null,
    itemId: ('itemId' in event ? event.itemId : null) ?? null,
    page: event.type === 'PAGE_VIEW' ? event.page : null,
    search: event.type === 'SEARCH' ? { ...event.search } : null,
    click:
      event.type === 'CLICK'
        ? { searchId: event.click.searchId ?? null, position: event.click.position }
        : null,
    cart: event.type === 'ADD_TO_CART' ? { quantity: event.cart.quantity } : null,
    purchase:
      event.type === 'PURCHASE'
        ? {
            orderId: event.purchase.orderId,
            quantity: event.purchase.quantity,
            total: { amountMinor: event.purchase.total.amountMinor, currency: event.purchase.total.currency },
          }
        : null,
  };
}

/** `occurredAt` within [now - 7 days, now + 5 minutes], or the error naming the field. */
export function timeError(activity: UserActivity, now: number, path: string): FieldError | undefined {
  if (activity.occurredAt > now + MAX_FUTURE_MS) {
    return { path: `${path}.occurredAt`, message: 'must not be more than 5 minutes in the future' };
  }
  if (activity.occurredAt < now - MAX_AGE_MS) {
    return { path: `${path}.occurredAt`, message: 'must not be older than 7 days' };
  }
  return undefined;
}

/** The activity topic's value type (the schema version producers write). */
const activityType: avro.Type = latest(topics.activity.schema).type;

/** Every field of `activity` the topic's Avro schema refuses, as `<path>.<field>`. */
export function avroErrors(activity: UserActivity, path: string): FieldError[] {
  const errors: FieldError[] = [];
  activityType.isValid(activity, {
    errorHook(fieldPath, _value, type) {
      errors.push({
        path: [path, ...fieldPath].join('.'),
        message: `does not fit the ${topics.activity.name} schema (${describeAvroType(type)})`,
      });
    },
  });
  return errors;
}

function describeAvroType(type: avro.Type): string {
  switch (type.typeName) {
    case 'int':
      return 'Avro int: a 32-bit integer';
    case 'long':
      return 'Avro long: a 64-bit integer';
    default:
      return `Avro ${type.typeName ?? 'type'}`;
  }
}

/**
 * The records of a validated batch, or every error of every event (`<prefix>.<i>.<field>`): one
 * bad event refuses the whole batch, so nothing of it is produced and the client fixes all at once.
 */
export function checkBatch(
  events: readonly ActivityEvent[],
  context: BeaconContext,
  now: number,
  prefix = 'body.events',
): { ok: true; records: UserActivity[] } | { ok: false; errors: FieldError[] } {
  const records: UserActivity[] = [];
  const errors: FieldError[] = [];
  events.forEach((event, i) => {
    const activity = toUserActivity(event, context);
    const path = `${prefix}.${i}`;
    const late = timeError(activity, now, path);
    if (late) errors.push(late);
    errors.push(...avroErrors(activity, path));
    records.push(activity);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, records };
}
