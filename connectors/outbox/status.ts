/** How far behind the outbox relay is: read by `eshop outbox status` and the lag gauge. */
import type pg from 'pg';

export interface OutboxStatus {
  /** Rows not yet published. */
  unpublished: number;
  /** Id of the oldest unpublished row, or null when there is none. */
  oldestId: string | null;
  /** Seconds since the oldest unpublished row was written, or null when there is none. */
  oldestAgeSeconds: number | null;
}

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.ClientBase, 'query'>;

// The partial index on unpublished rows makes both the count and the oldest row cheap.
const OLDEST = `
  SELECT id, EXTRACT(EPOCH FROM now() - created_at)::float8 AS age
  FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 1`;

/** Age in seconds of the oldest unpublished row; 0 when everything is published. */
export async function outboxLagSeconds(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ age: number }>(OLDEST);
  return Math.max(0, rows[0]?.age ?? 0);
}

export async function outboxStatus(db: Queryable): Promise<OutboxStatus> {
  const [count, oldest] = await Promise.all([
    db.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'),
    db.query<{ id: string; age: number }>(OLDEST),
  ]);
  return {
    unpublished: Number(count.rows[0]!.n),
    oldestId: oldest.rows[0]?.id ?? null,
    oldestAgeSeconds: oldest.rows[0] ? Math.max(0, oldest.rows[0].age) : null,
  };
}
