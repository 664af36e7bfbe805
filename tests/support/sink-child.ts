/**
 * A sink in a process of its own, for the contract suite's kill test: it runs the harness's sink
 * with small batches and SIGKILLs itself right after its Nth write, before that batch's offsets
 * are committed - the worst moment for a sink to die.
 *
 *   node --import tsx tests/support/sink-child.ts <harness module> <context JSON> <group> <dead-letter topic> <batch records> <kill after writes>
 */
import { SinkRunner } from '../../connectors/sinks/runtime/sink-runner.ts';
import type { SinkHarness, SinkTestContext } from './sink-contract.ts';
import { testConfig } from './index.ts';

const [harnessModule, contextJson, groupId, deadLetterTopic, batchRecords, killAfter] = process.argv.slice(2);
if (!harnessModule || !contextJson || !groupId || !deadLetterTopic || !batchRecords || !killAfter) {
  console.error(
    'usage: sink-child.ts <harness module> <context JSON> <group> <dead-letter topic> <batch records> <kill after writes>',
  );
  process.exit(2);
}
const { harness } = (await import(harnessModule)) as { harness: SinkHarness };
const context = JSON.parse(contextJson) as SinkTestContext;
let writes = 0;
const runner = new SinkRunner(harness.createSink(context), testConfig(), {
  groupId,
  deadLetterTopic,
  limits: { maxRecords: Number(batchRecords), lingerMs: 200 },
  hooks: {
    afterWrite: () => {
      writes += 1;
      if (writes >= Number(killAfter)) process.kill(process.pid, 'SIGKILL');
    },
  },
});
await runner.start();
