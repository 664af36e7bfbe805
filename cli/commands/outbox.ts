/** `eshop outbox status`: how far behind the outbox relay is. */
import type { Command } from 'commander';
import pg from 'pg';
import { outboxStatus } from '../../connectors/outbox/index.ts';
import { loadConfig } from '../../core/config/index.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';

export function registerOutboxCommand(program: Command): void {
  const outbox = program.command('outbox').description('The Postgres outbox that feeds the CRUD topics');
  outbox
    .command('status')
    .description('Unpublished rows and the age of the oldest one')
    .option('--json', 'print JSON')
    .action(async function outboxStatusCommand(options: { json?: boolean }) {
      const client = new pg.Client({ connectionString: loadConfig().postgres.url });
      try {
        await client.connect();
      } catch (error) {
        throw new PlatformError(
          ErrorCodes.SERVICE_UNAVAILABLE,
          `PostgreSQL is not reachable: ${(error as Error).message}`,
          {
            cause: error,
            retriable: true,
          },
        );
      }
      try {
        const status = await outboxStatus(client);
        if (options.json) console.log(JSON.stringify(status));
        else if (status.unpublished === 0) console.log('Outbox: every row is published.');
        else
          console.log(
            `Outbox: ${status.unpublished} unpublished row(s); the oldest (id ${status.oldestId}) is ${status.oldestAgeSeconds!.toFixed(1)} s old.`,
          );
      } finally {
        await client.end();
      }
    });
}
