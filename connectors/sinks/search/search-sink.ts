/**
 * The search sink: enriched items and scored reviews into the search engine (Elasticsearch in
 * production, OpenSearch locally), through the aliases `<prefix>-items` and `<prefix>-comments`.
 *
 * Idempotent through versions (documents.ts): reviews carry external versions, items an order the
 * item script compares (item-scripts.ts); a redelivered or replayed record is refused (409) or a
 * no-op and nothing changes. Writes do not wait for a refresh: documents become searchable within
 * the index's refresh interval (1 s).
 *
 * After a batch with reviews, the sink refreshes the reviews index and writes the rating of every
 * item those reviews belong to into the item documents (ratings.ts). The refresh is one request
 * per such batch (batches come about once a second under load), and it is what lets the
 * aggregation see the batch's own reviews. A crash between the reviews and the ratings is healed
 * by the redelivery: the rating is recomputed for every review in a batch, written or stale.
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
import {
  ratedItemOf,
  searchAction,
  searchTargets,
  type SearchAction,
  type SearchTarget,
} from './documents.ts';
import { aliasName } from './index-names.ts';
import { aggregateItemRatings, rateActions, ratingClock } from './ratings.ts';
import { putIndexTemplates, putItemStateMappings, type SearchIndexOptions } from './templates.ts';

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
  const nextRatingTime = ratingClock();

  /** Recomputes and writes the ratings of `itemIds`; see the module comment. */
  async function updateRatings(itemIds: ReadonlySet<string>): Promise<void> {
    const comments = aliasName(prefix, 'comments');
    let ratings;
    let at;
    try {
      await client.indices.refresh({ index: comments });
      at = nextRatingTime();
      ratings = await aggregateItemRatings(client, comments, [...itemIds]);
    } catch (error) {
      throw searchFailure(error, `aggregating the ratings of ${itemIds.size} items`, url);
    }
    const result = await bulkWrite(client, rateActions(ratings, at), {
      indexOf: (target) => aliasName(prefix, target),
      requireAlias: true,
      url,
    });
    if (result.rejected.length > 0) {
      // Not a record of the batch: the reviews themselves are written. Only an items index with a
      // mapping that cannot hold a rating gets here; a reindex fixes that.
      log.warn(
        { rejected: result.rejected.length, first: result.rejected[0]!.reason },
        'item ratings refused by the items index',
      );
    }
  }

  return {
    name: 'search-sink',
    inputs: [inputs.items, inputs.comments],

    async init() {
      try {
        await putIndexTemplates(client, prefix, options.index);
        for (const target of searchTargets) await ensureAliasedIndex(client, prefix, target);
        await putItemStateMappings(client, aliasName(prefix, 'items'));
      } catch (error) {
        throw searchFailure(error, 'putting the index templates and aliases', url);
      }
      log.info({ aliases: searchTargets.map((t) => aliasName(prefix, t)) }, 'search indices ready');
    },

    async write(records) {
      const rejected: Rejection[] = [];
      const actions: SearchAction[] = [];
      const sources: SinkRecord<SearchSinkValue>[] = [];
      const rated = new Set<string>();
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
          const itemId = ratedItemOf(target, record.value);
          if (itemId !== undefined) rated.add(itemId);
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
      if (rated.size > 0) await updateRatings(rated);
      log.debug(
        {
          records: records.length,
          written: result.written,
          stale: result.stale,
          rejected: rejected.length,
          rated: rated.size,
        },
        'batch written',
      );
      return { rejected };
    },

    async close() {
      if (!options.client) await client.close();
    },
  };
}
