/**
 * An outbox relay in a process of its own, for the kill test of outbox-relay.test.ts: it publishes
 * its first batch normally and SIGKILLs itself on the second, after Kafka acknowledged that batch
 * and before its rows are marked published - the worst moment for a relay to die. The event ids
 * of the killed batch are written to `killedFile` first, so the test knows which rows they were.
 *
 *   OUTBOX_CHILD='{"schema":…,"batchSize":…,"topics":{…},"killedFile":…}' node --import tsx tests/integration/outbox-relay-child.ts
 */
import { writeFileSync } from 'node:fs';
import { OutboxRelay, type RelayTopics } from '../../connectors/outbox/index.ts';
import { testConfig } from '../support/index.ts';

interface ChildOptions {
  schema: string;
  batchSize: number;
  topics: Partial<RelayTopics>;
  killedFile: string;
}

if (!process.env.OUTBOX_CHILD) {
  console.error('outbox-relay-child.ts: OUTBOX_CHILD (JSON options) is not set');
  process.exit(2);
}
const options = JSON.parse(process.env.OUTBOX_CHILD) as ChildOptions;
let batches = 0;
const relay = new OutboxRelay({
  config: testConfig(),
  schema: options.schema,
  batchSize: options.batchSize,
  topics: options.topics,
  hooks: {
    afterPublish(rows) {
      batches += 1;
      if (batches < 2) return;
      writeFileSync(options.killedFile, JSON.stringify(rows.map((row) => row.eventId)));
      process.kill(process.pid, 'SIGKILL');
    },
  },
});
await relay.start();
