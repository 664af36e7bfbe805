/**
 * An item for the printed example request: the newest live item in the system of record, which
 * with the load running is one the load just listed through the API.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/**
 * Polls Postgres until an item created at or after `since` exists, or `timeoutMs` has passed;
 * resolves to its id, or undefined. Never rejects: the example is a convenience.
 */
export async function findExampleItem(
  postgresUrl: string,
  since: Date,
  timeoutMs: number,
): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresUrl });
  try {
    await client.connect();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM items WHERE deleted_at IS NULL AND created_at >= $1 ORDER BY created_at DESC LIMIT 1',
        [since],
      );
      if (rows[0]) return rows[0].id;
      if (Date.now() > deadline) return undefined;
      await sleep(1_000);
    }
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
