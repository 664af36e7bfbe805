/**
 * The outbox relay: publishes the rows of the Postgres outbox to their Kafka topics, in order per
 * entity, at least once, with two or more relays running side by side.
 *
 * - Fast path: LISTEN on channel `outbox` (the migration's trigger NOTIFYs every insert), so a
 *   committed row is published at once; a poll every `pollIntervalMs` is the safety net for a
 *   lost notification, and the LISTEN connection is re-opened with backoff when it drops.
 * - One batch is one Postgres transaction: claim rows (see claim.ts for why two relays neither
 *   publish a row twice nor reorder an entity), encode them as Avro in the Confluent wire format,
 *   send them with acks=all on an idempotent producer, then mark them published and commit. A
 *   relay that dies between the Kafka ack and the commit leaves its rows unpublished, and they
 *   are sent again: at least once. Every record carries the event id (header `eshop-event-id`
 *   and the value's `eventId`) and the entity version, so consumers drop the duplicates.
 * - Traces: each row gets a PRODUCER span `outbox-relay publish`, the child of the row's
 *   traceparent (the API request's span), ended when Kafka acknowledges the batch; the record's
 *   `traceparent` header is that span's, so the processors continue from it (core/telemetry).
 * - A row that does not fit its topic's schema (or names no outbox topic) is sent to the
 *   dead-letter topic with the reason and its JSON payload, and counts as done: it never blocks
 *   the rows after it.
 * - Published rows are deleted once older than `retentionMs`, a bounded batch at a time.
 *
 * One failure mode is beyond the relay: if its Postgres session is cut while a Kafka send is
 * still being retried, another relay may take over and the late send lands after the newer
 * events. Consumers that keep the highest version per entity (all of ours do) are unaffected.
 *
 * @example
 * const relay = new OutboxRelay({ config: loadConfig() });
 * await relay.start();
 * process.once('SIGTERM', () => relay.stop());
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { context } from '@opentelemetry/api';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import pg from 'pg';
import type { PlatformConfig } from '../../core/config/index.ts';
import { ErrorCodes, isPlatformError, PlatformError } from '../../core/errors/index.ts';
import { AvroSerde } from '../../core/events/avro-serde.ts';
import { createKafka } from '../../core/kafka/client.ts';
import { createLogger, type Logger } from '../../core/log/index.ts';
import { SpanKind, startChildSpan, type ChildSpan } from '../../core/telemetry/tracing.ts';
import { topics } from '../../schemas/topics.ts';
import {
  CLAIM_ROWS,
  DELETE_PUBLISHED,
  LOCK_ENTITIES,
  MARK_PUBLISHED,
  UNPUBLISHED_OF_ENTITIES,
  entitiesOf,
  entityOf,
  publishableRows,
  toOutboxRow,
  type ClaimedRowRecord,
  type OutboxRow,
} from './claim.ts';
import { OutboxMetrics } from './metrics.ts';
import { outboxTopicKey, outboxTopicKeys, relayTopics, type RelayTopics } from './outbox-topics.ts';
import { deadLetterForRow, identityProblem, RELAY_NAME, rowHeaders } from './row-message.ts';
import { outboxStatus } from './status.ts';

export interface OutboxRelayHooks {
  /**
   * Called after Kafka acknowledged a batch and before its rows are marked published, with every
   * row of the batch (dead-lettered ones too). For fault injection in tests; a throw rolls the
   * batch back, so its rows are sent again.
   */
  afterPublish?(rows: readonly OutboxRow[]): void | Promise<void>;
}

