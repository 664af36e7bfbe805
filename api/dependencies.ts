/**
 * The clients the API reads and writes through, opened once per process and shared by every
 * request. Nothing here holds state a second replica would need: sessions are tokens, rate limits
 * live in Redis, writes go to Postgres.
 */
import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import type { Client as SearchClient } from '@opensearch-project/opensearch';
import { Redis } from 'ioredis';
import type { Client as S3Client } from 'minio';
import type { Admin } from 'kafkajs';
import pg from 'pg';
import { ClickHouseAnalytics } from '../connectors/sinks/clickhouse/index.ts';
import { createS3Client, ensureBucket } from '../connectors/sinks/archive/index.ts';
import { redisKeys, type RedisKeys } from '../connectors/sinks/redis/index.ts';
import { aliasName, createSearchClient } from '../connectors/sinks/search/index.ts';
import type { PlatformConfig } from '../core/config/index.ts';
import { EventProducer } from '../core/events/producer.ts';
import { createKafka } from '../core/kafka/client.ts';
import { createLogger, type Logger } from '../core/log/index.ts';

export interface ApiDependencies {
  config: PlatformConfig;
  log: Logger;
  postgres: pg.Pool;
  redis: Redis;
  keys: RedisKeys;
  search: SearchClient;
  /** The aliases the search sink writes behind. */
  indices: { items: string; comments: string };
  clickhouse: ClickHouseClient;
  analytics: ClickHouseAnalytics;
  /** Produces beacon activity (writes to the CRUD topics go through the outbox instead). */
  producer: EventProducer;
  /** For readiness: a metadata request proves the brokers answer. */
  kafkaAdmin: Admin;
  s3: S3Client;
}

/** Opens every client the API needs; fails when Kafka or the images bucket cannot be reached. */
export async function openApiDependencies(
  config: PlatformConfig,
  log: Logger = createLogger('api'),
): Promise<ApiDependencies> {
  const postgres = new pg.Pool({ connectionString: config.postgres.url, max: 20 });
  postgres.on('error', (error) => log.warn({ err: error }, 'idle postgres connection failed'));
  const redis = new Redis(config.redis.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 5_000,
  });
  redis.on('error', (error: Error) => log.warn({ err: error }, 'redis connection error'));
  const clickhouse = createClient({
    url: config.clickhouse.url,
    username: config.clickhouse.username,
    password: config.clickhouse.password,
    request_timeout: 30_000,
    log: { level: ClickHouseLogLevel.OFF },
  });
  const kafka = createKafka(config, 'api');
  const producer = new EventProducer(config, 'api', { kafka });
  const s3 = createS3Client(config);
  const deps: ApiDependencies = {
    config,
    log,
    postgres,
    redis,
    keys: redisKeys(config.redis.keyPrefix),
    search: createSearchClient(config, { requestTimeoutMs: 10_000 }),
    indices: {
      items: aliasName(config.search.indexPrefix, 'items'),
      comments: aliasName(config.search.indexPrefix, 'comments'),
    },
    clickhouse,
    analytics: new ClickHouseAnalytics(clickhouse, config.clickhouse.database),
    producer,
    kafkaAdmin: kafka.admin(),
    s3,
  };
  try {
    await redis.connect();
    await producer.connect();
    await deps.kafkaAdmin.connect();
    await ensureBucket(s3, config.api.imagesBucket);
  } catch (error) {
    await closeApiDependencies(deps);
    throw error;
  }
  return deps;
}

export async function closeApiDependencies(deps: ApiDependencies): Promise<void> {
  await Promise.allSettled([
    deps.producer.disconnect(),
    deps.kafkaAdmin.disconnect(),
    deps.postgres.end(),
    deps.clickhouse.close(),
    deps.search.close(),
  ]);
  deps.redis.disconnect();
}
