/** `eshop stack up | down | status | logs | provision`: the local service stack. */
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/index.ts';
import { migrate } from '../../connectors/postgres/migrate.ts';
import { createKafka } from '../../core/kafka/client.ts';
import { registerAll } from '../../schemas/registry.ts';
import { createTopics } from '../../schemas/topic-admin.ts';
import { LocalStack } from '../../stack/local-stack.ts';
import { readLogTail } from '../../stack/logs.ts';
import { renderStatusTable, renderUpSummary } from '../../stack/status-table.ts';

async function stackUp(services: string[], options: { json?: boolean; backbone?: boolean }): Promise<void> {
  const config = loadConfig();
  const report = await new LocalStack(config).up(services);
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else console.log(`\n${renderStatusTable(report.services)}\n${renderUpSummary(report)}`);
  for (const failed of report.services.filter((s) => s.error)) {
    console.error(`\n${failed.name} failed:\n${failed.error}`);
  }
  if (!report.ok) {
    process.exitCode = 1;
    return;
  }
  if (options.backbone) {
    // The event backbone on top of the servers: declared topics and registered schemas.
    const topicResults = await createTopics(createKafka(config, 'admin'));
    const subjects = await registerAll(config.schemaRegistry.url);
    const migrations = await migrate(config.postgres.url);
    const created = topicResults.filter((t) => t.action === 'created').length;
    console.log(
      `Event backbone: ${topicResults.length} topics (${created} created), ${subjects.length} schemas registered with BACKWARD compatibility; ` +
        `database: ${migrations.length === 0 ? 'up to date' : `applied ${migrations.join(', ')}`}.`,
    );
  }
}

export function registerStackCommands(program: Command): void {
  program
    .command('up')
    .description(
      'Run the platform locally: start the stack, create the topics, register the schemas, migrate the database',
    )
    .option('--json', 'print the report as JSON')
    .action(async function up(options: { json?: boolean }) {
      await stackUp([], { ...options, backbone: true });
    });

  const stack = program
    .command('stack')
    .description('Provision, start and stop the real services the platform needs (no Docker required)');

  stack
    .command('up')
    .description('Provision (cached) and start services, wait until healthy, print the table')
    .argument('[services...]', 'only these services (and what they depend on)')
    .option('--json', 'print the report as JSON')
    .action(stackUp);

  stack
    .command('provision')
    .description('Download, build or install services into the cache without starting them')
    .argument('[services...]', 'only these services')
    .action(async function stackProvision(services: string[]) {
      const result = await new LocalStack(loadConfig()).provisionAll(services);
      for (const [name, { provisioned, seconds }] of result) {
        console.log(
          `${name}\t${provisioned.version}\t${seconds === 0 ? 'cached' : `${seconds.toFixed(1)}s`}\t${provisioned.route}`,
        );
      }
    });

  stack
    .command('down')
    .description('Stop every service the stack started, and check that no process is left')
    .action(async function stackDown() {
      const report = await new LocalStack(loadConfig()).down();
      console.log(
        report.stopped.length === 0
          ? 'Nothing was running.'
          : `Stopped ${report.stopped.join(', ')}${report.killed ? ` (${report.killed} processes had to be killed)` : ''}. No stack process is left.`,
      );
    });

  stack
    .command('status')
    .description('Show each service: version, URL, state, memory')
    .option('--json', 'print the status as JSON')
    .action(async function stackStatus(options: { json?: boolean }) {
      const status = await new LocalStack(loadConfig()).status();
      console.log(options.json ? JSON.stringify(status, null, 2) : renderStatusTable(status));
      if (status.some((s) => s.state !== 'healthy')) process.exitCode = 3;
    });

  stack
    .command('logs')
    .description("Print a service's log")
    .argument('<service>', 'the service')
    .option('-n, --lines <count>', 'how many lines', '100')
    .option('-f, --follow', 'keep printing new lines')
    .action(async function stackLogs(service: string, options: { lines: string; follow?: boolean }) {
      const file = new LocalStack(loadConfig()).logFile(service);
      if (options.follow) {
        spawn('tail', ['-n', options.lines, '-F', file], { stdio: 'inherit' });
        return;
      }
      const tail = await readLogTail(file, Number(options.lines));
      console.log(tail || `(no log yet at ${file})`);
    });
}
