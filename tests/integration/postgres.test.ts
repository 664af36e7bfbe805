import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { requireService, testConfig, uniqueName } from '../support/index.ts';

describe('PostgreSQL (real server)', () => {
  const { url } = testConfig().postgres;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  const shownUrl = url.replace(/:[^:@/]*@/, ':***@');

  before(() => requireService('postgres', shownUrl, () => client.connect()));
  after(() => client.end().catch(() => undefined));

  it('runs a query as the platform role', async () => {
    const { rows } = await client.query<{ user: string; version: string }>(
      'SELECT current_user AS user, current_setting($1) AS version',
      ['server_version'],
    );
    assert.equal(rows[0]!.user, new URL(url).username);
    assert.match(rows[0]!.version, /^\d+\.\d+/);
  });

  it('commits and rolls back transactions', async () => {
    const table = uniqueName('test_outbox').replace(/-/g, '_');
    await client.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, payload jsonb NOT NULL)`);
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO ${table} (payload) VALUES ($1)`, [{ kept: true }]);
      await client.query('COMMIT');
      await client.query('BEGIN');
      await client.query(`INSERT INTO ${table} (payload) VALUES ($1)`, [{ kept: false }]);
      await client.query('ROLLBACK');
      const { rows } = await client.query(`SELECT payload FROM ${table}`);
      assert.deepEqual(
        rows.map((r) => r.payload),
        [{ kept: true }],
      );
    } finally {
      await client.query(`DROP TABLE ${table}`);
    }
  });
});
