/**
 * The whole pipeline in one test process: the outbox relay, the four processors and the four sinks,
 * on the platform's own topics but under consumer groups of their own and writing into stores of a
 * namespace of their own (index prefix, ClickHouse database, Redis key prefix `<namespace>:`,
 * archive bucket), so an end-to-end test neither disturbs nor is disturbed by a running platform.
 *
 * Processors start at the end of their inputs (only the test's events matter to them; their global
 * tables are still read in full). Sinks start at the end too, or from offset zero to prove a replay.
 *
 * @example
 * const pipeline = new TestPipeline(config, kafka, namespace);
 * await pipeline.start({ sinksFrom: 'end' });
 * ... write through the outbox or the API, then poll the stores ...
 * await pipeline.stop();
 */
import type { Kafka } from 'kafkajs';
import { processorsFrom } from '../../cli/commands/run.ts';
import { OutboxRelay } from '../../connectors/outbox/index.ts';
import { migrate } from '../../connectors/postgres/migrate.ts';
import { SinkRunner } from '../../connectors/sinks/runtime/sink-runner.ts';
import type { PlatformConfig } from '../../core/config/index.ts';
import { topics } from '../../schemas/topics.ts';
import type { Processor } from '../../streams/runtime/processor.ts';
import { StreamRunner } from '../../streams/runtime/stream-runner.ts';
import { harness as archiveHarness } from '../integration/sinks/archive.harness.ts';
import { harness as clickhouseHarness } from '../integration/sinks/clickhouse.harness.ts';
import { harness as redisHarness, keyPrefix } from '../integration/sinks/redis.harness.ts';
import { harness as searchHarness } from '../integration/sinks/search.harness.ts';
import { uniqueName } from './index.ts';
import { ensureBackbone, groupAtEnd, requireBackboneServices, waitForGroupAtEnd } from './kafka.ts';
import type { SinkHarness, SinkTestContext } from './sink-contract.ts';

export interface StartOptions {
  /** Where the sinks' new consumer groups begin: the topics' ends, or offset zero (a full replay). */
  sinksFrom: 'end' | 'zero';
}

export class TestPipeline {
  /** The contract suite's harnesses build each sink on the platform topics and namespace. */
  readonly context: SinkTestContext;
  readonly stores: readonly SinkHarness[] = [searchHarness, clickhouseHarness, redisHarness, archiveHarness];
  private readonly relay: OutboxRelay;
  private readonly processors: StreamRunner[] = [];
  private sinks: { runner: SinkRunner; groupId: string; inputs: string[] }[] = [];

  constructor(
    private readonly config: PlatformConfig,
    private readonly kafka: Kafka,
    readonly namespace: string,
  ) {
    this.context = {
      namespace,
      topics: {
        'item-changed': topics.items,
        'seller-changed': topics.sellers,
        'comment-changed': topics.comments,
        'user-activity': topics.activity,
        'enriched-item': topics.itemsEnriched,
        'scored-comment': topics.commentsScored,
        'enriched-activity': topics.activityEnriched,
      },
    };
    this.relay = new OutboxRelay({ config, pollIntervalMs: 500 });
  }

  /** The environment that points an API (or any platform process) at this namespace's stores. */
  storeEnvironment(): Record<string, string> {
    return {
      SEARCH_INDEX_PREFIX: this.namespace,
      CLICKHOUSE_DATABASE: this.namespace,
      REDIS_KEY_PREFIX: keyPrefix(this.namespace),
      ARCHIVE_BUCKET: this.namespace,
    };
  }

  async start(options: StartOptions): Promise<void> {
    await requireBackboneServices(this.kafka);
    for (const store of this.stores) await store.requireStore();
    await ensureBackbone(this.kafka);
    await migrate(this.config.postgres.url);
    await this.relay.start();
    for (const [name, processor] of Object.entries(processorsFrom(this.config))) {
      const groupId = await groupAtEnd(
        this.kafka,
        processor.inputs.map((t) => t.name),
        uniqueName(`e2e-${name}`),
      );
      const runner = new StreamRunner({ ...processor, name: groupId } as Processor, this.config, {
        kafka: this.kafka,
      });
      await runner.start();
      this.processors.push(runner);
    }
    await this.startSinks('first', options.sinksFrom);
  }

  async startSinks(label: string, from: StartOptions['sinksFrom']): Promise<void> {
    this.sinks = [];
    for (const store of this.stores) {
      const sink = store.createSink(this.context);
      const inputs = sink.inputs.map((t) => t.name);
      const fresh = uniqueName(`e2e-${label}-${sink.name}`);
      const groupId = from === 'end' ? await groupAtEnd(this.kafka, inputs, fresh) : fresh;
      const runner = new SinkRunner(sink, this.config, { groupId });
      await runner.start();
      this.sinks.push({ runner, groupId, inputs });
    }
  }

  /** Stops the relay and the processors, so nothing new reaches the sinks. */
  async stopSources(): Promise<void> {
    await Promise.all(this.processors.map((runner) => runner.stop()));
    await this.relay.stop();
  }

  stopSinks(): Promise<unknown> {
    return Promise.all(this.sinks.map(({ runner }) => runner.stop()));
  }

  /** Resolves once every sink's group has committed up to the end of its inputs. */
  sinksCaughtUp(timeoutMs: number): Promise<unknown> {
    return Promise.all(
      this.sinks.map(({ groupId, inputs }) => waitForGroupAtEnd(this.kafka, groupId, inputs, timeoutMs)),
    );
  }

  snapshots(): Promise<unknown[]> {
    return Promise.all(this.stores.map((store) => store.snapshot(this.context)));
  }

  /** Stops everything and removes the namespace's stores. Never throws. */
  async stop(): Promise<void> {
    await this.stopSinks().catch(() => undefined);
    await Promise.all(this.processors.map((runner) => runner.stop().catch(() => undefined)));
    await this.relay.stop().catch(() => undefined);
    for (const store of this.stores) await store.cleanup(this.context).catch(() => undefined);
  }
}
