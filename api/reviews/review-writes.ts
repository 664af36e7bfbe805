/**
 * Review writes: each changes the `comments` row and enqueues its CommentChanged event (topic
 * `comments`, key = review id, version = the row's new version) in one transaction, and returns
 * the review as committed. The event's `occurredAt` is the row's own timestamp, so the list (which
 * shows the indexed event's time as `updatedAt`) agrees with what the write answered.
 *
 * One live review per shopper per item is the database's rule (a partial unique index), so two
 * concurrent posts cannot both win; the loser gets 409.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { enqueueEvent } from '../../connectors/outbox/index.ts';
import { inTransaction } from '../../connectors/postgres/transaction.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { ChangeType, CommentChanged } from '../../schemas/types.generated.ts';
import { assertOwnerOrAdmin } from '../auth/middleware.ts';
import type { AuthUser } from '../http/env.ts';
import type { WriteContext } from '../http/write-context.ts';
import { postgresError, sqlState } from '../http/postgres-errors.ts';
import type { Review } from './schemas.ts';

const ALREADY_REVIEWED =
  'You have already reviewed this item; edit or delete that review instead (PATCH or DELETE /v1/reviews/{id})';

interface CommentRow {
  id: string;
  item_id: string;
  author_id: string;
  text: string;
  rating: number;
  version: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

const COLUMNS = 'id, item_id, author_id, text, rating, version, created_at, updated_at, deleted_at';

function reviewOf(row: CommentRow): Review {
  return {
    id: row.id,
    itemId: row.item_id,
    authorId: row.author_id,
    text: row.text,
    rating: row.rating,
    sentiment: null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function enqueueChange(
  client: pg.PoolClient,
  type: ChangeType,
  row: CommentRow,
  context: WriteContext,
): Promise<void> {
  const version = Number(row.version);
  const value: CommentChanged = {
    eventId: randomUUID(),
    type,
    comment: { id: row.id, itemId: row.item_id, authorId: row.author_id, text: row.text, rating: row.rating },
    version,
    changedBy: context.user.id,
    occurredAt: (row.deleted_at ?? row.updated_at).getTime(),
  };
  await enqueueEvent(client, {
    topic: 'comments',
    key: row.id,
    version,
    value,
    traceparent: context.traceparent,
  });
}

/** Runs `work` in a transaction, with Postgres failures mapped for the client. */
function write<T>(postgres: pg.Pool, doing: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(postgres, work).catch((error: unknown) => {
    // The one unique key a review write can break is comments_one_live_review_key (ids are fresh).
    if (sqlState(error) === '23505') {
      throw new PlatformError(ErrorCodes.CONFLICT, ALREADY_REVIEWED, { cause: error });
    }
    throw postgresError(error, doing);
  });
}

/** A new review of `itemId` by the caller; NOT_FOUND for an unknown or deleted item, CONFLICT for a second one. */
export function createReview(
  postgres: pg.Pool,
  context: WriteContext,
  itemId: string,
  input: { text: string; rating: number },
): Promise<Review> {
  return write(postgres, 'writing the review', async (client) => {
    // FOR SHARE: the item cannot be deleted while its review is being written.
    const item = await client.query('SELECT 1 FROM items WHERE id = $1 AND deleted_at IS NULL FOR SHARE', [
      itemId,
    ]);
    if (item.rowCount === 0) throw new PlatformError(ErrorCodes.NOT_FOUND, `No item ${itemId}`, { itemId });
    const { rows } = await client.query<CommentRow>(
      `INSERT INTO comments (id, item_id, author_id, text, rating) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [randomUUID(), itemId, context.user.id, input.text, input.rating],
    );
    await enqueueChange(client, 'CREATED', rows[0]!, context);
    return reviewOf(rows[0]!);
  });
}

/** The live review `reviewId`, locked for a change by its author or an admin. */
async function lockReview(client: pg.PoolClient, reviewId: string, user: AuthUser): Promise<void> {
  const { rows } = await client.query<{ author_id: string }>(
    'SELECT author_id FROM comments WHERE id = $1 AND deleted_at IS NULL FOR UPDATE',
    [reviewId],
  );
  if (!rows[0]) throw new PlatformError(ErrorCodes.NOT_FOUND, `No review ${reviewId}`, { reviewId });
  assertOwnerOrAdmin(user, rows[0].author_id, 'review');
}

export function updateReview(
  postgres: pg.Pool,
  context: WriteContext,
  reviewId: string,
  input: { text?: string | undefined; rating?: number | undefined },
): Promise<Review> {
  return write(postgres, 'changing the review', async (client) => {
    await lockReview(client, reviewId, context.user);
    const { rows } = await client.query<CommentRow>(
      `UPDATE comments
          SET text = COALESCE($2, text), rating = COALESCE($3, rating), version = version + 1, updated_at = now()
        WHERE id = $1
        RETURNING ${COLUMNS}`,
      [reviewId, input.text ?? null, input.rating ?? null],
    );
    await enqueueChange(client, 'UPDATED', rows[0]!, context);
    return reviewOf(rows[0]!);
  });
}

/** Soft-deletes the review (kept for the events' history); a deleted review is NOT_FOUND. */
export function deleteReview(postgres: pg.Pool, context: WriteContext, reviewId: string): Promise<void> {
  return write(postgres, 'deleting the review', async (client) => {
    await lockReview(client, reviewId, context.user);
    const { rows } = await client.query<CommentRow>(
      `UPDATE comments SET deleted_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1
        RETURNING ${COLUMNS}`,
      [reviewId],
    );
    await enqueueChange(client, 'DELETED', rows[0]!, context);
  });
}