export interface OutboxRelayOptions {
  /** The platform's settings; the options below override what they say. */
  config: Pick<PlatformConfig, 'kafka' | 'schemaRegistry' | 'postgres' | 'outbox'>;
  /** PostgreSQL connection string of the outbox's database. Default: config.postgres.url. */
  connectionString?: string;
  /** Schema holding the `outbox` table (set as search_path). Default: the connection's search_path. */
  schema?: string;
  /** Most rows per batch. Default: config.outbox.batchSize. */
  batchSize?: number;
  /** Poll interval when no notification arrives. Default: config.outbox.pollIntervalMs. */
  pollIntervalMs?: number;
  /** Topics to publish to instead of the platform's (tests use private topics of the same schema). */
  topics?: Partial<RelayTopics>;
  /** Kafka client to build the producer from. Default: one from config.kafka. */
  kafka?: Kafka;
  /**
   * A producer to use instead of building one; the caller connects and disconnects it. It must
   * be idempotent with maxInFlightRequests 1, or retries may reorder an entity's events.
   */
  producer?: Producer;
  /** Published rows older than this are deleted. Default: 7 days. */
  retentionMs?: number;
  /** How often published rows past the retention are deleted. Default: 10 minutes. */
  housekeepingIntervalMs?: number;
  hooks?: OutboxRelayHooks;
  log?: Logger;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const defaults = {
  retentionMs: 7 * DAY_MS,
  housekeepingIntervalMs: 10 * 60 * 1000,
};
/** Rows per DELETE of the housekeeping: short transactions, short row locks. */
const HOUSEKEEPING_BATCH_ROWS = 1000;
/** Wait before claiming again rows another relay held back (its batch is typically this short). */
const DEFERRED_RETRY_MS = 50;
const BACKOFF_INITIAL_MS = 200;
const BACKOFF_MAX_MS = 30_000;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface BatchOutcome {
  claimed: number;
  done: number;
  deferred: number;
}

export class OutboxRelay {
  readonly metrics: OutboxMetrics;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  private readonly connection: pg.ClientConfig;
  private readonly pool: pg.Pool;
  private readonly producer: Producer;
  private readonly ownsProducer: boolean;
  private readonly serde: AvroSerde;
  private readonly topics: RelayTopics;
  private readonly retentionMs: number;
  private readonly housekeepingIntervalMs: number;
  private readonly hooks: OutboxRelayHooks;
  private readonly log: Logger;

  private stopping = false;
  private stopped: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private housekeepingTimer: NodeJS.Timeout | undefined;
  private housekeeping: Promise<unknown> | undefined;
  /** A notification arrived since the current batch began. */
  private wakeRequested = false;
  private sleeper: { resume: () => void; wakeable: boolean } | undefined;

  constructor(options: OutboxRelayOptions) {
    const { config } = options;
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new PlatformError(ErrorCodes.CONFIG_INVALID, `"${options.schema}" is not a plain schema name`);
    }
    this.batchSize = options.batchSize ?? config.outbox.batchSize;
    this.pollIntervalMs = options.pollIntervalMs ?? config.outbox.pollIntervalMs;
    this.retentionMs = options.retentionMs ?? defaults.retentionMs;
    this.housekeepingIntervalMs = options.housekeepingIntervalMs ?? defaults.housekeepingIntervalMs;
    this.topics = relayTopics(options.topics);
    this.hooks = options.hooks ?? {};
    this.log = options.log ?? createLogger(RELAY_NAME);
    this.connection = {
      connectionString: options.connectionString ?? config.postgres.url,
      // Names the relay's sessions in pg_stat_activity (and lets tests cut them).
      application_name: options.schema ? `eshop-${RELAY_NAME}/${options.schema}` : `eshop-${RELAY_NAME}`,
      keepAlive: true,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    };
    // One connection for batches, one for the lag gauge and the housekeeping.
    this.pool = new pg.Pool({ ...this.connection, max: 2 });
    this.pool.on('error', (error) => this.log.warn({ err: error }, 'idle Postgres connection lost'));
    this.ownsProducer = options.producer === undefined;
    // Idempotent with one request in flight: retries neither duplicate nor reorder a partition;
    // the Java client's partitioner, so an entity lands where other producers put it.
    this.producer =
      options.producer ??
      (options.kafka ?? createKafka(config, RELAY_NAME)).producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
    this.serde = new AvroSerde(config.schemaRegistry.url);
    this.metrics = new OutboxMetrics(async () => {
      // One connection, its two queries in turn: the pool's other connection is the batches'.
      const client = await this.pool.connect();
      try {
        return await outboxStatus(client);
      } finally {
        client.release();
      }
    });
    this.metrics.initialise(outboxTopicKeys.map((key) => topics[key].name));
  }

