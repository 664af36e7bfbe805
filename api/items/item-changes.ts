/**
 * What every item write shares: one transaction for the change and its ItemChanged, the rules an
 * item must pass before it is stored, the owner check, the cache after the commit, and the answer
 * a write gives (the row as committed).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { enqueueEvent } from '../../connectors/outbox/index.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { Logger } from '../../core/log/index.ts';
import type { ChangeType, Item } from '../../schemas/types.generated.ts';
import { assertOwnerOrAdmin } from '../auth/middleware.ts';
import type { ApiDependencies } from '../dependencies.ts';
import type { AuthUser } from '../http/env.ts';
import { validationError } from '../http/problem.ts';
import { inTransaction } from '../../connectors/postgres/transaction.ts';
import { refillCardQuietly } from './card-refill.ts';
import { presignImages } from '../http/image-references.ts';
import type { CatalogueRules } from './item-cards.ts';
import { eventItem, lockItemRow, type ItemRow } from './item-rows.ts';
import { withPostgres } from '../http/postgres-errors.ts';
import type { ItemRecord } from './schemas.ts';
import type { WriteContext } from '../http/write-context.ts';

/**
 * The live item `id`, locked for this transaction, after checking the caller may change it:
 * NOT_FOUND for no item or a deleted one, FORBIDDEN for someone else's.
 */
export async function lockOwnItem(client: pg.ClientBase, user: AuthUser, id: string): Promise<ItemRow> {
  const row = await lockItemRow(client, id);
  if (row === undefined || row.deleted) throw itemNotFound(id);
  assertOwnerOrAdmin(user, row.seller.ownerId, 'item');
  return row;
}

export function itemNotFound(id: string): PlatformError {
  return new PlatformError(ErrorCodes.NOT_FOUND, `No item ${id}`, { itemId: id });
}

/**
 * Refuses (400) an item the pipeline would reject: a currency the shop does not sell in, and every
 * rule of normalise-items (a price at or above its currency's cap, a title that normalises to
 * nothing). Checked before the write, so a 201 never turns into a dead letter later.
 */
export function checkItemRules(rules: CatalogueRules, item: Item): void {
  if (!rules.currencies.includes(item.price.currency)) {
    throw validationError(`The shop does not sell in ${item.price.currency}`, [
      { path: 'body.price.currency', message: `must be one of ${rules.currencies.join(', ')}` },
    ]);
  }
  const normalised = rules.normalise(item, 1, 0);
  if ('rejected' in normalised) {
    throw validationError(`The item breaks a catalogue rule: ${normalised.rejected}`, [
      { path: 'body', message: normalised.rejected },
    ]);
  }
}

export interface ItemChange<T> {
  /** What the change does, for errors: 'updating an item'. */
  doing: string;
  type: ChangeType;
  itemId: string;
  /** Changes the rows, inside the transaction; resolves to what the caller needs back. */
  write(client: pg.ClientBase): Promise<T>;
  /** The item the event carries when it is not the row as committed (a deletion carries its last state). */
  eventItem?(result: T): Item;
}

/**
 * The one shape of every item write: in one transaction, the change, then the row as it now is,
 * then its ItemChanged (version and time are the row's); after the commit, the new state goes into
 * the cache. Resolves to the committed row and what `write` returned.
 */
export async function commitItemChange<T>(
  deps: ApiDependencies,
  rules: CatalogueRules,
  context: WriteContext,
  change: ItemChange<T>,
): Promise<{ row: ItemRow; result: T }> {
  const bucket = deps.config.api.imagesBucket;
  const committed = await withPostgres(change.doing, () =>
    inTransaction(deps.postgres, async (client) => {
      const result = await change.write(client);
      // The write holds the row's lock; reading it back gives the version it committed.
      const row = (await lockItemRow(client, change.itemId))!;
      await enqueueEvent(client, {
        topic: 'items',
        key: row.id,
        version: row.version,
        value: {
          eventId: randomUUID(),
          type: change.type,
          item: change.eventItem?.(result) ?? eventItem(row, bucket),
          version: row.version,
          changedBy: context.user.id,
          // The row's updated_at: a card the API builds from this row then equals the sink's.
          occurredAt: row.updatedAt.getTime(),
        },
        traceparent: context.traceparent,
      });
      return { row, result };
    }),
  );
  await cacheCommitted(deps, rules, committed.row, context.log);
  return committed;
}

/**
 * Puts a committed row's state in the cache (under the sink's ordering rule), so the writer's next
 * read shows its write rather than the state before it. Best effort: the sink writes it anyway.
 */
async function cacheCommitted(
  deps: ApiDependencies,
  rules: CatalogueRules,
  row: ItemRow,
  log: Logger,
): Promise<void> {
  await refillCardQuietly(deps.redis, deps.keys, rules.cacheEntryOf(row, deps.config.api.imagesBucket), log);
}

/** The answer of a write: the row as committed, images as time-limited URLs. */
export async function itemRecord(deps: ApiDependencies, row: ItemRow): Promise<ItemRecord> {
  const options = {
    s3: deps.s3,
    bucket: deps.config.api.imagesBucket,
    ttlSeconds: deps.config.api.imageUrlTtlSeconds,
  };
  const images = await Promise.all(
    row.images.map(async (image) => ({
      position: image.position,
      url: (await presignImages([image.key], options))[0]?.url ?? '',
    })),
  );
  return {
    id: row.id,
    sellerId: row.sellerId,
    version: row.version,
    title: row.title,
    description: row.description,
    category: row.category,
    price: { ...row.price },
    attributes: { ...row.attributes },
    images,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
