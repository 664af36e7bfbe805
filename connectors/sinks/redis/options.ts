/**
 * The options of the Redis sink, with their defaults in one place. Where keys go and how fast
 * trending decays come from the platform config (`config.redis`); these are the sink's own.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../../core/log/index.ts';
import type { TopicDeclaration } from '../../../schemas/topics.ts';

export interface RedisSinkOptions {
  /**
   * The input topics, when not the platform's (tests use private ones). Records are dispatched by
   * topic name. Default: topics.itemsEnriched, topics.activityEnriched, topics.commentsScored.
   */
  topics: {
    itemsEnriched?: TopicDeclaration;
    activityEnriched?: TopicDeclaration;
    commentsScored?: TopicDeclaration;
  };
  /** Sink name: consumer group, metric label, logger. Default: `redis-sink`. */
  name: string;
  /**
   * Most operations one script run applies. A run blocks Redis for its duration: about 12 µs per
   * operation on the local stack (measured over 30 000 mixed records), so a full run of 500 holds
   * Redis for about 6 ms - far below `lua-time-limit` (5 s), short enough for API reads waiting
   * behind it. Default: 500.
   */
  maxOperationsPerScript: number;
  /** Most bytes of keys and arguments one script run carries. Default: 1 MiB. */
  maxScriptBytes: number;
  /** A command without an answer after this long fails (retriable). Default: 10 000 ms. */
  commandTimeoutMs: number;
  /** A client to use instead of one on `config.redis.url`; the sink does not close it. */
  redis: Redis | undefined;
  /** Default: a logger named after the sink. */
  log: Logger | undefined;
}

export const defaultRedisSinkOptions: Readonly<RedisSinkOptions> = {
  topics: {},
  name: 'redis-sink',
  maxOperationsPerScript: 500,
  maxScriptBytes: 1024 * 1024,
  commandTimeoutMs: 10_000,
  redis: undefined,
  log: undefined,
};
