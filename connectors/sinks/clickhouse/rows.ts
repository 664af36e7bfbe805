/**
 * What the analytics store holds for an event: one pure mapping per input type, from the decoded
 * record to a JSONEachRow row of its table (schema.ts), or the reason it cannot be stored.
 *
 * ClickHouse does not refuse every value it cannot hold: a DateTime past 2106 or a negative number
 * in an unsigned column is silently wrapped into a wrong value, not an error. So every number and
 * time is checked here, and a record that would be stored wrongly is rejected (and dead-lettered
 * by the runner) instead of skewing the dashboards.
 */
import { enrichedItemVersion, SELLER_VERSION_LIMIT } from '../enriched-item-version.ts';
import type { EnrichedActivity, EnrichedItem, ScoredComment } from '../../../schemas/types.generated.ts';
import { utcDate, utcDateTime } from './sql.ts';

export type RowResult<R> = { ok: true; row: R } | { ok: false; reason: string };

export interface ActivityRow {
  event_id: string;
  type: string;
  session_id: string;
  user_id: string;
  occurred_at: string;
  event_date: string;
  item_id: string;
  category_id: string;
  category_path: string[];
  seller_id: string;
  price_minor: number | null;
  price_currency: string;
  page: string;
  referrer: string;
  user_agent: string;
  search_id: string;
  query: string;
  normalised_query: string;
  result_count: number | null;
  click_position: number | null;
  quantity: number | null;
  order_id: string;
  order_total_minor: number | null;
  order_currency: string;
}

export interface ItemRow {
  item_id: string;
  version: number;
  item_version: number;
  seller_version: number;
  deleted: 0 | 1;
  title: string;
  category_id: string;
  category_path: string[];
  category_raw: string;
  category_known: 0 | 1;
  price_minor: number;
  price_currency: string;
  seller_id: string;
  seller_name: string;
  seller_rating: number | null;
  seller_region: string;
  updated_at: string;
  enriched_at: string;
  source_event_id: string;
}

export interface CommentRow {
  comment_id: string;
  item_id: string;
  author_id: string;
  version: number;
  deleted: 0 | 1;
  rating: number;
  language: string;
  sentiment_label: string;
  sentiment_score: number;
  sentiment_confidence: number;
  model_version: string;
  occurred_at: string;
  event_date: string;
  source_event_id: string;
}

/** DateTime is unsigned 32-bit seconds: 1970-01-01 to 2106-02-07. */
const MAX_DATETIME_MS = (2 ** 32 - 1) * 1000;
const MAX_UINT32 = 2 ** 32 - 1;

/**
 * Seller versions an item row version can tell apart: 2^21. With item versions below 2^32 the
 * product stays below 2^53, exact in a JavaScript number and far below UInt64's limit.
 */
export { SELLER_VERSION_LIMIT };

/** Collects the problems of one record; each check returns a value fit for its column. */
class Checker {
  readonly problems: string[] = [];

  dateTime(field: string, epochMs: number): string {
    if (!Number.isFinite(epochMs) || epochMs < 0 || epochMs > MAX_DATETIME_MS) {
      this.problems.push(`${field} must be a time from 1970 to 2106 (ClickHouse DateTime), got ${epochMs}`);
      return '';
    }
    return utcDateTime(epochMs);
  }

  uint(field: string, value: number, max = MAX_UINT32): number {
    if (!Number.isSafeInteger(value) || value < 0 || value > max) {
      this.problems.push(`${field} must be an integer from 0 to ${max}, got ${value}`);
    }
    return value;
  }

  int64(field: string, value: number): number {
    if (!Number.isSafeInteger(value)) this.problems.push(`${field} must be a safe integer, got ${value}`);
    return value;
  }

  float(field: string, value: number): number {
    // JSON has no NaN or Infinity: JSON.stringify would send null, which a Float64 column refuses.
    if (!Number.isFinite(value)) this.problems.push(`${field} must be a finite number, got ${value}`);
    return value;
  }

  id(field: string, value: string): string {
    // The id is the deduplication key: an empty one would merge unrelated records into one row.
    if (value.trim() === '') this.problems.push(`${field} must not be empty`);
    return value;
  }

  result<R>(row: R): RowResult<R> {
    return this.problems.length === 0 ? { ok: true, row } : { ok: false, reason: this.problems.join('; ') };
  }
}

/**
 * The activity row of an enriched shopper action.
 *
 * @example
 * activityRow(samples['enriched-activity'])
 * // { ok: true, row: { event_id: '5d3c…', type: 'SEARCH', occurred_at: '2026-11-25 12:00:00', query: 'Айфон 13', normalised_query: 'айфон 13', result_count: 3, … } }
 */
