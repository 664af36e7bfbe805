/**
 * `eshop up | down | status`: the whole platform on this machine — the local service stack, the
 * event backbone, then the platform's own processes and a light load through the API.
 * `eshop stack up | down | status | logs | provision`: the local service stack alone.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../../core/config/index.ts';
import { migrate } from '../../connectors/postgres/migrate.ts';
import { createKafka } from '../../core/kafka/client.ts';
import { registerAll } from '../../schemas/registry.ts';
import { createTopics } from '../../schemas/topic-admin.ts';
import {
  findExampleItem,
  LocalPlatform,
  platformProcesses,
  renderPlatformTable,
  whereToLook,
} from '../../platform/index.ts';
import { LocalStack, type UpReport } from '../../stack/local-stack.ts';
import { readLogTail } from '../../stack/logs.ts';
import { renderStatusTable, renderUpSummary } from '../../stack/status-table.ts';

/** Starts the stack (and the backbone); resolves to the report, or undefined when it failed. */
async function stackUp(
  services: string[],
  options: { json?: boolean; backbone?: boolean },
): Promise<UpReport | undefined> {
  const config = loadConfig();
  const report = await new LocalStack(config).up(services);
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else console.log(`\n${renderStatusTable(report.services)}\n${renderUpSummary(report)}`);
  for (const failed of report.services.filter((s) => s.error)) {
    console.error(`\n${failed.name} failed:\n${failed.error}`);
  }
  if (!report.ok) {
    process.exitCode = 1;
    return undefined;
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
  return report;
}

interface UpFlags {
  json?: boolean;
  stackOnly?: boolean;
  /** False with --no-load. */
  load: boolean;
}

/** The stack and backbone, then the platform's processes, then the load, then where to look. */
async function up(flags: UpFlags): Promise<void> {
  // With --json the stack's report is the output: JSON on stdout, the platform's progress on stderr.
  const stack = await stackUp([], { json: flags.json, backbone: true });
  if (!stack || flags.stackOnly) return;
  const config = loadConfig();
  const platform = new LocalPlatform(config, {
    processes: platformProcesses({
      host: config.api.host,
      apiPort: config.api.port,
      load: flags.load ? undefined : false,
    }),
  });
  console.error(`\nThe platform's processes (pid files and logs in ${platform.home}):`);
  const loadStartedAt = new Date();
  const report = await platform.up();
  if (flags.json) return;
  console.log(`\n${renderPlatformTable(report.processes)}\n`);
  const loadRunning = report.processes.some((p) => p.kind === 'load' && p.state === 'running');
  const exampleItemId = loadRunning
    ? await findExampleItem(
        config.postgres.url,
        report.started.includes('load') ? loadStartedAt : new Date(0),
        60_000,
      )
    : undefined;
  console.log(
    whereToLook({
      config,
      logDir: platform.logDir,
      exampleItemId,
      sessionId: randomUUID(),
      now: Date.now(),
      loadRunning,
    }),
  );
}

/** Stops the platform's processes, then (unless `keepStack`) the stack. */
async function down(config: LoadedConfig, keepStack = false): Promise<void> {
  const platform = await new LocalPlatform(config).down();
  if (platform.stopped.length > 0) {
    console.log(
      `Stopped the platform's ${platform.stopped.join(', ')}${platform.killed ? ` (${platform.killed} processes had to be killed)` : ''}.`,
    );
  }
  if (keepStack) return;
  const report = await new LocalStack(config).down();
  console.log(
    report.stopped.length === 0
      ? 'No stack service was running.'
      : `Stopped ${report.stopped.join(', ')}${report.killed ? ` (${report.killed} processes had to be killed)` : ''}. No stack process is left.`,
  );
}

export function registerStackCommands(program: Command): void {
  program
    .command('up')
    .description(
      'Run the whole platform locally: start the stack, create the topics, register the schemas, migrate the ' +
        'database, start the outbox relay, processors, sinks and API in the background, then a light load ' +
        'through the API; print where to look. Running it again starts only what is not running',
    )
    .option(
      '--stack-only',
      'only the stack, topics, schemas and migrations (what the tests need; CI uses it)',
    )
    .option('--no-load', 'start the platform without the load generator')
    .option('--json', "print the stack's report as JSON (progress goes to stderr)")
    .action(up);

  program
    .command('down')
    .description("Stop the platform's processes (load, API, then relay, processors, sinks), then the stack")
    .option('--keep-stack', "stop only the platform's processes; leave the stack running")
    .action(async function platformDown(options: { keepStack?: boolean }) {
      await down(loadConfig(), options.keepStack);
    });

  program
    .command('status')
    .description("Show each stack service and each of the platform's processes")
    .option('--json', 'print the status as JSON')
    .action(async function status(options: { json?: boolean }) {
      const config = loadConfig();
      const [services, processes] = await Promise.all([
        new LocalStack(config).status(),
        new LocalPlatform(config).status(),
      ]);
      if (options.json) console.log(JSON.stringify({ services, processes }, null, 2));
      else console.log(`${renderStatusTable(services)}\n\n${renderPlatformTable(processes)}`);
      // Not running is a state; a crashed or unready process, like an unhealthy service, is a problem.
      const bad =
        services.some((s) => s.state !== 'healthy') ||
        processes.some((p) => p.state === 'exited' || p.state === 'not ready');
      if (bad) process.exitCode = 3;
    });

  const stack = program
    .command('stack')
    .description('Provision, start and stop the real services the platform needs (no Docker required)');

  stack
    .command('up')
    .description('Provision (cached) and start services, wait until healthy, print the table')
    .argument('[services...]', 'only these services (and what they depend on)')
    .option('--json', 'print the report as JSON')
    .action(async function stackUpCommand(services: string[], options: { json?: boolean }) {
      await stackUp(services, options);
    });

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
    .description(
      "Stop every service the stack started (and the platform's processes first: they need the stack), and check that no process is left",
    )
    .action(async function stackDown() {
      await down(loadConfig());
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
    .description("Print a service's or a platform process's log")
    .argument(
      '<service>',
      'the service, or a platform process (api, outbox-relay, a processor, a sink, load)',
    )
    .option('-n, --lines <count>', 'how many lines', '100')
    .option('-f, --follow', 'keep printing new lines')
    .action(async function stackLogs(service: string, options: { lines: string; follow?: boolean }) {
      const config = loadConfig();
      const platform = new LocalPlatform(config);
      const file = platform.has(service)
        ? platform.logFile(service)
        : new LocalStack(config).logFile(service);
      if (options.follow) {
        spawn('tail', ['-n', options.lines, '-F', file], { stdio: 'inherit' });
        return;
      }
      const tail = await readLogTail(file, Number(options.lines));
      console.log(tail || `(no log yet at ${file})`);
    });
}
