/** `eshop schemas register | check` and `eshop topics create | list`: the event backbone's contracts. */
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/index.ts';
import { createKafka } from '../../core/kafka/client.ts';
import { checkAll, registerAll } from '../../schemas/registry.ts';
import { createTopics } from '../../schemas/topic-admin.ts';
import { allTopics } from '../../schemas/topics.ts';
import { renderTable } from '../../stack/status-table.ts';

export function registerSchemaCommands(program: Command): void {
  const schemas = program.command('schemas').description('Avro schemas in the schema registry');

  schemas
    .command('register')
    .description(
      'Set BACKWARD compatibility and register the newest version of every schema under <topic>-value',
    )
    .action(async function register() {
      const config = loadConfig();
      const results = await registerAll(config.schemaRegistry.url);
      console.log(
        renderTable(
          ['SUBJECT', 'SCHEMA', 'VERSION', 'ID'],
          results.map((r) => [r.subject, r.schema, `v${r.version}`, String(r.id)]),
        ),
      );
    });

  schemas
    .command('check')
    .description('Check the newest local schemas against the registry (exit code 1 if any is incompatible)')
    .action(async function check() {
      const config = loadConfig();
      const results = await checkAll(config.schemaRegistry.url);
      console.log(
        renderTable(
          ['SUBJECT', 'SCHEMA', 'VERSION', 'COMPATIBLE', 'NOTES'],
          results.map((r) => [
            r.subject,
            r.schema,
            `v${r.version}`,
            r.compatible ? 'yes' : 'NO',
            (r.messages ?? []).join('; '),
          ]),
        ),
      );
      if (results.some((r) => !r.compatible)) process.exitCode = 1;
    });

  const topics = program.command('topics').description('Kafka topics declared in schemas/topics.ts');

  topics
    .command('create')
    .description(
      'Create every declared topic that does not exist yet (partitions, cleanup policy, retention)',
    )
    .action(async function create() {
      const results = await createTopics(createKafka(loadConfig(), 'admin'));
      console.log(
        renderTable(
          ['TOPIC', 'PARTITIONS', 'RESULT'],
          results.map((r) => [r.topic, String(r.partitions), r.action]),
        ),
      );
      if (results.some((r) => r.action === 'partitions differ')) process.exitCode = 1;
    });

  topics
    .command('list')
    .description('List the declared topics')
    .action(function list() {
      console.log(
        renderTable(
          ['TOPIC', 'SCHEMA', 'PARTITIONS', 'CLEANUP', 'RETENTION', 'WHAT'],
          allTopics.map((t) => [
            t.name,
            t.schema,
            String(t.partitions),
            t.cleanupPolicy,
            t.retentionDays ? `${t.retentionDays}d` : '-',
            t.doc,
          ]),
        ),
      );
    });
}
