/**
 * Bulk writes, and what each item of a bulk response means for the sink contract. Reviews are
 * `index`/`delete` with external versions; items are scripted `update`s (item-scripts.ts).
 *
 * - 200/201 written; a delete answered 404 `not_found` is written too (nothing to delete, and the
 *   engine records the delete's version, so an older index of the same document is refused).
 * - An update answered `noop`: the script found the stored state as new or newer - stale.
 * - 409 on an external-version write: the engine already has this version or a newer one. That is
 *   success: it is exactly what makes a redelivery or a replay from offset zero change nothing.
 *   409 on an update is different: another writer changed the document more often than
 *   `retry_on_conflict` allowed; nothing was decided, so it is retried.
 * - 429 / 5xx, or an index that is gone: the engine or its setup, not the record, is at fault; the
 *   whole batch is retried (its written items then come back as 409s or no-ops, i.e. no change).
 * - any other 4xx (a mapping conflict, a value the field cannot hold, a failing script): the record
 *   can never be written to this index; it is returned as rejected with the engine's reason, for
 *   the dead letter topic.
 *
 * Review deletes keep a tombstone with their version only for `index.gc_deletes` (60 s by
 * default). A replay of a review's old create after that would bring the document back - but a
 * replay replays the later delete too, in order (one key, one partition), so the end state is the
 * same. Item deletes are tombstone documents that never expire (item-scripts.ts).
 */
import type { Client } from '@opensearch-project/opensearch';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';
import { isTransientStatus, searchFailure } from './client.ts';
import type { SearchAction, SearchTarget } from './documents.ts';
import { itemUpdate, RETRY_ON_CONFLICT } from './item-scripts.ts';

/** The bulk operation an action is sent as. */
export type BulkVerb = 'index' | 'delete' | 'update';

/** Items are scripted updates; reviews are indexed or deleted with external versions. */
export function bulkVerbOf(action: SearchAction): BulkVerb {
  return action.target === 'items' ? 'update' : action.op === 'delete' ? 'delete' : 'index';
}

/** The part of a bulk response item the classification reads. */
export interface BulkResponseItem {
  status: number;
  result?: string;
  error?: { type?: string; reason?: string | null; caused_by?: { type?: string; reason?: string | null } };
}

export type BulkItemOutcome =
  | { kind: 'written' }
  | { kind: 'stale' }
  | { kind: 'retry'; reason: string }
  | { kind: 'rejected'; reason: string };

function describeError(item: BulkResponseItem): string {
  const { error } = item;
  if (!error) return `HTTP ${item.status}`;
  const cause = error.caused_by ? ` (${error.caused_by.type}: ${error.caused_by.reason ?? ''})` : '';
  return `${error.type ?? 'error'}: ${error.reason ?? ''}${cause}`;
}

/** What one bulk response item means; see the module comment. Never throws. */
export function classifyBulkItem(verb: BulkVerb, item: BulkResponseItem): BulkItemOutcome {
  if (item.status >= 200 && item.status < 300) {
    return item.result === 'noop' ? { kind: 'stale' } : { kind: 'written' };
  }
  if (verb === 'delete' && item.status === 404 && !item.error) return { kind: 'written' };
  if (item.status === 409) {
    return verb === 'update' ? { kind: 'retry', reason: describeError(item) } : { kind: 'stale' };
  }
  if (isTransientStatus(item.status) || item.error?.type === 'index_not_found_exception') {
    return { kind: 'retry', reason: describeError(item) };
  }
  return { kind: 'rejected', reason: describeError(item) };
}

export interface BulkRejection {
  /** Position of the action in the list given to bulkWrite. */
  position: number;
  reason: string;
}

export interface BulkResult {
  written: number;
  /** States the engine already had (or had newer): redeliveries and replays. */
  stale: number;
  rejected: BulkRejection[];
}

export interface BulkWriteOptions {
  /** The index or alias each target's actions go to. */
  indexOf: (target: SearchTarget) => string;
  /**
   * Refuse to write when the name is not an alias. The sink writes through aliases: without this a
   * missing alias would make the engine auto-create a plain index of that name, with guessed mappings.
   */
  requireAlias: boolean;
  /** For error messages. */
  url: string;
}

/**
 * Writes `actions` in one bulk request, in order (several actions on one id are applied in list
 * order; external versions decide which wins). Throws a retriable PlatformError when the request
 * or any item failed transiently, so the caller retries all of it.
 */
export async function bulkWrite(
  client: Client,
  actions: readonly SearchAction[],
  options: BulkWriteOptions,
): Promise<BulkResult> {
  if (actions.length === 0) return { written: 0, stale: 0, rejected: [] };
  const body: Record<string, unknown>[] = [];
  for (const action of actions) {
    const _index = options.indexOf(action.target);
    const verb = bulkVerbOf(action);
    if (verb === 'update') {
      body.push(
        { update: { _index, _id: action.id, retry_on_conflict: RETRY_ON_CONFLICT } },
        itemUpdate(action) as unknown as Record<string, unknown>,
      );
    } else if (action.op === 'index') {
      const meta = { _index, _id: action.id, version: action.version, version_type: 'external' };
      body.push({ index: meta }, action.document as unknown as Record<string, unknown>);
    } else if (action.op === 'delete') {
      body.push({ delete: { _index, _id: action.id, version: action.version, version_type: 'external' } });
    }
  }
  let items: BulkResponseItem[];
  try {
    const response = await client.bulk({ body, require_alias: options.requireAlias });
    items = response.body.items.map((item) => (item.index ?? item.delete ?? item.create ?? item.update)!);
  } catch (error) {
    throw searchFailure(error, `a bulk write of ${actions.length} actions`, options.url);
  }
  if (items.length !== actions.length) {
    throw new PlatformError(
      ErrorCodes.SERVICE_UNAVAILABLE,
      `bulk response has ${items.length} items for ${actions.length} actions`,
      { retriable: true, service: 'search' },
    );
  }
  const result: BulkResult = { written: 0, stale: 0, rejected: [] };
  const transient: string[] = [];
  items.forEach((item, position) => {
    const outcome = classifyBulkItem(bulkVerbOf(actions[position]!), item);
    if (outcome.kind === 'written') result.written += 1;
    else if (outcome.kind === 'stale') result.stale += 1;
    else if (outcome.kind === 'retry') transient.push(outcome.reason);
    else result.rejected.push({ position, reason: outcome.reason });
  });
  if (transient.length > 0) {
    throw new PlatformError(
      ErrorCodes.SERVICE_UNAVAILABLE,
      `search engine at ${options.url} could not take ${transient.length} of ${actions.length} bulk actions now: ${transient[0]}`,
      { retriable: true, service: 'search', failed: transient.length },
    );
  }
  return result;
}
