/**
 * The platform's configuration: every setting comes from one environment variable, is validated at
 * start-up, and defaults to the local stack (`eshop stack up`). `eshop config` lists them all.
 *
 * @example
 * const config = loadConfig();          // throws PlatformError(CONFIG_INVALID) naming each bad variable
 * new Kafka({ brokers: config.kafka.brokers });
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, PlatformError } from '../errors/index.ts';
import { SettingsReader, type SettingInfo } from './reader.ts';
import * as v from './schemas.ts';

/** The repository root, so the default stack home does not depend on the working directory. */
export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The access-token key of the local stack. Deployments set API_JWT_SECRET (docker-compose does). */
export const LOCAL_JWT_SECRET = 'eshop-local-stack-only-jwt-secret-not-for-production';

export interface StackPorts {
  kafka: number;
  kafkaController: number;
  schemaRegistry: number;
  schemaRegistryManagement: number;
  search: number;
  searchTransport: number;
  clickhouseHttp: number;
  clickhouseNative: number;
  redis: number;
  postgres: number;
  minio: number;
  minioConsole: number;
  prometheus: number;
}

export interface PlatformConfig {
  stack: {
    /** Where the local stack keeps data, logs and pid files. */
    home: string;
    dataDir: string;
    /** Where downloads and builds are cached; survives `stack down` and fresh clones. */
    cacheDir: string;
    /** The address every local service listens on. Loopback only. */
    host: string;
    ports: StackPorts;
    /** Seconds to wait for one service to become healthy. */
    startTimeoutSeconds: number;
    /** Seconds to wait for a service to exit after SIGTERM before it is killed. */
    stopTimeoutSeconds: number;
  };
  kafka: { brokers: string[]; clientId: string };
  schemaRegistry: { url: string };
  /** Elasticsearch in production, OpenSearch on the local stack: the client speaks to both. */
  search: {
    url: string;
    /** Prefix of the platform's indices and aliases (`<prefix>-items`, `<prefix>-comments`). */
    indexPrefix: string;
  };
  clickhouse: { url: string; database: string; username: string; password: string };
  redis: {
    url: string;
    /** Prefix of every key the platform writes (item cards, counters, trending, summaries). */
    keyPrefix: string;
    /** Half-life of a view's weight in the trending items, in minutes. */
    trendingHalfLifeMinutes: number;
  };
  postgres: { url: string };
  minio: { endpoint: string; accessKey: string; secretKey: string };
  prometheus: { url: string };
  /** The S3 archive of the raw topics. */
  archive: {
    bucket: string;
    /** An archive file is closed once it holds this many bytes... */
    rollBytes: number;
    /** ...or once its first record has waited this long. */
    rollSeconds: number;
  };
  /** The Postgres outbox relay. */
  outbox: {
    /** Most outbox rows published per claim (one Kafka send, one UPDATE). */
    batchSize: number;
    /** Poll interval when no NOTIFY arrives (a safety net: NOTIFY is the fast path). */
    pollIntervalMs: number;
  };
  /** Defaults of every sink's batches and retries (a sink may narrow them). */
  sinks: {
    maxBatchRecords: number;
    maxBatchBytes: number;
    /** How long the first record of a batch waits for more before the batch is written. */
    lingerMs: number;
    retries: number;
    retryInitialMs: number;
  };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  items: {
    /** One price cap in minor units for every currency; undefined: the per-currency defaults. */
    priceCapMinor: number | undefined;
    /** Accepted currencies; undefined: the processor's default list. */
    currencies: string[] | undefined;
  };
  streams: {
    /** Most records in one Kafka transaction. */
    maxBatchRecords: number;
    /** Partitions processed at the same time by one processor instance. */
    concurrency: number;
    /** Retries of a batch after a retriable error (registry or broker unavailable). */
    retries: number;
    retryInitialMs: number;
    /** Port of the /metrics endpoint; 0 picks a free one (logged at start). */
    metricsPort: number;
    /** Address the /metrics endpoint listens on: loopback locally, 0.0.0.0 in a container. */
    metricsHost: string;
  };
  /** The storefront REST API (api/). */
  api: {
    /** Address and port the API listens on. */
    host: string;
    port: number;
    /** The URL clients reach the API at, printed by `eshop up` and used in the OpenAPI document. */
    publicUrl: string;
    /** Browser origins allowed to call the API (CORS); `*` for any. */
    corsOrigins: string[];
    /** HMAC key of the access tokens (HS256); every replica must share it. */
    jwtSecret: string;
    /** Lifetime of an access token in seconds. */
    accessTokenTtlSeconds: number;
    /** Lifetime of a refresh token in days; each use replaces it with a new one. */
    refreshTokenTtlDays: number;
    /** Failed logins allowed per account and per client address in one window... */
    loginMaxFailures: number;
    /** ...of this many seconds. */
    loginWindowSeconds: number;
    /** Largest JSON request body in bytes. */
    maxBodyBytes: number;
    /** Most activity events in one beacon request. */
    beaconMaxEvents: number;
    /** Most beacon events one replica holds on their way to Kafka; beyond it the API answers 429. */
    beaconMaxInFlight: number;
    /** S3 bucket of item images. */
    imagesBucket: string;
    /** Largest item image in bytes. */
    imageMaxBytes: number;
    /** Lifetime of an image URL the API hands out, in seconds. */
    imageUrlTtlSeconds: number;
  };
}

