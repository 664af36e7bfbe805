/**
 * `eshop`: one entry point for the platform. Each area registers its subcommands from its own
 * file in commands/; later areas add theirs (run a processor, produce, load-generate, reindex, replay).
 */
import { Command } from 'commander';
import { isPlatformError } from '../core/errors/index.ts';
import { registerArchiveCommand } from './commands/archive.ts';
import { registerUsersCommand } from './commands/users.ts';
import { registerConfigCommand } from './commands/config.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerLoadCommand } from './commands/load.ts';
import { registerOutboxCommand } from './commands/outbox.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerSchemaCommands } from './commands/schemas.ts';
import { registerSearchCommand } from './commands/search.ts';
import { registerStackCommands } from './commands/stack.ts';

const program = new Command()
  .name('eshop')
  .description('The e-shop data platform: local stack, stream processors, connectors, API')
  .showHelpAfterError();

registerStackCommands(program);
registerSchemaCommands(program);
registerRunCommand(program);
registerDbCommands(program);
registerConfigCommand(program);
registerLoadCommand(program);
registerOutboxCommand(program);
registerSearchCommand(program);
registerArchiveCommand(program);
registerUsersCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Known failures print their message alone; anything else is a bug and keeps its stack trace.
  if (isPlatformError(error)) console.error(`eshop: [${error.code}] ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
}
