/**
 * The search sink: enriched items and scored reviews into the search engine (Elasticsearch in
 * production, OpenSearch locally), through the aliases `<prefix>-items` and `<prefix>-comments`.
 *
 * Idempotent through external versions (documents.ts): a redelivered or replayed record carries
 * the version the engine already has, so the engine refuses it (409) and nothing changes. Writes
 * do not wait for a refresh: documents become searchable within the index's refresh interval (1 s).
 */
import type { Client } from '@opensearch-project/opensearch';
import type { PlatformConfig } from '../../../core/config/index.ts';
import { ErrorCodes, isPlatformError } from '../../../core/errors/index.ts';
import { createLogger, type Logger } from '../../../core/log/index.ts';
import { topics } from '../../../schemas/topics.ts';
import type { TopicDeclaration } from '../../../schemas/topics.ts';
import type { EnrichedItem, ScoredComment } from '../../../schemas/types.generated.ts';
import type { Rejection, Sink, SinkRecord } from '../runtime/sink.ts';
import { ensureAliasedIndex } from './aliases.ts';
import { bulkWrite } from './bulk.ts';
import { createSearchClient, searchFailure } from './client.ts';
import { searchAction, searchTargets, type SearchAction, type SearchTarget } from './documents.ts';
import { aliasName } from './index-names.ts';
import { putIndexTemplates, type SearchIndexOptions } from './templates.ts';

export interface SearchSinkOptions {
  /** Input topics; default `topics.itemsEnriched` and `topics.commentsScored` (tests pass private ones). */
  topics?: { items?: TopicDeclaration; comments?: TopicDeclaration };
  /** Shards, replicas and refresh interval of indices the sink creates; see SearchIndexOptions. */
  index?: SearchIndexOptions;
  /** Request timeout in milliseconds. Default 30000. */
  requestTimeoutMs?: number;
  /** Use this client instead of creating one (it is then not closed by `close()`). */
  client?: Client;
  log?: Logger;
}

export type SearchSinkValue = EnrichedItem | ScoredComment;

/**
 * Creates the search sink. `init()` puts the index templates and, where an alias does not exist
 * yet, creates the first versioned index behind it; `write()` bulk-writes one batch.
 *
 * @example
 * const sink = createSearchSink(loadConfig());
 * await runSink(sink, loadConfig());   // items.enriched and comments.scored → shop-items, shop-comments
 */
export function createSearchSink(
  config: Pick<PlatformConfig, 'search'>,
  options: SearchSinkOptions = {},
): Sink<SearchSinkValue> {
  const inputs = {
    items: options.topics?.items ?? topics.itemsEnriched,
    comments: options.topics?.comments ?? topics.commentsScored,
  };
  const targetOfTopic = new Map<string, SearchTarget>([
    [inputs.items.name, 'items'],
    [inputs.comments.name, 'comments'],
  ]);
  const { url, indexPrefix: prefix } = config.search;
  const client =
    options.client ?? createSearchClient(config, { requestTimeoutMs: options.requestTimeoutMs ?? 30_000 });
  const log = options.log ?? createLogger('search-sink');

  return {
    name: 'search-sink',
    inputs: [inputs.items, inputs.comments],

    async init() {
      try {
        await putIndexTemplates(client, prefix, options.index);
        for (const target of searchTargets) await ensureAliasedIndex(client, prefix, target);
      } catch (error) {
        throw searchFailure(error, 'putting the index templates and aliases', url);
      }
      log.info({ aliases: searchTargets.map((t) => aliasName(prefix, t)) }, 'search indices ready');
    },

    async write(records) {
      const rejected: Rejection[] = [];
      const actions: SearchAction[] = [];
      const sources: SinkRecord<SearchSinkValue>[] = [];
      for (const record of records) {
        const target = targetOfTopic.get(record.topic);
        if (target === undefined) {
          rejected.push({
            record,
            code: ErrorCodes.VALIDATION_FAILED,
            reason: `the search sink reads ${[...targetOfTopic.keys()].join(' and ')}, not ${record.topic}`,
          });
          continue;
        }
        try {
          actions.push(searchAction(target, record.value));
          sources.push(record);
        } catch (error) {
          if (!isPlatformError(error)) throw error;
          rejected.push({ record, code: error.code, reason: error.message });
        }
      }
      const result = await bulkWrite(client, actions, {
        indexOf: (target) => aliasName(prefix, target),
        requireAlias: true,
        url,
      });
      for (const { position, reason } of result.rejected) {
        rejected.push({ record: sources[position]!, code: ErrorCodes.WRITE_REJECTED, reason });
      }
      log.debug(
        { records: records.length, written: result.written, stale: result.stale, rejected: rejected.length },
        'batch written',
      );
      return { rejected };
    },

    async close() {
      if (!options.client) await client.close();
    },
  };
}