export interface LoadedConfig extends PlatformConfig {
  /** Every setting that was read, with its documentation; secrets are flagged. */
  readonly settings: readonly SettingInfo[];
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): LoadedConfig {
  const r = new SettingsReader(env);

  const home = r.read('STACK_HOME', {
    doc: 'Directory of the local stack: data, logs, pid files',
    default: join(projectRoot, '.stack'),
    schema: v.absolutePath,
  });
  const cacheRoot = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const stack: PlatformConfig['stack'] = {
    home,
    dataDir: r.read('STACK_DATA_DIR', {
      doc: 'Directory holding each service’s data',
      default: join(home, 'data'),
      schema: v.absolutePath,
    }),
    cacheDir: r.read('STACK_CACHE_DIR', {
      doc: 'Cache of downloaded and built service artifacts (outside the repository)',
      default: join(cacheRoot, 'eshop-platform'),
      schema: v.absolutePath,
    }),
    host: r.read('STACK_HOST', {
      doc: 'Address the local services listen on (loopback only)',
      default: '127.0.0.1',
      schema: v.text.refine((h) => h === 'localhost' || h.startsWith('127.') || h === '::1', {
        error: 'must be a loopback address',
      }),
    }),
    ports: {
      kafka: r.read('KAFKA_PORT', { doc: 'Kafka broker port', default: '9092', schema: v.port }),
      kafkaController: r.read('KAFKA_CONTROLLER_PORT', {
        doc: 'Kafka KRaft controller port',
        default: '9093',
        schema: v.port,
      }),
      schemaRegistry: r.read('SCHEMA_REGISTRY_PORT', {
        doc: 'Schema registry HTTP port',
        default: '8081',
        schema: v.port,
      }),
      schemaRegistryManagement: r.read('SCHEMA_REGISTRY_MANAGEMENT_PORT', {
        doc: 'Schema registry health and metrics port',
        default: '9081',
        schema: v.port,
      }),
      search: r.read('SEARCH_PORT', {
        doc: 'Search engine (local OpenSearch) HTTP port',
        default: '9200',
        schema: v.port,
      }),
      searchTransport: r.read('SEARCH_TRANSPORT_PORT', {
        doc: 'Search engine transport port',
        default: '9300',
        schema: v.port,
      }),
      clickhouseHttp: r.read('CLICKHOUSE_HTTP_PORT', {
        doc: 'ClickHouse HTTP port',
        default: '8123',
        schema: v.port,
      }),
      clickhouseNative: r.read('CLICKHOUSE_NATIVE_PORT', {
        doc: 'ClickHouse native protocol port',
        default: '9000',
        schema: v.port,
      }),
      redis: r.read('REDIS_PORT', { doc: 'Redis port', default: '6379', schema: v.port }),
      postgres: r.read('POSTGRES_PORT', { doc: 'PostgreSQL port', default: '5432', schema: v.port }),
      minio: r.read('MINIO_PORT', { doc: 'MinIO S3 API port', default: '9900', schema: v.port }),
      minioConsole: r.read('MINIO_CONSOLE_PORT', {
        doc: 'MinIO web console port',
        default: '9901',
        schema: v.port,
      }),
      prometheus: r.read('PROMETHEUS_PORT', { doc: 'Prometheus port', default: '9090', schema: v.port }),
    },
    startTimeoutSeconds: r.read('STACK_START_TIMEOUT_SECONDS', {
      doc: 'Seconds to wait for one service to become healthy',
      default: '180',
      schema: v.positiveInt,
    }),
    stopTimeoutSeconds: r.read('STACK_STOP_TIMEOUT_SECONDS', {
      doc: 'Seconds to wait for a service to exit after SIGTERM before SIGKILL',
      default: '30',
      schema: v.positiveInt,
    }),
  };

  const host = stack.host;
  const p = stack.ports;
  const apiPort = r.read('API_PORT', { doc: 'REST API port', default: '8080', schema: v.port });
  const config: PlatformConfig = {
    stack,
    kafka: {
      brokers: r.read('KAFKA_BROKERS', {
        doc: 'Kafka bootstrap brokers, host:port[,host:port]',
        default: `${host}:${p.kafka}`,
        schema: v.brokerList,
      }),
      clientId: r.read('KAFKA_CLIENT_ID', {
        doc: 'Client id prefix sent to Kafka',
        default: 'eshop',
        schema: v.text,
      }),
    },
    schemaRegistry: {
      url: r.read('SCHEMA_REGISTRY_URL', {
        doc: 'Base URL of the Confluent-compatible schema registry API',
        default: `http://${host}:${p.schemaRegistry}/apis/ccompat/v7`,
        schema: v.httpUrl,
      }),
    },
    search: {
      url: r.read('SEARCH_URL', {
        doc: 'Search engine URL (Elasticsearch 8 or OpenSearch 2)',
        default: `http://${host}:${p.search}`,
        schema: v.httpUrl,
      }),
      indexPrefix: r.read('SEARCH_INDEX_PREFIX', {
        doc: 'Prefix of the search indices and aliases',
        default: 'shop',
        schema: v.indexName,
      }),
    },
    clickhouse: {
      url: r.read('CLICKHOUSE_URL', {
        doc: 'ClickHouse HTTP URL',
        default: `http://${host}:${p.clickhouseHttp}`,
        schema: v.httpUrl,
      }),
      database: r.read('CLICKHOUSE_DATABASE', {
        doc: 'ClickHouse database of the platform',
        default: 'eshop',
        schema: v.text,
      }),
      username: r.read('CLICKHOUSE_USER', { doc: 'ClickHouse user', default: 'default', schema: v.text }),
      password: r.read('CLICKHOUSE_PASSWORD', {
        doc: 'ClickHouse password',
        default: '',
        schema: v.optionalText,
        secret: true,
      }),
    },
    redis: {
      url: r.read('REDIS_URL', {
        doc: 'Redis URL',
        default: `redis://${host}:${p.redis}`,
        schema: v.urlWithProtocol(['redis:', 'rediss:']),
      }),
      keyPrefix: r.read('REDIS_KEY_PREFIX', {
        doc: 'Prefix of every Redis key the platform writes',
        default: 'eshop:',
        schema: v.text,
      }),
      trendingHalfLifeMinutes: r.read('TRENDING_HALF_LIFE_MINUTES', {
        doc: 'Half-life of a view in the trending items, in minutes',
        default: '60',
        schema: v.positiveInt,
      }),
    },
    postgres: {
      url: r.read('POSTGRES_URL', {
        doc: 'PostgreSQL connection URL',
        default: `postgres://eshop:eshop@${host}:${p.postgres}/eshop`,
        schema: v.urlWithProtocol(['postgres:', 'postgresql:']),
        secret: true,
      }),
    },
    minio: {
      endpoint: r.read('S3_ENDPOINT', {
        doc: 'S3 / MinIO endpoint URL',
        default: `http://${host}:${p.minio}`,
        schema: v.httpUrl,
      }),
      accessKey: r.read('S3_ACCESS_KEY', {
        doc: 'S3 access key (the local MinIO root user)',
        default: 'eshop',
        schema: v.text,
      }),
      secretKey: r.read('S3_SECRET_KEY', {
        doc: 'S3 secret key (the local MinIO root password, at least 8 characters)',
        default: 'eshop-local-secret',
        schema: v.text.min(8, { error: 'must have at least 8 characters' }),
        secret: true,
      }),
    },
    prometheus: {
      url: r.read('PROMETHEUS_URL', {
        doc: 'Prometheus URL',
        default: `http://${host}:${p.prometheus}`,
        schema: v.httpUrl,
      }),
    },
    archive: {
      bucket: r.read('ARCHIVE_BUCKET', {
        doc: 'S3 bucket of the raw event archive',
        default: 'eshop-archive',
        schema: v.bucketName,
      }),
      rollBytes: r.read('ARCHIVE_ROLL_BYTES', {
        doc: 'Size in bytes at which an archive file is closed',
        default: String(16 * 1024 * 1024),
        schema: v.positiveInt,
      }),
      rollSeconds: r.read('ARCHIVE_ROLL_SECONDS', {
        doc: 'Age in seconds at which an archive file is closed',
        default: '60',
        schema: v.positiveInt,
      }),
    },
    outbox: {
      batchSize: r.read('OUTBOX_BATCH_SIZE', {
        doc: 'Most outbox rows the relay publishes at once',
        default: '500',
        schema: v.positiveInt,
      }),
      pollIntervalMs: r.read('OUTBOX_POLL_MS', {
        doc: 'Outbox poll interval in milliseconds when no notification arrives',
        default: '1000',
        schema: v.positiveInt,
      }),
    },
    sinks: {
      maxBatchRecords: r.read('SINK_MAX_BATCH_RECORDS', {
        doc: 'Most records a sink writes in one batch',
        default: '5000',
        schema: v.positiveInt,
      }),
      maxBatchBytes: r.read('SINK_MAX_BATCH_BYTES', {
        doc: 'Most bytes (of Kafka values) a sink writes in one batch',
        default: String(8 * 1024 * 1024),
        schema: v.positiveInt,
      }),
      lingerMs: r.read('SINK_LINGER_MS', {
        doc: 'Milliseconds a sink waits for more records before writing a batch',
        default: '1000',
        schema: v.nonNegativeInt,
      }),
      retries: r.read('SINK_RETRIES', {
        doc: 'Retries of a batch after a transient store error, with exponential backoff',
        default: '10',
        schema: v.nonNegativeInt,
      }),
      retryInitialMs: r.read('SINK_RETRY_INITIAL_MS', {
        doc: 'First sink retry delay in milliseconds (doubles each retry, capped at 30 s)',
        default: '200',
        schema: v.positiveInt,
      }),
    },
    log: {
      level: r.read('LOG_LEVEL', {
        doc: 'Log level of platform processes',
        default: 'info',
        schema: v.logLevel,
      }),
    },
    items: {
      priceCapMinor: r.read('ITEMS_PRICE_CAP_MINOR', {
        doc: 'Price cap of an item in minor units, for every currency (empty: per-currency defaults of about 10 million roubles)',
        default: '',
        schema: v.optionalPositiveInt,
      }),
      currencies: r.read('ITEMS_CURRENCIES', {
        doc: 'ISO 4217 codes items may be priced in, comma-separated (empty: RUB,USD,EUR,GBP,CNY,KZT,BYN,UAH)',
        default: '',
        schema: v.optionalList,
      }),
    },
    streams: {
      maxBatchRecords: r.read('STREAMS_MAX_BATCH_RECORDS', {
        doc: 'Most records a stream processor commits in one Kafka transaction',
        default: '500',
        schema: v.positiveInt,
      }),
      concurrency: r.read('STREAMS_CONCURRENCY', {
        doc: 'Partitions one stream processor instance works on at the same time',
        default: '3',
        schema: v.positiveInt,
      }),
      retries: r.read('STREAMS_RETRIES', {
        doc: 'Retries of a batch after a retriable error, with exponential backoff',
        default: '8',
        schema: v.nonNegativeInt,
      }),
      retryInitialMs: r.read('STREAMS_RETRY_INITIAL_MS', {
        doc: 'First backoff delay in milliseconds (doubles each retry, capped at 30 s)',
        default: '200',
        schema: v.positiveInt,
      }),
      metricsHost: r.read('METRICS_HOST', {
        doc: 'Address a platform process’s /metrics endpoint listens on (0.0.0.0 in a container, so Prometheus can scrape it)',
        default: host,
        schema: v.text,
      }),
      metricsPort: r.read('METRICS_PORT', {
        doc: 'Port of a platform process’s /metrics endpoint (0: any free port, logged at start)',
        default: '0',
        schema: v.nonNegativeInt.max(65535, { error: 'must be a TCP port' }),
      }),
    },
    api: {
      host: r.read('API_HOST', {
        doc: 'Address the REST API listens on',
        default: host,
        schema: v.text,
      }),
      port: apiPort,
      publicUrl: r.read('API_PUBLIC_URL', {
        doc: 'URL clients reach the REST API at (shown in the OpenAPI document and by eshop up)',
        default: `http://${host}:${apiPort}`,
        schema: v.httpUrl,
      }),
      corsOrigins: r.read('API_CORS_ORIGINS', {
        doc: 'Browser origins allowed to call the REST API, comma-separated (* for any: tokens travel in headers, not cookies)',
        default: '*',
        schema: v.optionalList.transform((list) => list ?? ['*']),
      }),
      jwtSecret: r.read('API_JWT_SECRET', {
        doc: 'Key that signs access tokens (HS256), at least 32 characters; shared by every API replica. The default is for the local stack only',
        default: LOCAL_JWT_SECRET,
        schema: v.text.min(32, { error: 'must have at least 32 characters' }),
        secret: true,
      }),
      accessTokenTtlSeconds: r.read('API_ACCESS_TOKEN_TTL_SECONDS', {
        doc: 'Lifetime of an access token in seconds',
        default: '900',
        schema: v.positiveInt,
      }),
      refreshTokenTtlDays: r.read('API_REFRESH_TOKEN_TTL_DAYS', {
        doc: 'Lifetime of a refresh token in days (each use rotates it)',
        default: '30',
        schema: v.positiveInt,
      }),
      loginMaxFailures: r.read('API_LOGIN_MAX_FAILURES', {
        doc: 'Failed logins allowed per account and per client address in one window',
        default: '5',
        schema: v.positiveInt,
      }),
      loginWindowSeconds: r.read('API_LOGIN_WINDOW_SECONDS', {
        doc: 'Length of the failed-login window in seconds',
        default: '900',
        schema: v.positiveInt,
      }),
      maxBodyBytes: r.read('API_MAX_BODY_BYTES', {
        doc: 'Largest JSON request body in bytes',
        default: String(1024 * 1024),
        schema: v.positiveInt,
      }),
      beaconMaxEvents: r.read('API_BEACON_MAX_EVENTS', {
        doc: 'Most activity events in one beacon request',
        default: '100',
        schema: v.positiveInt,
      }),
      beaconMaxInFlight: r.read('API_BEACON_MAX_IN_FLIGHT', {
        doc: 'Most beacon events one API replica holds on their way to Kafka before it answers 429',
        default: '5000',
        schema: v.positiveInt,
      }),
      imagesBucket: r.read('API_IMAGES_BUCKET', {
        doc: 'S3 bucket of item images',
        default: 'eshop-images',
        schema: v.bucketName,
      }),
      imageMaxBytes: r.read('API_IMAGE_MAX_BYTES', {
        doc: 'Largest item image in bytes',
        default: String(5 * 1024 * 1024),
        schema: v.positiveInt,
      }),
      imageUrlTtlSeconds: r.read('API_IMAGE_URL_TTL_SECONDS', {
        doc: 'Lifetime of an image URL handed out by the API, in seconds',
        default: '900',
        schema: v.positiveInt,
      }),
    },
  };

  if (r.problems.length > 0) {
    throw new PlatformError(
      ErrorCodes.CONFIG_INVALID,
      `Invalid configuration:\n${r.problems.map((problem) => `  - ${problem}`).join('\n')}`,
      { variables: r.problems.map((problem) => problem.slice(0, problem.indexOf('='))) },
    );
  }
  return { ...config, settings: r.settings };
}

export type { SettingInfo } from './reader.ts';
