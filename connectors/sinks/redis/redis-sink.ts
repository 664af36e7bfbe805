/**
 * The Redis sink: item cards, view counters, unique viewers, trending items and rating/sentiment
 * summaries, under the key layout of keys.ts, for the API to serve from.
 *
 * Exactly once in effect: view counters, HyperLogLogs and trending weights are not idempotent, so
 * every partition's last applied offset is stored in Redis (`sink:offsets`) by the same Lua script
 * that applies the partition's records - one atomic script run per chunk of a partition's slice of
 * the batch (script-chunks.ts). A redelivered or replayed record is at or below the stored offset
 * and changes nothing. Cards and summaries are versioned as well, so they are right even when
 * the offsets are cleared.
 *
 * What "durably" means here is Redis' persistence: the local stack runs AOF with `appendfsync
 * everysec`, so a crash of Redis itself can lose the last second - data and stored offsets alike.
 */
import { Redis } from 'ioredis';
import type { PlatformConfig } from '../../../core/config/index.ts';
import { ErrorCodes } from '../../../core/errors/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { topics as platformTopics, type TopicDeclaration } from '../../../schemas/topics.ts';
import type { Rejection, Sink, SinkRecord, WriteOutcome } from '../runtime/sink.ts';
import { offsetField, redisKeys } from './keys.ts';
import { commentOperation, itemCardOperation, viewOperation, type RedisOperation } from './operations.ts';
import { defaultRedisSinkOptions, type RedisSinkOptions } from './options.ts';
import { redisError } from './redis-errors.ts';
import {
  encodeOperation,
  scriptCall,
  type AppliedOperation,
  type EncodedOperation,
} from './script-arguments.ts';
import { chunkSlice, type SliceEntry } from './script-chunks.ts';
import { allScripts } from './scripts.ts';
import { halfLifeMs } from './trending-decay.ts';

type RedisSinkConfig = Pick<PlatformConfig, 'redis'>;

/** What a record of an input becomes, and which script applies it. */
interface InputMapping {
  kind: AppliedOperation['kind'];
  map(value: unknown): RedisOperation;
}

/**
 * Creates the Redis sink on the platform's (or the given) input topics.
 *
 * @example
 * const sink = createRedisSink(loadConfig());
 * await runSink(sink, loadConfig());   // until SIGTERM
 *
 * @example
 * // tests: private topics and a private key prefix
 * createRedisSink({ redis: { ...config.redis, keyPrefix: `${namespace}:` } }, { topics: { itemsEnriched: topic } });
 */
export function createRedisSink(config: RedisSinkConfig, options: Partial<RedisSinkOptions> = {}): Sink {
  const settings: RedisSinkOptions = { ...defaultRedisSinkOptions, ...options };
  const log = settings.log ?? createLogger(settings.name);
  const keys = redisKeys(config.redis.keyPrefix);
  const halfLife = halfLifeMs(config.redis.trendingHalfLifeMinutes);
  const inputs: TopicDeclaration[] = [
    settings.topics.itemsEnriched ?? platformTopics.itemsEnriched,
    settings.topics.activityEnriched ?? platformTopics.activityEnriched,
    settings.topics.commentsScored ?? platformTopics.commentsScored,
  ];
  const [itemsTopic, activityTopic, commentsTopic] = inputs as [
    TopicDeclaration,
    TopicDeclaration,
    TopicDeclaration,
  ];
  const mappings = new Map<string, InputMapping>([
    [itemsTopic.name, { kind: 'card', map: itemCardOperation }],
    [activityTopic.name, { kind: 'view', map: (value) => viewOperation(value, halfLife) }],
    [commentsTopic.name, { kind: 'comment', map: commentOperation }],
  ]);

  const ownsClient = settings.redis === undefined;
  const redis =
    settings.redis ??
    new Redis(config.redis.url, {
      lazyConnect: true,
      commandTimeout: settings.commandTimeoutMs,
      // Fail a request after one reconnect attempt: the runner owns retries, with backoff.
      maxRetriesPerRequest: 1,
    });
  if (ownsClient) {
    // ioredis reports connection trouble as events; without a listener Node prints them as unhandled.
    redis.on('error', (error: Error) => log.warn({ err: error }, 'redis connection error'));
  }

  /** Applies one partition's records, chunk after chunk (a chunk's offset covers the ones before). */
  async function writeSlice(slice: readonly SinkRecord[], rejected: Rejection[]): Promise<void> {
    const { topic, partition } = slice[0]!;
    const mapping = mappings.get(topic);
    if (!mapping) {
      const reason = `topic ${topic} is not an input of ${settings.name}`;
      for (const record of slice) rejected.push({ record, code: ErrorCodes.WRITE_REJECTED, reason });
      return;
    }
    const entries: SliceEntry<EncodedOperation>[] = slice.map((record) => {
      const operation = mapping.map(record.value);
      if (operation.kind === 'reject') {
        rejected.push({ record, code: ErrorCodes.WRITE_REJECTED, reason: operation.reason });
      }
      const applied = operation.kind === 'reject' || operation.kind === 'none' ? undefined : operation;
      return { offset: record.offset, operation: applied && encodeOperation(record.offset, applied, keys) };
    });
    const chunks = chunkSlice(
      entries,
      { maxOperations: settings.maxOperationsPerScript, maxBytes: settings.maxScriptBytes },
      (op) => op.bytes,
    );
    const context = { keys, offsetField: offsetField(topic, partition), halfLife };
    for (const chunk of chunks) {
      const call = scriptCall(mapping.kind, chunk.operations, chunk.lastOffset, context);
      let result: unknown;
      try {
        result = await call.script.run(redis, call.keys, call.args);
      } catch (error) {
        throw redisError(error, `running ${call.script.name} on ${topic}/${partition}`);
      }
      const [applied, duplicates] = result as [number, number];
      if (duplicates > 0) {
        log.debug({ topic, partition, applied, duplicates }, 'skipped records applied before');
      }
    }
  }

  return {
    name: settings.name,
    inputs,

    async init() {
      try {
        for (const script of allScripts) await script.load(redis);
      } catch (error) {
        throw redisError(error, 'loading the scripts');
      }
    },

    async write(records: readonly SinkRecord[]): Promise<WriteOutcome> {
      const slices = new Map<string, SinkRecord[]>();
      for (const record of records) {
        const slice = `${record.topic}\u0000${record.partition}`;
        const list = slices.get(slice);
        if (list) list.push(record);
        else slices.set(slice, [record]);
      }
      const rejected: Rejection[] = [];
      // Partitions are independent; wait for all before failing, so a retry never overlaps this try.
      const outcomes = await Promise.allSettled(
        [...slices.values()].map((slice) => writeSlice(slice, rejected)),
      );
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failure) throw failure.reason;
      return { rejected };
    },

    async close() {
      if (!ownsClient) return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
