/**
 * Migrations of the system of record, run with node-pg-migrate: plain SQL files in migrations/,
 * applied in file-name order, recorded in the `pgmigrations` table, under an advisory lock so two
 * processes starting together do not both migrate.
 *
 * @example
 * await migrate(config.postgres.url);                 // everything pending
 * await migrate(url, { direction: 'down', count: 1 }); // undo the last one
 */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

export const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

export interface MigrateOptions {
  direction?: 'up' | 'down';
  /** How many migrations; all pending (up) or one (down) by default. */
  count?: number;
  /** A PostgreSQL schema to migrate instead of the default search path (tests use their own). */
  schema?: string;
  log?: (message: string) => void;
}

/** Applies the migrations; resolves to the names of those that ran. */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const direction = options.direction ?? 'up';
  const ran = await runner({
    databaseUrl,
    dir: migrationsDir,
    direction,
    count: options.count ?? (direction === 'up' ? Infinity : 1),
    migrationsTable: 'pgmigrations',
    ...(options.schema
      ? { schema: options.schema, createSchema: true, migrationsSchema: options.schema }
      : {}),
    checkOrder: true,
    log: options.log ?? (() => {}),
  });
  return ran.map((migration) => migration.name);
}
