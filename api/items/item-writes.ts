/**
 * Item writes: each changes Postgres and enqueues its ItemChanged in one transaction
 * (item-changes.ts), and answers with the row it committed. Versions grow by one per change.
 *
 * Who may: a seller writes items on their own seller page (they need one first: 409 without), an
 * admin writes any item (a new one names its `sellerId`).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { Item } from '../../schemas/types.generated.ts';
import type { ApiDependencies } from '../dependencies.ts';
import type { AuthUser } from '../http/env.ts';
import { validationError } from '../http/problem.ts';
import { removeImageObjects } from './image-store.ts';
import { checkItemRules, commitItemChange, itemRecord, lockOwnItem } from './item-changes.ts';
import type { CatalogueRules } from './item-cards.ts';
import { eventItem } from './item-rows.ts';
import type { CreateItem, ItemRecord, PatchItem } from './schemas.ts';
import type { WriteContext } from '../http/write-context.ts';

/** The values of the columns a seller edits, in the order of both statements below. */
function editedColumns(item: Item): unknown[] {
  const { title, description, category, price, attributes } = item;
  return [title, description, category, price.amountMinor, price.currency, JSON.stringify(attributes)];
}

export class ItemWriter {
  constructor(
    private readonly deps: ApiDependencies,
    private readonly rules: CatalogueRules,
  ) {}

  async create(body: CreateItem, context: WriteContext): Promise<ItemRecord> {
    const id = randomUUID();
    const { row } = await commitItemChange(this.deps, this.rules, context, {
      doing: 'creating an item',
      type: 'CREATED',
      itemId: id,
      write: async (client) => {
        const item: Item = {
          id,
          sellerId: await this.sellerPageFor(client, context.user, body.sellerId),
          title: body.title,
          description: body.description ?? '',
          category: body.category,
          price: body.price,
          imageUrls: [],
          attributes: body.attributes ?? {},
        };
        checkItemRules(this.rules, item);
        await client.query(
          `INSERT INTO items (id, seller_id, title, description, category, price_minor, currency, attributes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
          [id, item.sellerId, ...editedColumns(item)],
        );
      },
    });
    return itemRecord(this.deps, row);
  }

  async update(id: string, patch: PatchItem, context: WriteContext): Promise<ItemRecord> {
    const { row } = await commitItemChange(this.deps, this.rules, context, {
      doing: 'updating an item',
      type: 'UPDATED',
      itemId: id,
      write: async (client) => {
        const current = await lockOwnItem(client, context.user, id);
        const next = { ...eventItem(current, this.deps.config.api.imagesBucket), ...patch };
        checkItemRules(this.rules, next);
        await client.query(
          `UPDATE items SET title = $2, description = $3, category = $4, price_minor = $5, currency = $6,
                  attributes = $7::jsonb, version = version + 1, updated_at = now()
            WHERE id = $1`,
          [id, ...editedColumns(next)],
        );
      },
    });
    return itemRecord(this.deps, row);
  }

  /**
   * Soft delete: the row stays with `deleted_at` (reviews refer to it), its images go. The event
   * carries the item's last state; the image objects are removed once the delete has committed,
   * so a failed transaction never leaves an item without its images.
   */
  async remove(id: string, context: WriteContext): Promise<void> {
    const { result: last } = await commitItemChange(this.deps, this.rules, context, {
      doing: 'deleting an item',
      type: 'DELETED',
      itemId: id,
      write: async (client) => {
        const current = await lockOwnItem(client, context.user, id);
        await client.query(
          'UPDATE items SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1',
          [id],
        );
        await client.query('DELETE FROM item_images WHERE item_id = $1', [id]);
        return current;
      },
      eventItem: (current) => eventItem(current, this.deps.config.api.imagesBucket),
    });
    await removeImageObjects(
      this.deps,
      last.images.map((image) => image.key),
      context.log,
    );
  }

  /**
   * The seller page a new item goes on, locked against a concurrent delete: an admin names it; a
   * seller's is their own (CONFLICT while they have none, FORBIDDEN for another's).
   */
  private async sellerPageFor(
    client: pg.ClientBase,
    user: AuthUser,
    asked: string | undefined,
  ): Promise<string> {
    if (user.role === 'admin') {
      if (asked === undefined) {
        throw validationError('An admin names the seller page the item goes on', [
          { path: 'body.sellerId', message: 'is required when an admin creates an item' },
        ]);
      }
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM sellers WHERE id = $1 AND deleted_at IS NULL FOR SHARE',
        [asked],
      );
      if (rows.length === 0) {
        throw validationError(`No seller ${asked}`, [{ path: 'body.sellerId', message: 'names no seller' }]);
      }
      return asked;
    }
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM sellers WHERE owner_id = $1 AND deleted_at IS NULL
        ORDER BY created_at LIMIT 1 FOR SHARE`,
      [user.id],
    );
    const page = rows[0]?.id;
    if (page === undefined) {
      throw new PlatformError(
        ErrorCodes.CONFLICT,
        'You have no seller page yet: create one with POST /v1/sellers, then list items on it',
      );
    }
    if (asked !== undefined && asked !== page) {
      throw new PlatformError(ErrorCodes.FORBIDDEN, 'This seller page belongs to someone else');
    }
    return page;
  }
}
