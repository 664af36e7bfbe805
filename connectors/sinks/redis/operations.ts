/**
 * Record → Redis operation: what one decoded event asks of the store, decided without Redis so it
 * is tested with plain values. The scripts (scripts/*.lua) then apply the operations atomically
 * with the partition's offset.
 */
import type {
  EnrichedActivity,
  EnrichedItem,
  ScoredComment,
  SentimentLabel,
} from '../../../schemas/types.generated.ts';
import { cardOrder, SELLER_VERSION_BITS, toItemCard, type ItemCard } from './item-card.ts';
import { viewerId } from './keys.ts';
import { landmarkFor } from './trending-decay.ts';

/** Write (or, with `card` null, delete) an item's card unless a newer one is stored. */
export interface CardOperation {
  kind: 'card';
  itemId: string;
  /** The card's ordering version (item-card.ts `cardOrder`). */
  order: string;
  card: ItemCard | null;
}

/** Count a page view: views, unique viewers, trending. */
export interface ViewOperation {
  kind: 'view';
  itemId: string;
  /** The HyperLogLog element; empty when the view has neither user nor session (not counted there). */
  viewer: string;
  /** The event's time, epoch milliseconds. */
  eventTime: number;
  /** The trending landmark this event needs (trending-decay.ts `landmarkFor`). */
  landmark: number;
}

/** Replace a review's contribution to its item's rating and sentiment summaries, if newer. */
export interface CommentOperation {
  kind: 'comment';
  itemId: string;
  commentId: string;
  version: number;
  deleted: boolean;
  /** 1-5; 0 for a deleted review. */
  rating: number;
  /** The sentiment score in millionths, so sums are integers and exact in any order. */
  scoreMicros: number;
  /** Empty for a deleted review. */
  label: SentimentLabel | '';
}

/** The record asks nothing of Redis (a search, a view of no item); its offset still counts. */
export interface NoOperation {
  kind: 'none';
}

/** The record can never be applied; it goes to the dead-letter topic with the reason. */
export interface RejectOperation {
  kind: 'reject';
  reason: string;
}

export type RedisOperation = CardOperation | ViewOperation | CommentOperation | NoOperation | RejectOperation;

const none: NoOperation = Object.freeze({ kind: 'none' });
const reject = (reason: string): RejectOperation => ({ kind: 'reject', reason });
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const isId = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isVersion = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * An EnrichedItem → its card, or the card's deletion.
 *
 * @example
 * itemCardOperation(samples['enriched-item']);  // { kind: 'card', itemId, order: '6291457', card: {…} }
 */
export function itemCardOperation(value: unknown): CardOperation | RejectOperation {
  if (!isObject(value) || !isObject(value.item)) return reject('not an EnrichedItem: no item');
  const enriched = value as unknown as EnrichedItem;
  const { item } = enriched;
  if (!isId(item.id)) return reject(`item.id must not be empty, got ${JSON.stringify(item.id)}`);
  const order = cardOrder(enriched);
  if (order === undefined) {
    return reject(
      `item.version must be an integer from 0 to 2^32-1 and seller.version one below 2^${SELLER_VERSION_BITS}, ` +
        `got ${item.version} and ${enriched.seller?.version ?? null}: the card cannot be ordered`,
    );
  }
  return { kind: 'card', itemId: item.id, order, card: item.deleted ? null : toItemCard(enriched) };
}

/**
 * An EnrichedActivity → a counted view. Only PAGE_VIEWs of an item count; anything else is no
 * operation (not a rejection: the activity is fine, it just does not concern the counters).
 */
export function viewOperation(
  value: unknown,
  halfLife: number,
): ViewOperation | NoOperation | RejectOperation {
  if (!isObject(value) || !isObject(value.activity)) return reject('not an EnrichedActivity: no activity');
  const { activity } = value as unknown as EnrichedActivity;
  if (activity.type !== 'PAGE_VIEW' || !isId(activity.itemId)) return none;
  if (!Number.isSafeInteger(activity.occurredAt)) {
    return reject(`activity.occurredAt must be epoch milliseconds, got ${String(activity.occurredAt)}`);
  }
  return {
    kind: 'view',
    itemId: activity.itemId,
    viewer: viewerId(activity.userId, activity.sessionId),
    eventTime: activity.occurredAt,
    landmark: landmarkFor(activity.occurredAt, halfLife),
  };
}

const labels: ReadonlySet<string> = new Set<SentimentLabel>(['POSITIVE', 'NEUTRAL', 'NEGATIVE']);

/** A ScoredComment → its contribution to the item's summaries (none once deleted). */
export function commentOperation(value: unknown): CommentOperation | RejectOperation {
  if (!isObject(value) || !isObject(value.comment)) return reject('not a ScoredComment: no comment');
  const scored = value as unknown as ScoredComment;
  const { comment } = scored;
  if (!isId(comment.id)) return reject(`comment.id must not be empty, got ${JSON.stringify(comment.id)}`);
  if (!isId(comment.itemId))
    return reject(`comment.itemId must not be empty, got ${JSON.stringify(comment.itemId)}`);
  if (!isVersion(scored.version))
    return reject(`version must be a non-negative integer, got ${scored.version}`);
  const base = {
    kind: 'comment' as const,
    itemId: comment.itemId,
    commentId: comment.id,
    version: scored.version,
  };
  if (scored.deleted) return { ...base, deleted: true, rating: 0, scoreMicros: 0, label: '' };
  if (!Number.isInteger(comment.rating) || comment.rating < 1 || comment.rating > 5) {
    return reject(`comment.rating must be an integer from 1 to 5, got ${comment.rating}`);
  }
  const sentiment = isObject(scored.sentiment) ? scored.sentiment : undefined;
  if (!sentiment || !Number.isFinite(sentiment.score) || Math.abs(sentiment.score) > 1) {
    return reject(`sentiment.score must be a number from -1 to 1, got ${String(sentiment?.score)}`);
  }
  if (!labels.has(sentiment.label)) return reject(`sentiment.label is unknown: ${String(sentiment.label)}`);
  return {
    ...base,
    deleted: false,
    rating: comment.rating,
    scoreMicros: Math.round(sentiment.score * 1e6),
    label: sentiment.label,
  };
}