export function activityRow(enriched: EnrichedActivity): RowResult<ActivityRow> {
  const check = new Checker();
  const { activity, item } = enriched;
  const { search, click, cart, purchase } = activity;
  const occurredAt = check.dateTime('activity.occurredAt', activity.occurredAt);
  const quantity = cart?.quantity ?? purchase?.quantity ?? null;
  return check.result({
    event_id: check.id('activity.eventId', activity.eventId),
    type: activity.type,
    session_id: activity.sessionId,
    user_id: activity.userId ?? '',
    occurred_at: occurredAt,
    event_date: occurredAt === '' ? '' : utcDate(activity.occurredAt),
    item_id: activity.itemId ?? '',
    category_id: item?.categoryId ?? '',
    category_path: item ? [...item.categoryPath] : [],
    seller_id: item?.sellerId ?? '',
    price_minor: item ? check.int64('item.price.amountMinor', item.price.amountMinor) : null,
    price_currency: item?.price.currency ?? '',
    page: activity.page ?? '',
    referrer: activity.referrer ?? '',
    user_agent: activity.userAgent ?? '',
    search_id: search?.searchId ?? click?.searchId ?? '',
    query: search?.query ?? '',
    normalised_query: enriched.normalisedQuery ?? '',
    result_count: search ? check.uint('search.resultCount', search.resultCount) : null,
    click_position: click ? check.uint('click.position', click.position) : null,
    quantity: quantity === null ? null : check.uint(cart ? 'cart.quantity' : 'purchase.quantity', quantity),
    order_id: purchase?.orderId ?? '',
    order_total_minor: purchase
      ? check.int64('purchase.total.amountMinor', purchase.total.amountMinor)
      : null,
    order_currency: purchase?.total.currency ?? '',
  });
}

/**
 * The replacing version of an item row: `item.version * 2^21 + seller.version`.
 *
 * enrich-items re-emits an item with the *same* item version when its seller changes; with the item
 * version alone the table could keep the old seller. The seller's version in the low bits makes the
 * re-emission newer, while any change of the item itself outranks every seller change before it.
 * A seller deletion re-emits the item with `seller: null` (seller version 0): that is older than the
 * stored row, so the row keeps the deleted seller until the item itself changes.
 */
export function itemRowVersion(itemVersion: number, sellerVersion: number): number {
  // The checker has bounded both versions already.
  return enrichedItemVersion(itemVersion, sellerVersion)!;
}

/** The items row of an enriched item (a deleted item too: deleted = 1, its last state kept). */
export function itemRow(enriched: EnrichedItem): RowResult<ItemRow> {
  const check = new Checker();
  const { item, seller } = enriched;
  const itemVersion = check.uint('item.version', item.version);
  const sellerVersion = check.uint('seller.version', seller?.version ?? 0, SELLER_VERSION_LIMIT - 1);
  return check.result({
    item_id: check.id('item.id', item.id),
    version: itemRowVersion(itemVersion, sellerVersion),
    item_version: itemVersion,
    seller_version: sellerVersion,
    deleted: item.deleted ? 1 : 0,
    title: item.title,
    category_id: item.category.id ?? '',
    category_path: [...item.category.path],
    category_raw: item.category.raw,
    category_known: item.category.known ? 1 : 0,
    price_minor: check.int64('item.price.amountMinor', item.price.amountMinor),
    price_currency: item.price.currency,
    seller_id: item.sellerId,
    seller_name: seller?.name ?? '',
    seller_rating: seller?.rating == null ? null : check.float('seller.rating', seller.rating),
    seller_region: seller?.region ?? '',
    updated_at: check.dateTime('item.updatedAt', item.updatedAt),
    enriched_at: check.dateTime('enrichedAt', enriched.enrichedAt),
    source_event_id: item.sourceEventId,
  });
}

/** The comments row of a scored review (a deleted one too: deleted = 1). */
export function commentRow(scored: ScoredComment): RowResult<CommentRow> {
  const check = new Checker();
  const { comment, sentiment } = scored;
  const occurredAt = check.dateTime('occurredAt', scored.occurredAt);
  return check.result({
    comment_id: check.id('comment.id', comment.id),
    item_id: comment.itemId,
    author_id: comment.authorId,
    version: check.uint('version', scored.version, Number.MAX_SAFE_INTEGER),
    deleted: scored.deleted ? 1 : 0,
    rating: check.uint('comment.rating', comment.rating, 255),
    language: sentiment.language,
    sentiment_label: sentiment.label,
    sentiment_score: check.float('sentiment.score', sentiment.score),
    sentiment_confidence: check.float('sentiment.confidence', sentiment.confidence),
    model_version: sentiment.modelVersion,
    occurred_at: occurredAt,
    event_date: occurredAt === '' ? '' : utcDate(scored.occurredAt),
    source_event_id: scored.sourceEventId,
  });
}
