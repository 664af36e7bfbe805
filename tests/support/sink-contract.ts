/**
 * The one contract suite every sink runs against its real store (STYLE.md habit 5):
 * write a batch; deliver it again; kill the sink between writing and committing; replay from
 * offset zero - and each time the store must end in the same state.
 *
 * A sink takes part by exporting a `SinkHarness` from `tests/integration/sinks/<sink>.harness.ts`
 * and calling `runSinkContract(harness, import.meta.resolve('./<sink>.harness.ts'))` from its test file.
 * The harness module is imported again by a child process (the one that is killed), so it must
 * export the harness as `harness` and build everything from the JSON-serialisable `SinkTestContext`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Kafka } from 'kafkajs';
import type { Sink, SinkRecord } from '../../connectors/sinks/runtime/sink.ts';
import { SinkRunner } from '../../connectors/sinks/runtime/sink-runner.ts';
import { ErrorCodes } from '../../core/errors/index.ts';
import { AvroSerde } from '../../core/events/avro-serde.ts';
import type { DeadLetter } from '../../schemas/types.generated.ts';
import type { SchemaName } from '../../schemas/catalog.ts';
import type { TopicDeclaration } from '../../schemas/topics.ts';
import { testConfig, uniqueName } from './index.ts';
import {
  createTestTopic,
  deleteTopics,
  readRawTopic,
  readTopic,
  requireBackboneServices,
  testKafka,
  waitForGroupAtEnd,
} from './kafka.ts';

/** Everything a harness needs to build its sink and read its store; plain JSON. */
export interface SinkTestContext {
  /** The private topic created for each input schema of the harness. */
  topics: Partial<Record<SchemaName, TopicDeclaration>>;
  /** A private namespace in the store: an index prefix, a database, a key prefix, a bucket. */
  namespace: string;
}

export interface ContractRecord {
  schema: SchemaName;
  key: string;
  value: unknown;
  /** Epoch milliseconds; the suite uses fixed timestamps so every run is the same. */
  timestamp: number;
}

export interface SinkHarness {
  /** Shown in test titles, e.g. 'search (OpenSearch)'. */
  name: string;
  /** The schemas of the sink's inputs; the suite creates one private topic per schema. */
  inputs: SchemaName[];
  /** Fails with a message naming the store when it is not reachable. */
  requireStore(): Promise<void>;
  /** The sink on the private topics and the private namespace. */
  createSink(context: SinkTestContext): Sink;
  /**
   * The batch the suite produces: some tens of records over several keys and partitions,
   * including updates and deletes of the same entity, so order and idempotence matter.
   */
  records(): ContractRecord[];
  /**
   * The store's state in the namespace as a plain value, sorted, with nothing that differs between
   * two namespaces or two runs (no namespace names, no write times): two snapshots are compared
   * with deepStrictEqual.
   */
  snapshot(context: SinkTestContext): Promise<unknown>;
  /** Throws unless the snapshot shows every effect of the batch (so "unchanged" is not "empty"). */
  assertComplete(snapshot: unknown, records: ContractRecord[]): void;
  /** Removes the namespace from the store. */
  cleanup(context: SinkTestContext): Promise<void>;
}

/** Records per batch in the kill test: small, so the batch is written in several batches. */
const KILL_TEST_BATCH_RECORDS = 8;
const CHILD_TIMEOUT_MS = 120_000;

/**
 * The contract suite. Each step builds a fresh sink from the harness and runs it with the real
 * SinkRunner against private topics; every step must leave the store in the reference state.
 */
