/**
 * Rebuilds the items or comments index from its topic into a new versioned index and moves the
 * alias there with no downtime; how a template change (new analysis, a new field) reaches readers.
 *
 * 1. Put the current templates, note the indices behind the alias and the topic's end offsets.
 * 2. Create `<prefix>-<target>-v<N+1>` (no refreshes while it fills) and copy the topic into it
 *    from the beginning up to those end offsets, with the sink's documents and external versions.
 * 3. Refresh it and swap the alias in one atomic `_aliases` request.
 * 4. Catch up: copy what was appended to the topic between step 1 and the swap. The live sink kept
 *    writing those records into the old index meanwhile; from the swap on it writes through the
 *    alias into the new one. External versions make the overlap harmless: whichever write comes
 *    second is refused as stale.
 * 5. Delete the old indices, unless asked to keep them.
 *
 * Item ratings do not come from the items topic but from the reviews index (ratings.ts): a rebuild
 * of the items recomputes every reviewed item's rating into the new index before the swap (so
 * readers see ratings at once) and again after the catch-up, for reviews the live sink rated into
 * the old index between the first pass and the swap. `ratingAt` makes the overlap harmless.
 *
 * Readers see the old index, complete, until the swap; after it the new one, missing at most the
 * records of step 4 for the few seconds step 4 takes.
 */
import { errors, type Client } from '@opensearch-project/opensearch';
import type { Kafka } from 'kafkajs';
import type { PlatformConfig } from '../../../core/config/index.ts';
import { ErrorCodes, isPlatformError, PlatformError } from '../../../core/errors/index.ts';
import { AvroSerde } from '../../../core/events/avro-serde.ts';
import { createKafka } from '../../../core/kafka/client.ts';
import { createLogger, type Logger } from '../../../core/log/index.ts';
import { topics, type TopicDeclaration } from '../../../schemas/topics.ts';
import { withRetry, type RetryOptions } from '../../../streams/runtime/retry.ts';
import { aliasTargets, createVersionedIndex, swapAlias } from './aliases.ts';
import { bulkWrite } from './bulk.ts';
import { createSearchClient, searchFailure } from './client.ts';
import { searchAction, type SearchAction, type SearchTarget } from './documents.ts';
import { aliasName } from './index-names.ts';
import { allItemRatings, rateActions, ratingClock } from './ratings.ts';
import { defaultSearchIndexOptions, putIndexTemplates, type SearchIndexOptions } from './templates.ts';
import { readTopicRange, topicWatermarks, type PartitionOffsets, type RangeMessage } from './topic-range.ts';

export interface ReindexProgress {
  target: SearchTarget;
  /** The index being built. */
  index: string;
  /** `copy`: the topic up to its end at the start; `catch-up`: what came in meanwhile. */
  phase: 'copy' | 'catch-up';
  /** Records read and written so far, both phases. */
  done: number;
  /**
   * Offsets to read, both phases (the catch-up's share is known once it starts): an upper bound on
   * the records, as compaction and transaction markers leave offsets without a record.
   */
  total: number;
  /** Share of those offsets read, 0 to 1: the progress proper. */
  fraction: number;
  /** Records per second since the start. */
  ratePerSecond: number;
  elapsedMs: number;
}

export interface ReindexOptions {
  /** Called after every bulk write. */
  onProgress?(progress: ReindexProgress): void;
  /** Keep the old indices after the swap (to compare, or to swap back by hand). Default false. */
  keepOld?: boolean;
  /** The source topic; default `topics.itemsEnriched` or `topics.commentsScored`. */
  topic?: TopicDeclaration;
  /** Settings of the new index, as for the sink. */
  index?: SearchIndexOptions;
  /** Records per bulk request. Default 1000. */
  bulkRecords?: number;
  /** Fail when reading the topic makes no progress for this long, in milliseconds. Default 60000. */
  stallMs?: number;
  kafka?: Kafka;
  client?: Client;
  log?: Logger;
  /** Observation and fault-injection points for tests. */
  hooks?: {
    /** After the copy, before the alias swap (e.g. to let the live sink write meanwhile). */
    beforeSwap?(): Promise<void>;
  };
}

export interface ReindexResult {
  target: SearchTarget;
  alias: string;
  /** The new index, now behind the alias. */
  index: string;
  /** The indices the alias pointed to before. */
  previous: string[];
  /** Those of them that were deleted (none with keepOld). */
  deleted: string[];
  /** Records read from the topic, both phases. */
  records: number;
  /** Actions the engine applied, and those it already had (the live sink's writes during the catch-up). */
  written: number;
  stale: number;
  /** Records refused for good (the live sink dead-lettered them too) or that do not decode. */
  rejected: number;
  undecodable: number;
  /** Item ratings written into the new index from the reviews, both passes (0 for comments). */
  ratings: number;
  /** Documents in the new index at the end. */
  documents: number;
  durationMs: number;
}

