import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { migrate } from '../../connectors/postgres/migrate.ts';
import { requireService, testConfig, uniqueName } from '../support/index.ts';

// The migrations against the real PostgreSQL, in a schema of the test's own.
describe('System of record migrations (real PostgreSQL)', () => {
  const { url } = testConfig().postgres;
  const schema = uniqueName('test_sor').replace(/-/g, '_');
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });

  before(async () => {
    await requireService('postgres', url.replace(/:[^:@/]*@/, ':***@'), () => client.connect());
  });
  after(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await client.end();
  });

  it('creates the tables, and a second run has nothing to do', async () => {
    assert.deepEqual(await migrate(url, { schema }), [
      '1764072000000_system-of-record',
      '1795643400000_refresh-tokens-and-one-review-per-shopper',
    ]);
    assert.deepEqual(await migrate(url, { schema }), []);
    const { rows } = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    assert.deepEqual(
      rows.map((r) => r.table_name),
      ['comments', 'item_images', 'items', 'outbox', 'pgmigrations', 'refresh_tokens', 'sellers', 'users'],
    );
  });

  it('enforces the business rules: unique e-mail in any case, ratings 1 to 5, positive prices', async () => {
    const user = randomUUID();
    await client.query(
      `INSERT INTO users (id, email, password_hash, role) VALUES ($1, 'Ann@Shop.example', 'x', 'shopper')`,
      [user],
    );
    await assert.rejects(
      client.query(
        `INSERT INTO users (id, email, password_hash, role) VALUES ($1, 'ann@shop.example', 'x', 'shopper')`,
        [randomUUID()],
      ),
      /users_email_key/,
    );
    await assert.rejects(
      client.query(
        `INSERT INTO users (id, email, password_hash, role) VALUES ($1, 'b@shop.example', 'x', 'king')`,
        [randomUUID()],
      ),
      /check constraint/,
    );
    const seller = randomUUID();
    await client.query(`INSERT INTO sellers (id, name) VALUES ($1, 'Gadget House')`, [seller]);
    await assert.rejects(
      client.query(
        `INSERT INTO items (id, seller_id, title, category, price_minor, currency) VALUES ($1, $2, 'Lamp', 'Lighting', 0, 'RUB')`,
        [randomUUID(), seller],
      ),
      /check constraint/,
    );
    const item = randomUUID();
    await client.query(
      `INSERT INTO items (id, seller_id, title, category, price_minor, currency) VALUES ($1, $2, 'Lamp', 'Lighting', 150000, 'RUB')`,
      [item, seller],
    );
    await assert.rejects(
      client.query(
        `INSERT INTO comments (id, item_id, author_id, text, rating) VALUES ($1, $2, $3, 'ok', 6)`,
        [randomUUID(), item, user],
      ),
      /check constraint/,
    );
  });

  it('allows one live review per shopper per item, and another once it is deleted', async () => {
    const author = randomUUID();
    await client.query(`INSERT INTO users (id, email, password_hash, role) VALUES ($1, $2, 'x', 'shopper')`, [
      author,
      `${author}@shop.example`,
    ]);
    const { rows } = await client.query<{ id: string }>('SELECT id FROM items LIMIT 1');
    const item = rows[0]!.id;
    const review = (id: string) =>
      client.query(
        `INSERT INTO comments (id, item_id, author_id, text, rating) VALUES ($1, $2, $3, 'ok', 4)`,
        [id, item, author],
      );
    const first = randomUUID();
    await review(first);
    await assert.rejects(review(randomUUID()), /comments_one_live_review_key/);
    await client.query('UPDATE comments SET deleted_at = now() WHERE id = $1', [first]);
    await review(randomUUID());
  });

  it('notifies listeners of every outbox row in the same transaction as the write', async () => {
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    try {
      await listener.query('LISTEN outbox');
      const notified = new Promise<string>((resolve) =>
        listener.once('notification', (n) => resolve(n.payload ?? '')),
      );
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO outbox (event_id, topic, entity_key, entity_version, payload) VALUES ($1, 'shop.items', 'item-1', 1, '{}') RETURNING id`,
        [randomUUID()],
      );
      await client.query('COMMIT');
      assert.equal(await notified, rows[0]!.id);
    } finally {
      await listener.end();
    }
  });

  it('migrates down again', async () => {
    assert.deepEqual(await migrate(url, { schema, direction: 'down', count: 2 }), [
      '1795643400000_refresh-tokens-and-one-review-per-shopper',
      '1764072000000_system-of-record',
    ]);
    const { rows } = await client.query(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
      [schema, 'items'],
    );
    assert.equal(rows.length, 0);
  });
});
