/**
 * A seller page: the seller from Postgres and their live items, newest first, as tiles from the
 * item cache (misses fall back to Postgres like every item read: api/items/item-reads.ts).
 */
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { Logger } from '../../core/log/index.ts';
import type { ApiDependencies } from '../dependencies.ts';
import type { ItemReader } from '../items/item-reads.ts';
import { withPostgres } from '../http/postgres-errors.ts';
import type { ItemTile } from '../items/schemas.ts';
import { decodeCursor, encodeCursor, type ItemCursor } from './item-cursor.ts';
import type { Seller } from './schemas.ts';
import { readSellerRow, sellerOf } from './seller-rows.ts';

export interface SellerPage extends Seller {
  items: ItemTile[];
  nextCursor: string | null;
}

export class SellerReader {
  constructor(
    private readonly deps: ApiDependencies,
    private readonly items: ItemReader,
  ) {}

  async page(
    id: string,
    query: { limit: number; cursor?: string | undefined },
    log: Logger,
  ): Promise<SellerPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const { seller, ids } = await withPostgres('reading a seller', async () => {
      const seller = await readSellerRow(this.deps.postgres, id);
      if (seller === undefined || seller.deleted) {
        throw new PlatformError(ErrorCodes.NOT_FOUND, `No seller ${id}`, { sellerId: id });
      }
      return { seller, ids: await this.itemIds(id, query.limit + 1, after) };
    });
    const page = ids.slice(0, query.limit);
    const { tiles } = await this.items.tiles(
      page.map((entry) => entry.id),
      log,
    );
    const last = page.at(-1);
    return {
      ...sellerOf(seller),
      // An item deleted between the two reads has no tile; it is simply not listed.
      items: page.flatMap((entry) => tiles.get(entry.id) ?? []),
      nextCursor: ids.length > query.limit && last ? encodeCursor(last) : null,
    };
  }

  /** Ids of the seller's live items after the cursor, newest first (ties broken by id). */
  private async itemIds(
    sellerId: string,
    limit: number,
    after: ItemCursor | undefined,
  ): Promise<ItemCursor[]> {
    const { rows } = await this.deps.postgres.query<ItemCursor>(
      `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt"
         FROM items
        WHERE seller_id = $1 AND deleted_at IS NULL
          AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [sellerId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows;
  }
}
