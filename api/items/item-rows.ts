/**
 * Items as Postgres holds them: the row, its seller and its images, read in one statement so they
 * are one consistent snapshot (the card built from them is ordered by both versions).
 */
import type pg from 'pg';
import type { Item } from '../../schemas/types.generated.ts';
import type { SellerRow } from '../sellers/seller-rows.ts';
import { imageReference } from '../http/image-references.ts';

export interface ItemRow {
  id: string;
  sellerId: string;
  title: string;
  description: string;
  category: string;
  price: { amountMinor: number; currency: string };
  attributes: Record<string, string>;
  version: number;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** The images' object keys and positions, in position order. */
  images: { position: number; key: string }[];
  seller: Omit<SellerRow, 'createdAt' | 'updatedAt'>;
}

interface RawItemRow {
  id: string;
  seller_id: string;
  title: string;
  description: string;
  category: string;
  price_minor: string;
  currency: string;
  attributes: Record<string, string>;
  version: string;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  images: { position: number; key: string }[];
  owner_id: string | null;
  seller_name: string;
  seller_rating: string | null;
  seller_region: string | null;
  seller_version: string;
  seller_deleted_at: Date | null;
}

const selectItems = `
  SELECT i.id, i.seller_id, i.title, i.description, i.category, i.price_minor, i.currency,
         i.attributes, i.version, i.deleted_at, i.created_at, i.updated_at,
         COALESCE((SELECT json_agg(json_build_object('position', m.position, 'key', m.object_key)
                                   ORDER BY m.position)
                     FROM item_images m WHERE m.item_id = i.id), '[]'::json) AS images,
         s.owner_id, s.name AS seller_name, s.rating AS seller_rating, s.region AS seller_region,
         s.version AS seller_version, s.deleted_at AS seller_deleted_at
    FROM items i JOIN sellers s ON s.id = i.seller_id`;

function itemRow(raw: RawItemRow): ItemRow {
  return {
    id: raw.id,
    sellerId: raw.seller_id,
    title: raw.title,
    description: raw.description,
    category: raw.category,
    // bigint arrives as text; prices are checked below 2^53 before they are stored.
    price: { amountMinor: Number(raw.price_minor), currency: raw.currency.trim() },
    attributes: raw.attributes,
    version: Number(raw.version),
    deleted: raw.deleted_at !== null,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    images: raw.images,
    seller: {
      id: raw.seller_id,
      ownerId: raw.owner_id,
      name: raw.seller_name,
      rating: raw.seller_rating === null ? null : Number(raw.seller_rating),
      region: raw.seller_region,
      version: Number(raw.seller_version),
      deleted: raw.seller_deleted_at !== null,
    },
  };
}

/** The rows of `ids` (deleted ones included: callers decide), in no particular order. */
export async function readItemRows(db: pg.ClientBase | pg.Pool, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<RawItemRow>(`${selectItems} WHERE i.id = ANY($1::uuid[])`, [ids]);
  return rows.map(itemRow);
}

/**
 * The row of `id`, locked until the transaction ends (FOR UPDATE of the item only): writers of one
 * item wait for each other, so versions and outbox rows grow in one order.
 */
export async function lockItemRow(client: pg.ClientBase, id: string): Promise<ItemRow | undefined> {
  const { rows } = await client.query<RawItemRow>(`${selectItems} WHERE i.id = $1 FOR UPDATE OF i`, [id]);
  return rows[0] && itemRow(rows[0]);
}

/** The item as events carry it: images as `s3://<bucket>/<key>` in position order. */
export function eventItem(row: ItemRow, bucket: string): Item {
  return {
    id: row.id,
    sellerId: row.sellerId,
    title: row.title,
    description: row.description,
    category: row.category,
    price: { ...row.price },
    imageUrls: row.images.map((image) => imageReference(bucket, image.key)),
    attributes: { ...row.attributes },
  };
}
