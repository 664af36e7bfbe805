/**
 * Seller page writes: each changes Postgres and enqueues its SellerChanged in one transaction, and
 * answers with the row it committed. A seller account owns at most one live seller page.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { enqueueEvent } from '../../connectors/outbox/index.ts';
import { inTransaction } from '../../connectors/postgres/transaction.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { ChangeType } from '../../schemas/types.generated.ts';
import { assertOwnerOrAdmin } from '../auth/middleware.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { validationError } from '../http/problem.ts';
import { withPostgres } from '../http/postgres-errors.ts';
import type { WriteContext } from '../http/write-context.ts';
import type { CreateSeller, PatchSeller, Seller } from './schemas.ts';
import {
  eventSeller,
  insertSellerRow,
  readSellerRow,
  sellerOf,
  updateSellerRow,
  type SellerRow,
} from './seller-rows.ts';

export class SellerWriter {
  constructor(private readonly deps: ApiDependencies) {}

  async create(body: CreateSeller, context: WriteContext): Promise<Seller> {
    const { user } = context;
    if (body.ownerId !== undefined && user.role !== 'admin' && body.ownerId !== user.id) {
      throw new PlatformError(ErrorCodes.FORBIDDEN, 'Only an admin opens a seller page for another account');
    }
    // A seller's page is their own; an admin's is admin-managed unless it names an owner.
    const ownerId = user.role === 'admin' ? (body.ownerId ?? null) : user.id;
    const row = await withPostgres('creating a seller', () =>
      inTransaction(this.deps.postgres, async (client) => {
        if (ownerId !== null) await this.lockOwner(client, ownerId, user.role === 'admin');
        const created = await insertSellerRow(client, {
          id: randomUUID(),
          ownerId,
          name: body.name,
          region: body.region ?? null,
        });
        await this.enqueue(client, 'CREATED', created, context);
        return created;
      }),
    );
    return sellerOf(row);
  }

  async update(id: string, patch: PatchSeller, context: WriteContext): Promise<Seller> {
    const row = await withPostgres('updating a seller', () =>
      inTransaction(this.deps.postgres, async (client) => {
        const current = await readSellerRow(client, id, true);
        if (current === undefined || current.deleted) {
          throw new PlatformError(ErrorCodes.NOT_FOUND, `No seller ${id}`, { sellerId: id });
        }
        assertOwnerOrAdmin(context.user, current.ownerId, 'seller page');
        const updated = await updateSellerRow(client, id, {
          name: patch.name ?? current.name,
          region: patch.region === undefined ? current.region : patch.region,
        });
        await this.enqueue(client, 'UPDATED', updated, context);
        return updated;
      }),
    );
    return sellerOf(row);
  }

  /**
   * Locks the owner's account row, so two requests cannot both open a first page (the table has no
   * unique owner constraint), then refuses a second live page. An admin naming an owner must name
   * a seller account.
   */
  private async lockOwner(client: pg.ClientBase, ownerId: string, namedByAdmin: boolean): Promise<void> {
    const { rows } = await client.query<{ role: string }>('SELECT role FROM users WHERE id = $1 FOR UPDATE', [
      ownerId,
    ]);
    if (rows.length === 0) {
      if (namedByAdmin)
        throw validationError(`No account ${ownerId}`, [
          { path: 'body.ownerId', message: 'names no account' },
        ]);
      throw new PlatformError(
        ErrorCodes.UNAUTHENTICATED,
        'The account of this access token no longer exists',
      );
    }
    if (namedByAdmin && rows[0]!.role !== 'seller') {
      throw validationError(`Account ${ownerId} is not a seller account`, [
        { path: 'body.ownerId', message: 'must name a seller account' },
      ]);
    }
    const { rows: pages } = await client.query<{ id: string }>(
      'SELECT id FROM sellers WHERE owner_id = $1 AND deleted_at IS NULL LIMIT 1',
      [ownerId],
    );
    if (pages.length > 0) {
      throw new PlatformError(
        ErrorCodes.CONFLICT,
        'This account already has a seller page; change it with PATCH',
        {
          sellerId: pages[0]!.id,
        },
      );
    }
  }

  private async enqueue(client: pg.ClientBase, type: ChangeType, row: SellerRow, context: WriteContext) {
    await enqueueEvent(client, {
      topic: 'sellers',
      key: row.id,
      version: row.version,
      value: {
        eventId: randomUUID(),
        type,
        seller: eventSeller(row),
        version: row.version,
        changedBy: context.user.id,
        occurredAt: row.updatedAt.getTime(),
      },
      traceparent: context.traceparent,
    });
  }
}