type ReindexConfig = Pick<PlatformConfig, 'search' | 'kafka' | 'schemaRegistry' | 'sinks'>;

const defaultTopics: Record<SearchTarget, TopicDeclaration> = {
  items: topics.itemsEnriched,
  comments: topics.commentsScored,
};

/**
 * Rebuilds `target`'s index from its topic and swaps the alias; see the module comment.
 *
 * @example
 * const result = await reindexFromTopic(loadConfig(), 'items', {
 *   onProgress: (p) => console.error(`${p.phase}: ${p.done} records, ${Math.round(100 * p.fraction)}%`),
 * });
 * // result.index === 'shop-items-v3', result.previous === ['shop-items-v2'], result.deleted likewise
 */
export async function reindexFromTopic(
  config: ReindexConfig,
  target: SearchTarget,
  options: ReindexOptions = {},
): Promise<ReindexResult> {
  const client = options.client ?? createSearchClient(config);
  try {
    return await reindex(config, target, client, options);
  } finally {
    if (!options.client) await client.close();
  }
}

async function reindex(
  config: ReindexConfig,
  target: SearchTarget,
  client: Client,
  options: ReindexOptions,
): Promise<ReindexResult> {
  const started = Date.now();
  const { url, indexPrefix: prefix } = config.search;
  const alias = aliasName(prefix, target);
  const topic = options.topic ?? defaultTopics[target];
  const log = options.log ?? createLogger('search-reindex');
  const kafka = options.kafka ?? createKafka(config, 'search-reindex');
  const serde = new AvroSerde(config.schemaRegistry.url);
  const bulkRecords = options.bulkRecords ?? 1000;
  const counts = { records: 0, written: 0, stale: 0, rejected: 0, undecodable: 0, ratings: 0 };
  const nextRatingTime = ratingClock();
  let phase: ReindexProgress['phase'] = 'copy';
  let index = '';
  // Offsets per partition: where reading started, how far it has got, where the phase ends.
  const first = new Map<number, number>();
  const position = new Map<number, number>();
  const end = new Map<number, number>();
  const sumOver = (values: Map<number, number>) =>
    [...first].reduce(
      (sum, [p, low]) => sum + Math.max(0, Math.min(values.get(p) ?? low, end.get(p) ?? low) - low),
      0,
    );

  function reportProgress(): void {
    const elapsedMs = Date.now() - started;
    const total = sumOver(end);
    options.onProgress?.({
      target,
      index,
      phase,
      done: counts.records,
      total,
      fraction: total === 0 ? 1 : sumOver(position) / total,
      ratePerSecond: counts.records / Math.max(elapsedMs / 1000, 0.001),
      elapsedMs,
    });
  }

  const retrying = (what: string): RetryOptions => ({
    retries: config.sinks.retries,
    initialDelayMs: config.sinks.retryInitialMs,
    maxDelayMs: 30_000,
    onRetry: (error, attempt, delayMs) => log.warn({ err: error, attempt, delayMs }, `retrying ${what}`),
  });

  async function writeChunk(messages: RangeMessage[]): Promise<void> {
    // Decoding is inside the retry too: an unreachable registry is as transient as the engine.
    const outcome = await withRetry(async () => {
      const actions: SearchAction[] = [];
      let refused = 0;
      let undecodable = 0;
      for (const { message } of messages) {
        try {
          actions.push(searchAction(target, await serde.decode(topic.schema, message.value)));
        } catch (error) {
          if (isPlatformError(error, ErrorCodes.DESERIALIZATION_FAILED)) undecodable += 1;
          else if (isPlatformError(error) && !error.retriable) refused += 1;
          else throw error;
        }
      }
      const result = await bulkWrite(client, actions, { indexOf: () => index, requireAlias: false, url });
      if (result.rejected.length > 0) {
        log.warn(
          { index, rejected: result.rejected.length, first: result.rejected[0]!.reason },
          'records refused by the new index (the live sink dead-letters them too)',
        );
      }
      return { ...result, refused, undecodable };
    }, retrying('bulk write'));
    counts.records += messages.length;
    counts.written += outcome.written;
    counts.stale += outcome.stale;
    counts.rejected += outcome.rejected.length + outcome.refused;
    counts.undecodable += outcome.undecodable;
    for (const { partition, message } of messages) {
      position.set(partition, Math.max(position.get(partition) ?? 0, Number(message.offset) + 1));
    }
    reportProgress();
  }

  /** Writes every reviewed item's rating into the new index (items only); see the module comment. */
  async function carryRatings(): Promise<void> {
    if (target !== 'items') return;
    const comments = aliasName(prefix, 'comments');
    await withRetry(async () => {
      let written = 0;
      try {
        await client.indices.refresh({ index: comments });
        const at = nextRatingTime();
        for await (const ratings of allItemRatings(client, comments, bulkRecords)) {
          const result = await bulkWrite(client, rateActions(ratings, at), {
            indexOf: () => index,
            requireAlias: false,
            url,
          });
          written += result.written;
        }
      } catch (error) {
        // No reviews index yet (a platform that never saw a review): nothing to carry.
        if (isIndexMissing(error)) return;
        throw searchFailure(error, `carrying the item ratings into ${index}`, url);
      }
      counts.ratings += written;
    }, retrying('the item ratings'));
  }

  const readOptions = {
    chunkRecords: bulkRecords,
    stallMs: options.stallMs ?? 60_000,
    groupPrefix: `${config.kafka.clientId}-search-reindex-${target}`,
    log,
  };
  const offsets = (list: PartitionOffsets[], pick: 'low' | 'high') =>
    new Map(list.map((p) => [p.partition, p[pick]] as const));

  let previous: string[];
  try {
    await putIndexTemplates(client, prefix, options.index);
    previous = (await aliasTargets(client, alias)).map((t) => t.index);
  } catch (error) {
    throw searchFailure(error, `preparing the reindex of ${alias}`, url);
  }
  const start = await watermarksOf(kafka, topic.name, config);
  try {
    // Refreshing while the index fills would only make segments to merge; it is refreshed once, below.
    index = await createVersionedIndex(client, prefix, target, { settings: { refresh_interval: '-1' } });
  } catch (error) {
    throw searchFailure(error, `creating the next index of ${alias}`, url);
  }
  for (const p of start) {
    first.set(p.partition, p.low);
    position.set(p.partition, p.low);
    end.set(p.partition, p.high);
  }
  log.info(
    { alias, index, previous, topic: topic.name, offsets: sumOver(end) },
    'reindex: copying the topic',
  );

  try {
    await readTopicRange(
      kafka,
      topic.name,
      offsets(start, 'low'),
      offsets(start, 'high'),
      writeChunk,
      readOptions,
    );
    for (const p of start) position.set(p.partition, p.high);
    reportProgress();
    await carryRatings();
    const refreshInterval = options.index?.refreshInterval ?? defaultSearchIndexOptions.refreshInterval;
    await client.indices.putSettings({ index, body: { index: { refresh_interval: refreshInterval } } });
    await client.indices.refresh({ index });
    await options.hooks?.beforeSwap?.();
    await swapAlias(client, alias, previous, index);
  } catch (error) {
    // Nothing points at the half-built index: remove it, so a retry starts clean.
    await client.indices.delete({ index }).catch(() => undefined);
    log.error({ err: error, index }, 'reindex failed before the alias swap; the old index is untouched');
    throw isPlatformError(error) ? error : searchFailure(error, `building ${index}`, url);
  }
  log.info({ alias, index, previous }, 'reindex: alias swapped, catching up');

  phase = 'catch-up';
  const caughtUpTo = await watermarksOf(kafka, topic.name, config);
  for (const p of caughtUpTo) {
    if (!first.has(p.partition)) first.set(p.partition, p.low); // a partition added meanwhile
    end.set(p.partition, p.high);
  }
  try {
    await readTopicRange(
      kafka,
      topic.name,
      offsets(start, 'high'),
      offsets(caughtUpTo, 'high'),
      writeChunk,
      readOptions,
    );
    for (const p of caughtUpTo) position.set(p.partition, p.high);
    reportProgress();
    await carryRatings();
  } catch (error) {
    log.error(
      { err: error, index, previous },
      'reindex catch-up failed after the swap; the old indices are kept - run the reindex again',
    );
    throw error;
  }

  const deleted: string[] = [];
  if (!options.keepOld) {
    for (const old of previous.filter((p) => p !== index)) {
      await client.indices.delete({ index: old });
      deleted.push(old);
    }
  }
  await client.indices.refresh({ index });
  const documents = Number((await client.count({ index })).body.count);
  const result: ReindexResult = {
    target,
    alias,
    index,
    previous,
    deleted,
    ...counts,
    documents,
    durationMs: Date.now() - started,
  };
  log.info(result, 'reindex done');
  return result;
}

function isIndexMissing(error: unknown): boolean {
  return (
    error instanceof errors.ResponseError &&
    (error.body as { error?: { type?: string } } | undefined)?.error?.type === 'index_not_found_exception'
  );
}

async function watermarksOf(kafka: Kafka, topic: string, config: ReindexConfig): Promise<PartitionOffsets[]> {
  try {
    return await topicWatermarks(kafka, topic);
  } catch (error) {
    throw new PlatformError(
      ErrorCodes.SERVICE_UNAVAILABLE,
      `cannot read the end offsets of ${topic} from Kafka at ${config.kafka.brokers.join(',')}: ${(error as Error).message}`,
      { cause: error, retriable: true, service: 'kafka' },
    );
  }
}
