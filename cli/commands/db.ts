/** `eshop db migrate`: the system of record's schema (connectors/postgres/migrations). */
import type { Command } from 'commander';
import { migrate } from '../../connectors/postgres/migrate.ts';
import { loadConfig } from '../../core/config/index.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('The PostgreSQL system of record');
  db.command('migrate')
    .description('Apply pending migrations (or undo the last ones with --down)')
    .option('--down', 'undo migrations instead')
    .option('--count <n>', 'how many (default: all pending up, one down)')
    .action(async function migrateCommand(options: { down?: boolean; count?: string }) {
      const ran = await migrate(loadConfig().postgres.url, {
        direction: options.down ? 'down' : 'up',
        ...(options.count ? { count: Number(options.count) } : {}),
      });
      console.log(
        ran.length === 0 ? 'Nothing to migrate.' : `${options.down ? 'Undid' : 'Applied'}: ${ran.join(', ')}`,
      );
    });
}
