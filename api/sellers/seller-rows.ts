/** Sellers as Postgres holds them. */
import type pg from 'pg';
import type { Seller as SellerEvent } from '../../schemas/types.generated.ts';
import type { Seller } from './schemas.ts';

export interface SellerRow {
  id: string;
  ownerId: string | null;
  name: string;
  rating: number | null;
  region: string | null;
  version: number;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface RawSellerRow {
  id: string;
  owner_id: string | null;
  name: string;
  rating: string | null;
  region: string | null;
  version: string;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const columns = 'id, owner_id, name, rating, region, version, deleted_at, created_at, updated_at';

function sellerRow(raw: RawSellerRow): SellerRow {
  return {
    id: raw.id,
    ownerId: raw.owner_id,
    name: raw.name,
    // numeric(3,2) arrives as text.
    rating: raw.rating === null ? null : Number(raw.rating),
    region: raw.region,
    version: Number(raw.version),
    deleted: raw.deleted_at !== null,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

export async function readSellerRow(
  db: pg.ClientBase | pg.Pool,
  id: string,
  lock = false,
): Promise<SellerRow | undefined> {
  const { rows } = await db.query<RawSellerRow>(
    `SELECT ${columns} FROM sellers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] && sellerRow(rows[0]);
}

export async function insertSellerRow(
  client: pg.ClientBase,
  seller: { id: string; ownerId: string | null; name: string; region: string | null },
): Promise<SellerRow> {
  const { rows } = await client.query<RawSellerRow>(
    `INSERT INTO sellers (id, owner_id, name, region) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
    [seller.id, seller.ownerId, seller.name, seller.region],
  );
  return sellerRow(rows[0]!);
}

export async function updateSellerRow(
  client: pg.ClientBase,
  id: string,
  change: { name: string; region: string | null },
): Promise<SellerRow> {
  const { rows } = await client.query<RawSellerRow>(
    `UPDATE sellers SET name = $2, region = $3, version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING ${columns}`,
    [id, change.name, change.region],
  );
  return sellerRow(rows[0]!);
}

/** The seller as SellerChanged carries it. */
export function eventSeller(row: SellerRow): SellerEvent {
  return { id: row.id, name: row.name, rating: row.rating, region: row.region };
}

/** The seller as the API answers with it. */
export function sellerOf(row: SellerRow): Seller {
  return {
    id: row.id,
    name: row.name,
    rating: row.rating,
    region: row.region,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}