export function runSinkContract(harness: SinkHarness, harnessModule: string): void {
  describe(`sink contract: ${harness.name}`, () => {
    const kafka = testKafka();
    const config = testConfig();
    const contexts: SinkTestContext[] = [];
    const inputs: Partial<Record<SchemaName, TopicDeclaration>> = {};
    let deadLetter: TopicDeclaration;
    let records: ContractRecord[];
    let produced = 0;
    let reference: unknown;
    let first: SinkTestContext;

    const newContext = (): SinkTestContext => {
      const context = { topics: inputs, namespace: uniqueName('contract').replace(/[^a-z0-9]/g, '') };
      contexts.push(context);
      return context;
    };
    const run = async (context: SinkTestContext, groupId: string) => {
      const runner = new SinkRunner(harness.createSink(context), config, {
        groupId,
        deadLetterTopic: deadLetter.name,
      });
      await runner.start();
      try {
        await waitForGroupAtEnd(
          kafka,
          groupId,
          Object.values(inputs).map((t) => t.name),
        );
      } finally {
        await runner.stop();
      }
    };

    before(async () => {
      await requireBackboneServices(kafka);
      await harness.requireStore();
      for (const schema of harness.inputs) inputs[schema] = await createTestTopic(kafka, 'contract', schema);
      deadLetter = await createTestTopic(kafka, 'contract.dlq', 'dead-letter', { partitions: 1 });
      records = harness.records();
      produced = await produceContractRecords(kafka, inputs, records);
      first = newContext();
    });

    after(async () => {
      for (const context of contexts) await harness.cleanup(context).catch(() => undefined);
      await deleteTopics(kafka, [...Object.values(inputs).map((t) => t.name), deadLetter.name]);
    });

    it('writes a batch: every record lands once, an undecodable message is dead-lettered', async () => {
      await run(first, uniqueName('contract-write'));
      reference = await harness.snapshot(first);
      harness.assertComplete(reference, records);
      const letters = await readTopic<DeadLetter>(kafka, deadLetter, (read) => read.length >= 1);
      assert.equal(letters.length, 1);
      assert.equal(letters[0]!.value.errorCode, ErrorCodes.DESERIALIZATION_FAILED);
      assert.equal(letters[0]!.value.sourceTopic, inputs[harness.inputs[0]!]!.name);
      assert.deepEqual(letters[0]!.value.value, UNDECODABLE);
    });

    it('delivering the same records again leaves the store unchanged', async () => {
      const batch = await readAsSinkRecords(kafka, Object.values(inputs));
      const sink = harness.createSink(first);
      await sink.init?.();
      try {
        await sink.write(batch);
        assert.deepEqual(await harness.snapshot(first), reference, 'after a whole redelivery');
        // Redelivery after a crash starts mid-stream: the second half again, in smaller batches.
        const half = batch.slice(Math.floor(batch.length / 2));
        for (let start = 0; start < half.length; start += 7) await sink.write(half.slice(start, start + 7));
        assert.deepEqual(await harness.snapshot(first), reference, 'after a partial redelivery');
      } finally {
        await sink.close?.();
      }
    });

    it('a sink killed between writing and committing loses and duplicates nothing', async () => {
      const context = newContext();
      const groupId = uniqueName('contract-kill');
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          fileURLToPath(new URL('./sink-child.ts', import.meta.url)),
          harnessModule,
          JSON.stringify(context),
          groupId,
          deadLetter.name,
          String(KILL_TEST_BATCH_RECORDS),
          '2',
        ],
        { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'error' } },
      );
      // A child that never reaches its second write would hang the suite: give up on it loudly.
      const guard = setTimeout(() => child.kill('SIGTERM'), CHILD_TIMEOUT_MS);
      const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
      clearTimeout(guard);
      assert.equal(signal, 'SIGKILL', `the sink process should die by SIGKILL (exit code ${code})`);
      const committed = await committedCount(kafka, groupId, Object.values(inputs));
      assert.ok(committed < produced, `the killed batch must be uncommitted (${committed} of ${produced})`);

      await run(context, groupId);
      assert.deepEqual(await harness.snapshot(context), reference);
    });

    it('replaying every topic from offset zero leaves the store unchanged', async () => {
      await run(first, uniqueName('contract-replay'));
      assert.deepEqual(await harness.snapshot(first), reference);
    });
  });
}

/** Bytes that are no Avro record in the Confluent wire format (wrong magic byte). */
const UNDECODABLE = Buffer.from('not avro at all');

/** Produces the records in order (one undecodable message first), returning how many were sent. */
async function produceContractRecords(
  kafka: Kafka,
  inputs: Partial<Record<SchemaName, TopicDeclaration>>,
  records: readonly ContractRecord[],
): Promise<number> {
  const serde = new AvroSerde(testConfig().schemaRegistry.url);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const firstTopic = Object.values(inputs)[0]!;
    await producer.send({
      topic: firstTopic.name,
      acks: -1,
      messages: [{ key: 'undecodable', value: UNDECODABLE }],
    });
    for (const record of records) {
      const topic = inputs[record.schema];
      if (!topic) throw new Error(`the harness produces ${record.schema} but declares no such input`);
      await producer.send({
        topic: topic.name,
        acks: -1,
        messages: [
          {
            key: record.key,
            value: await serde.encode(topic.name, record.schema, record.value),
            timestamp: String(record.timestamp),
          },
        ],
      });
    }
  } finally {
    await producer.disconnect();
  }
  return records.length + 1;
}

/** Every decodable record of `inputs` as the runner hands it to a sink, each partition in order. */
async function readAsSinkRecords(kafka: Kafka, inputs: readonly TopicDeclaration[]): Promise<SinkRecord[]> {
  const serde = new AvroSerde(testConfig().schemaRegistry.url);
  const sinkRecords: SinkRecord[] = [];
  for (const topic of inputs) {
    for (const { partition, message } of await readRawTopic(kafka, topic.name)) {
      if (message.value === null || message.value.equals(UNDECODABLE)) continue;
      sinkRecords.push({
        topic: topic.name,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        value: await serde.decode(topic.schema, message.value),
        timestamp: Number(message.timestamp),
        headers: {},
        sizeBytes: message.value.length,
      });
    }
  }
  return sinkRecords;
}

/** How many messages of `inputs` the group has committed. */
async function committedCount(
  kafka: Kafka,
  groupId: string,
  inputs: readonly TopicDeclaration[],
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics: inputs.map((t) => t.name) });
    return committed.flatMap((t) => t.partitions).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}