  /** Connects, starts listening and publishing; resolves once a notification would be noticed. */
  async start(): Promise<void> {
    if (this.running) return;
    if (this.ownsProducer) await this.producer.connect();
    try {
      await this.listen();
    } catch (error) {
      if (this.ownsProducer) await this.producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.running = this.loop();
    this.housekeepingTimer = setInterval(() => {
      this.housekeeping ??= this.deletePublished()
        .catch((error: unknown) => this.log.warn({ err: error }, 'deleting published outbox rows failed'))
        .finally(() => (this.housekeeping = undefined));
    }, this.housekeepingIntervalMs).unref();
    this.log.info(
      {
        batchSize: this.batchSize,
        pollIntervalMs: this.pollIntervalMs,
        topics: Object.values(this.topics).map((topic) => topic.name),
      },
      'outbox relay started',
    );
  }

  /** Stops after the batch in flight is published and marked, then closes every connection. */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.housekeepingTimer);
    clearTimeout(this.reconnectTimer);
    this.sleeper?.resume();
    await this.running;
    await this.housekeeping;
    await this.listening;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
    if (this.ownsProducer) await this.producer.disconnect();
    this.log.info('outbox relay stopped');
  }

  /** Deletes published rows older than the retention, in small batches; resolves to how many. */
  async deletePublished(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(DELETE_PUBLISHED, [
        this.retentionMs,
        HOUSEKEEPING_BATCH_ROWS,
      ]);
      deleted += rowCount ?? 0;
      if ((rowCount ?? 0) < HOUSEKEEPING_BATCH_ROWS || this.stopping) break;
    }
    if (deleted > 0) this.log.info({ deleted }, 'deleted published outbox rows past the retention');
    return deleted;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.wakeRequested = false;
      let outcome: BatchOutcome;
      try {
        outcome = await this.publishBatch();
        failures = 0;
      } catch (error) {
        failures += 1;
        const delayMs = backoffMs(failures);
        this.log.warn({ err: error, attempt: failures, delayMs }, 'outbox batch failed; trying again');
        // Not cut short by notifications: they would only hammer whatever is failing.
        await this.pause(delayMs, false);
        continue;
      }
      if (outcome.claimed === this.batchSize && outcome.deferred === 0) continue; // a backlog
      await this.pause(
        outcome.deferred > 0 ? Math.min(DEFERRED_RETRY_MS, this.pollIntervalMs) : this.pollIntervalMs,
        true,
      );
    }
  }

  /** Claims, publishes and marks one batch in one transaction (see claim.ts). */
  private async publishBatch(): Promise<BatchOutcome> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      // The order guard relies on each statement seeing the latest commits (claim.ts, step 3).
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const claimed = (await client.query<ClaimedRowRecord>(CLAIM_ROWS, [this.batchSize])).rows.map(
        toOutboxRow,
      );
      if (claimed.length === 0) {
        await client.query('ROLLBACK');
        return { claimed: 0, done: 0, deferred: 0 };
      }
      const { ready, deferred } = await this.orderGuard(client, claimed);
      if (ready.length === 0) {
        await client.query('ROLLBACK');
        return { claimed: claimed.length, done: 0, deferred };
      }
      const { messages, published, deadLettered, spans } = await this.encode(ready);
      try {
        await this.producer.sendBatch({ acks: -1, topicMessages: messages });
      } catch (error) {
        for (const span of spans) span.end(error);
        throw error;
      }
      for (const span of spans) span.end();
      await this.hooks.afterPublish?.(ready);
      await client.query(MARK_PUBLISHED, [ready.map((row) => row.id)]);
      await client.query('COMMIT');
      for (const [topic, count] of published) this.metrics.published.inc({ topic }, count);
      for (const [code, count] of deadLettered) this.metrics.deadLettered.inc({ code }, count);
      this.metrics.batchRows.observe(ready.length);
      this.log.debug({ rows: ready.length, deferred, firstId: ready[0]!.id }, 'published outbox batch');
      return { claimed: claimed.length, done: ready.length, deferred };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Takes the entity locks and keeps the claimed rows that may go now (claim.ts, steps 2 and 3). */
  private async orderGuard(
    client: pg.PoolClient,
    claimed: OutboxRow[],
  ): Promise<{ ready: OutboxRow[]; deferred: number }> {
    const entities = entitiesOf(claimed);
    const { rows: lockResults } = await client.query<{ n: number; locked: boolean }>(LOCK_ENTITIES, [
      entities.map((e) => e.topic),
      entities.map((e) => e.entityKey),
    ]);
    const locked = lockResults.filter((r) => r.locked).map((r) => entities[r.n - 1]!);
    if (locked.length === 0) return { ready: [], deferred: claimed.length };
    const { rows: unpublished } = await client.query<{ id: string; topic: string; entity_key: string }>(
      UNPUBLISHED_OF_ENTITIES,
      [claimed.at(-1)!.id, locked.map((e) => e.topic), locked.map((e) => e.entityKey)],
    );
    return publishableRows(
      claimed,
      new Set(locked.map(entityOf)),
      unpublished.map((r) => ({ id: r.id, topic: r.topic, entityKey: r.entity_key })),
    );
  }

  /** The batch's Kafka messages by topic, in row order; rows that cannot be published become dead letters. */
  private async encode(rows: OutboxRow[]): Promise<{
    messages: { topic: string; messages: Message[] }[];
    published: Map<string, number>;
    deadLettered: Map<string, number>;
    /** The rows' publish spans, to end once Kafka has answered. */
    spans: ChildSpan[];
  }> {
    const spans = rows.map((row) => publishSpan(row));
    let encoded: Awaited<ReturnType<OutboxRelay['messageFor']>>[];
    try {
      encoded = await Promise.all(rows.map((row, i) => this.messageFor(row, spans[i]!)));
    } catch (error) {
      for (const span of spans) span.end(error);
      throw error;
    }
    const byTopic = new Map<string, Message[]>();
    const published = new Map<string, number>();
    const deadLettered = new Map<string, number>();
    encoded.forEach(({ topic, message, deadLetterCode }, i) => {
      let list = byTopic.get(topic);
      if (!list) byTopic.set(topic, (list = []));
      list.push(message);
      if (deadLetterCode) deadLettered.set(deadLetterCode, (deadLettered.get(deadLetterCode) ?? 0) + 1);
      else published.set(rows[i]!.topic, (published.get(rows[i]!.topic) ?? 0) + 1);
    });
    return {
      messages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      published,
      deadLettered,
      spans,
    };
  }

  /** The row's Kafka message; its `traceparent` header is the row's publish span. */
  private messageFor(
    row: OutboxRow,
    span: ChildSpan,
  ): Promise<{ topic: string; message: Message; deadLetterCode?: string }> {
    // Inside the span, so what is logged about the row carries its trace.
    return context.with(span.context, () => this.encodeRow(row, span));
  }

  private async encodeRow(
    row: OutboxRow,
    span: ChildSpan,
  ): Promise<{ topic: string; message: Message; deadLetterCode?: string }> {
    const headers = { ...rowHeaders(row), traceparent: span.traceparent };
    const timestamp = String(row.createdAt.getTime());
    try {
      const key = outboxTopicKey(row.topic);
      if (!key) throw new PlatformError(ErrorCodes.VALIDATION_FAILED, `${row.topic} is not an outbox topic`);
      const problem = identityProblem(row);
      if (problem) throw new PlatformError(ErrorCodes.VALIDATION_FAILED, problem);
      const target = this.topics[key];
      span.span.setAttribute('messaging.destination.name', target.name);
      const value = await this.serde.encode(target.name, target.schema, row.payload);
      return { topic: target.name, message: { key: row.entityKey, value, timestamp, headers } };
    } catch (error) {
      // Anything else (registry down, schema not registered) is not this row's fault: the batch
      // fails and is tried again.
      if (!isPlatformError(error, ErrorCodes.VALIDATION_FAILED)) throw error;
      this.log.warn(
        { id: row.id, eventId: row.eventId, topic: row.topic, reason: error.message },
        'dead-lettering outbox row',
      );
      const target = this.topics.deadLetter;
      span.span.setAttributes({
        'messaging.destination.name': target.name,
        'eshop.dead_letter.code': error.code,
      });
      const letter = deadLetterForRow(row, error.code, error.message, headers, Date.now());
      const value = await this.serde.encode(target.name, target.schema, letter);
      return {
        topic: target.name,
        message: { key: row.entityKey, value, timestamp, headers },
        deadLetterCode: error.code,
      };
    }
  }

  /** Opens the LISTEN connection; wakes the loop once listening, for rows committed meanwhile. */
  private listen(): Promise<void> {
    const attempt = (async () => {
      const client = new pg.Client(this.connection);
      client.on('notification', () => this.wake());
      client.on('error', (error) => this.listenerLost(client, error));
      client.on('end', () => this.listenerLost(client));
      try {
        await client.connect();
        await client.query('LISTEN outbox');
      } catch (error) {
        client.removeAllListeners();
        client.on('error', () => undefined);
        await client.end().catch(() => undefined);
        throw new PlatformError(
          ErrorCodes.SERVICE_UNAVAILABLE,
          `cannot LISTEN on the outbox: ${(error as Error).message}`,
          {
            cause: error,
            retriable: true,
          },
        );
      }
      if (this.stopping) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      this.wake();
    })();
    // stop() only needs to know when it is over; the caller of listen() gets the failure.
    this.listening = attempt.then(
      () => (this.listening = undefined),
      () => (this.listening = undefined),
    );
    return attempt;
  }

  private listenerLost(client: pg.Client, error?: Error): void {
    if (this.listener !== client) return; // not yet listening (listen() reports it), or already handled
    this.listener = undefined;
    client.end().catch(() => undefined);
    if (this.stopping) return;
    this.log.warn({ err: error }, 'lost the LISTEN connection; polling until it is back');
    this.reconnect(1);
  }

  private reconnect(attempt: number): void {
    this.reconnectTimer = setTimeout(() => {
      if (this.stopping) return;
      this.listen().then(
        () => this.log.info('listening on the outbox again'),
        (error: unknown) => {
          this.log.warn({ err: error, attempt }, 'reconnecting the LISTEN connection failed');
          if (!this.stopping) this.reconnect(attempt + 1);
        },
      );
    }, backoffMs(attempt));
  }

  private wake(): void {
    this.wakeRequested = true;
    if (this.sleeper?.wakeable) this.sleeper.resume();
  }

  /** Waits `ms`, or less when stopping or (if wakeable) when a notification arrives. */
  private async pause(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopping || (wakeable && this.wakeRequested)) return;
    const cancel = new AbortController();
    this.sleeper = { resume: () => cancel.abort(), wakeable };
    await sleep(ms, undefined, { signal: cancel.signal }).catch(() => undefined);
    this.sleeper = undefined;
  }
}

/** The PRODUCER span of a row's publication, the child of the trace the row was written in. */
function publishSpan(row: OutboxRow): ChildSpan {
  return startChildSpan(`${RELAY_NAME} publish`, SpanKind.PRODUCER, row.traceparent ?? undefined, {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'publish',
    'eshop.outbox.id': row.id,
    'eshop.event.id': row.eventId,
  });
}

/** Exponential backoff with jitter, from 200 ms to 30 s. */
function backoffMs(attempt: number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** (attempt - 1));
  return Math.round(base / 2 + Math.random() * (base / 2));
}
