/**
 * How item documents are written: bulk `update`s with `scripted_upsert`, so the engine runs a
 * script against the stored document (or an empty one) and the order of states lives in
 * `_source` instead of `_version`.
 *
 * Why not external versions, as for reviews: an item document holds two things that change
 * independently - the item's content (from items.enriched, ordered by the enriched-item order) and
 * its rating (an aggregation over the reviews index). Writing the rating is a partial update, and
 * every update moves `_version` on by one; with external versioning the next item event would then
 * be compared with a `_version` that no longer means "item order", and refused or let through
 * wrongly. A whole-document index would instead wipe the rating. The scripts below compare their
 * own order fields, keep each other's fields, and make a stale write a no-op (`ctx.op = 'none'`),
 * which is what makes a redelivery or a replay change nothing:
 *
 * - content: applies only when `params.order > itemOrder` (absent: apply), replaces every content
 *   field, keeps `rating`/`ratingAt`. A delete writes a tombstone (no content, `deleted: true`)
 *   that keeps its `itemOrder`: external versioning remembered deletes only for
 *   `index.gc_deletes` (60 s), after which a late older update would have resurrected the item.
 * - rating: applies only when `params.at > ratingAt`; an aggregation that started later has seen
 *   every review the earlier one saw (see ratings.ts), so the later one wins whatever order the
 *   writes arrive in. A missing document becomes a stub with only the rating, which the item's
 *   content later fills in; readers filter stubs out (documents.ts liveItemsFilter).
 *
 * Two writers updating one document at once (two sink instances, the sink and a reindex) make the
 * engine's internal check fail with a 409; `retry_on_conflict` re-runs the script on the new
 * document, so a 409 that still comes back is a retry, not a stale write (bulk.ts).
 */
import type { SearchAction } from './documents.ts';

/** Engine-side re-runs of an update whose document changed under it. */
export const RETRY_ON_CONFLICT = 5;

// Painless: `def` compares Integer and Long alike (an order below 2^31 is read back as Integer).
const CONTENT_SCRIPT = [
  'def stored = ctx._source.itemOrder;',
  "if (stored != null && params.order <= stored) { ctx.op = 'none'; return; }",
  'def rating = ctx._source.rating;',
  'def ratingAt = ctx._source.ratingAt;',
  'ctx._source.clear();',
  'ctx._source.putAll(params.doc);',
  'ctx._source.itemOrder = params.order;',
  'ctx._source.deleted = params.deleted;',
  'ctx._source.rating = rating;',
  'if (ratingAt != null) { ctx._source.ratingAt = ratingAt; }',
].join(' ');

const RATING_SCRIPT = [
  'def stored = ctx._source.ratingAt;',
  "if (stored != null && params.at <= stored) { ctx.op = 'none'; return; }",
  'ctx._source.rating = params.rating;',
  'ctx._source.ratingAt = params.at;',
].join(' ');

export interface ScriptedUpsert {
  scripted_upsert: true;
  upsert: Record<string, never>;
  script: { lang: 'painless'; source: string; params: Record<string, unknown> };
}

function scripted(source: string, params: Record<string, unknown>): ScriptedUpsert {
  return { scripted_upsert: true, upsert: {}, script: { lang: 'painless', source, params } };
}

/**
 * The body of the bulk `update` that applies an item action (content, tombstone or rating).
 *
 * @example
 * body.push({ update: { _index, _id: action.id, retry_on_conflict: RETRY_ON_CONFLICT } }, itemUpdate(action));
 */
export function itemUpdate(action: SearchAction): ScriptedUpsert {
  switch (action.op) {
    case 'index':
      return scripted(CONTENT_SCRIPT, { order: action.version, deleted: false, doc: action.document });
    case 'delete':
      return scripted(CONTENT_SCRIPT, { order: action.version, deleted: true, doc: { id: action.id } });
    case 'rate':
      return scripted(RATING_SCRIPT, { at: action.at, rating: action.rating });
  }
}
