/**
 * One transaction on a pooled connection: BEGIN, the work, COMMIT - or ROLLBACK and rethrow. The
 * shape of every write to the system of record (the row and its outbox row together).
 *
 * @example
 * await inTransaction(pool, async (client) => {
 *   await client.query('UPDATE items SET price_minor = $2, version = version + 1 WHERE id = $1', [id, price]);
 *   await enqueueEvent(client, { topic: 'items', key: id, version, value: itemChanged });
 * });
 */
import type pg from 'pg';

export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
