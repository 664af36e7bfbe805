/**
 * Runs any Sink against Kafka: consume its input topics, decode, batch by count, bytes and time
 * across partitions, write, and only then commit the offsets - so a crash anywhere means the batch
 * is delivered again, which the sink's idempotence turns into "no change".
 *
 * - Bounded: at most `maxRecords` / `maxBytes` are buffered; consuming waits while a full batch is
 *   written, so memory does not grow with the input rate.
 * - One write at a time, in consumption order, so each partition reaches the store in offset order.
 * - Transient store errors (a retriable PlatformError) are retried with capped exponential backoff
 *   for as long as it takes - the offsets are not committed meanwhile, so nothing is skipped.
 * - A batch that fails for good is split in halves until the record(s) at fault are isolated; those
 *   go to the dead-letter topic with the code and reason, the rest is written. Records the store
 *   refuses (`WriteOutcome.rejected`) and records that do not decode are dead-lettered likewise.
 * - After a rebalance the records buffered for the old assignment are dropped, not written: they
 *   are uncommitted, so their new owner reads them again.
 *
 * @example
 * const runner = new SinkRunner(createSearchSink(config), config);
 * await runner.start();
 * process.once('SIGTERM', () => runner.stop());
 */
import { Partitioners, type Consumer, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { PlatformConfig } from '../../../core/config/index.ts';
import { ErrorCodes, isPlatformError } from '../../../core/errors/index.ts';
import { AvroSerde } from '../../../core/events/avro-serde.ts';
import { childTraceparent } from '../../../core/events/trace-context.ts';
import { createKafka } from '../../../core/kafka/client.ts';
import { createLogger, type Logger } from '../../../core/log/index.ts';
import { serveMetrics, type MetricsServer } from '../../../core/telemetry/metrics-server.ts';
import { inTraceOf } from '../../../core/telemetry/tracing.ts';
import { topics } from '../../../schemas/topics.ts';
import { deadLetterFor } from '../../../streams/runtime/dead-letter.ts';
import type { ConsumerTimeLag } from '../../../streams/runtime/metrics.ts';
import { withRetry } from '../../../streams/runtime/retry.ts';
import { BatchBuffer } from './batch-buffer.ts';
import { SinkMetrics } from './metrics.ts';
import { startSinkWriteSpans } from './sink-spans.ts';
import type { BatchLimits, Rejection, Sink, SinkRecord } from './sink.ts';

type RunnerConfig = Pick<PlatformConfig, 'kafka' | 'schemaRegistry' | 'sinks' | 'streams'>;

export interface SinkRunnerOptions {
  kafka?: Kafka;
  log?: Logger;
  /** Consumer group; defaults to the sink's name. */
  groupId?: string;
  /** Where dead letters go; defaults to the platform's dead-letter topic. */
  deadLetterTopic?: string;
  /** Batch limits overriding both the configuration and the sink's own (tests, tools). */
  limits?: Partial<BatchLimits>;
  /** Serve /metrics (on config.streams.metricsPort); off for in-process tests and tools. */
  serveMetrics?: boolean;
  /** Fault injection and observation points (the contract suite kills a sink after a write). */
  hooks?: {
    /** After a batch is written and dead-lettered, before its offsets are committed. */
    afterWrite?: (records: readonly SinkRecord[]) => void | Promise<void>;
    /** After a batch's offsets are committed. */
    afterCommit?: (offsets: readonly CommittedOffset[]) => void;
  };
  /**
   * Called when a batch can neither be written nor dead-lettered (e.g. the dead-letter topic's
   * schema is not registered). The runner has stopped consuming: carrying on would commit past
   * the lost batch. A process should exit non-zero so it restarts from the committed offsets.
   */
  onFatal?: (error: unknown) => void;
}

export interface CommittedOffset {
  topic: string;
  partition: number;
  /** The next offset to consume. */
  offset: string;
}

/**
 * One consumed position: a message decoded for the sink, a message already known to be dead, or
 * transaction markers to step over (nothing to write, but the commit must pass them).
 */
export type Entry =
  | { kind: 'record'; topic: string; partition: number; message: KafkaMessage; record: SinkRecord }
  | { kind: 'dead'; topic: string; partition: number; message: KafkaMessage; code: string; reason: string }
  | { kind: 'skip'; topic: string; partition: number; message: Pick<KafkaMessage, 'offset'> };
type DeadEntry = Extract<Entry, { kind: 'dead' }>;

const MAX_BACKOFF_MS = 30_000;
/** kafkajs' default heartbeat interval: it skips calls made sooner anyway. */
const HEARTBEAT_WHILE_WRITING_MS = 3_000;

export class SinkRunner {
  readonly metrics = new SinkMetrics();
  private readonly kafka: Kafka;
  private readonly serde: AvroSerde;
  private readonly log: Logger;
  private readonly limits: BatchLimits;
  private readonly buffer: BatchBuffer<Entry>;
  private readonly groupId: string;
  private readonly deadLetterTopic: string;
  private readonly abort = new AbortController();
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private server: MetricsServer | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The write in progress; writes are chained so batches reach the store in order. */
  private writing: Promise<void> = Promise.resolve();
  private stopping = false;
  private fatal: unknown;
  private readonly timeLag: ConsumerTimeLag;

  constructor(
    readonly sink: Sink,
    private readonly config: RunnerConfig,
    private readonly options: SinkRunnerOptions = {},
  ) {
    this.kafka = options.kafka ?? createKafka(config, sink.name);
    this.serde = new AvroSerde(config.schemaRegistry.url);
    this.log = options.log ?? createLogger(sink.name);
    this.groupId = options.groupId ?? sink.name;
    this.deadLetterTopic = options.deadLetterTopic ?? topics.deadLetter.name;
    this.limits = {
      maxRecords: options.limits?.maxRecords ?? sink.batch?.maxRecords ?? config.sinks.maxBatchRecords,
      maxBytes: options.limits?.maxBytes ?? sink.batch?.maxBytes ?? config.sinks.maxBatchBytes,
      lingerMs: options.limits?.lingerMs ?? sink.batch?.lingerMs ?? config.sinks.lingerMs,
    };
    this.buffer = new BatchBuffer(this.limits);
    this.timeLag = this.metrics.timeLag(sink.name);
  }

  /** The port /metrics listens on, once started (when serving). */
  get metricsPort(): number | undefined {
    return this.server?.port;
  }

  async start(): Promise<void> {
    this.metrics.initialise(
      this.sink.name,
      this.sink.inputs.map((t) => t.name),
    );
    if (this.options.serveMetrics) {
      this.server = await serveMetrics(
        this.metrics.registry,
        this.config.streams.metricsPort,
        this.config.streams.metricsHost,
      );
    }
    await this.retrying('init', () => this.sink.init?.() ?? Promise.resolve());
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();

    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      readUncommitted: false,
      maxBytesPerPartition: Math.min(this.limits.maxBytes, 4 * 1024 * 1024),
    });
    this.consumer = consumer;
    // A rejoin restarts every partition from its committed offset: what is buffered belongs to the
    // old assignment and will be read again by whoever owns it now.
    // A fetch of nothing but transaction markers never reaches eachBatch; kafkajs reports it here.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize === 0 && !this.stopping && BigInt(payload.lastOffset) >= 0n) {
        this.skipTo(payload.topic, payload.partition, payload.lastOffset);
        this.scheduleFlush();
      }
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.timeLag.dropUncommitted();
      this.timeLag.retain(payload.memberAssignment);
      const dropped = this.buffer.drain().length;
      if (dropped > 0) this.log.info({ dropped }, 'rebalanced; dropped uncommitted buffered records');
      this.metrics.buffered.set({ sink: this.sink.name }, 0);
    });
    await consumer.connect();
    for (const input of this.sink.inputs)
      await consumer.subscribe({ topic: input.name, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.config.streams.concurrency,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (const message of batch.messages) {
          if (this.stopping || !isRunning() || isStale()) return;
          const entry = await this.decode(batch.topic, batch.partition, message);
          // Partitions are consumed concurrently: wait for room right before adding, so no batch
          // grows past its bounds while another partition's flush is in progress.
          while (this.buffer.full && !this.fatal) await heartbeating(this.flush(), heartbeat);
          const recordsBehind = Math.max(0, Number(batch.highWatermark) - Number(message.offset) - 1);
          if (entry) {
            this.buffer.add(entry, message.value?.length ?? 0, Date.now());
            this.timeLag.read(
              batch.topic,
              batch.partition,
              message.offset,
              Number(message.timestamp),
              recordsBehind,
            );
          }
          resolveOffset(message.offset);
          this.metrics.buffered.set({ sink: this.sink.name }, this.buffer.size);
          this.metrics.consumerLag.set(
            { sink: this.sink.name, topic: batch.topic, partition: String(batch.partition) },
            recordsBehind,
          );
          if (this.buffer.full) await heartbeating(this.flush(), heartbeat);
        }
        // Transactional producers leave commit markers after their records. kafkajs hides them,
        // but they hold offsets: a commit that stops before them leaves the group one behind
        // the end forever (lag never reaches 0). So the markers are committed like records.
        const last = batch.messages.at(-1);
        if (last && !this.stopping && BigInt(batch.lastOffset()) > BigInt(last.offset)) {
          this.skipTo(batch.topic, batch.partition, batch.lastOffset());
          resolveOffset(batch.lastOffset());
        }
        this.scheduleFlush();
        await heartbeat();
      },
    });
    this.log.info(
      { inputs: this.sink.inputs.map((t) => t.name), group: this.groupId, limits: this.limits },
      'sink started',
    );
  }

  /** Writes and commits what is buffered, then leaves the group and closes the sink. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearTimeout(this.timer);
    if (this.consumer) {
      this.consumer.pause(this.sink.inputs.map((t) => ({ topic: t.name })));
      await this.flush().catch((error: unknown) => this.log.warn({ err: error }, 'final write failed'));
    }
    this.abort.abort();
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    await this.sink.close?.();
    await this.server?.close();
    this.log.info('sink stopped');
  }

  /** Writes everything buffered now (after any write in progress). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.writing.then(() => (this.fatal ? undefined : this.writeBuffered()));
    this.writing = next.catch((error: unknown) => this.failed(error));
    return next;
  }

  private skipTo(topic: string, partition: number, offset: string): void {
    this.buffer.add({ kind: 'skip', topic, partition, message: { offset } }, 0, Date.now());
  }

  /** A batch is lost to this process: stop consuming so nothing after it is committed. */
  private failed(error: unknown): void {
    if (this.fatal || this.abort.signal.aborted) return;
    this.fatal = error;
    this.stopping = true;
    this.log.fatal({ err: error }, 'a batch could not be written or dead-lettered; consuming stopped');
    this.consumer?.pause(this.sink.inputs.map((t) => ({ topic: t.name })));
    this.options.onFatal?.(error);
  }

  private scheduleFlush(): void {
    const due = this.buffer.dueAt();
    if (due === undefined || this.timer || this.stopping) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.flush().catch(() => undefined); // handled by failed()
      },
      Math.max(0, due - Date.now()),
    );
  }

  private async writeBuffered(): Promise<void> {
    const entries = this.buffer.drain();
    this.timeLag.seal();
    this.metrics.buffered.set({ sink: this.sink.name }, 0);
    if (entries.length === 0) return;
    const name = this.sink.name;
    const records: SinkRecord[] = [];
    const messages = new Map<SinkRecord, KafkaMessage>();
    const dead: DeadEntry[] = [];
    let bytes = 0;
    for (const entry of entries) {
      if (entry.kind === 'skip') continue;
      bytes += entry.message.value?.length ?? 0;
      if (entry.kind === 'dead') dead.push(entry);
      else {
        records.push(entry.record);
        messages.set(entry.record, entry.message);
      }
    }

    // A batch span, and a `<sink> write` span in each record's trace (sink-spans.ts).
    const spans = startSinkWriteSpans(name, this.groupId, records);
    let rejected: Rejection[];
    try {
      rejected = await spans.run(() => this.writeIsolating(records));
    } catch (error) {
      spans.end([], error);
      throw error;
    }
    spans.end(rejected);
    this.observeEndToEnd(records, rejected);
    for (const rejection of rejected) {
      dead.push({
        kind: 'dead',
        topic: rejection.record.topic,
        partition: rejection.record.partition,
        message: messages.get(rejection.record)!,
        code: rejection.code,
        reason: rejection.reason,
      });
    }
    if (dead.length > 0) await this.retrying('dead-letter', () => this.deadLetter(dead));
    await this.options.hooks?.afterWrite?.(records);

    const offsets = nextOffsets(entries);
    try {
      await this.consumer!.commitOffsets(offsets);
      for (const { topic, partition, offset } of offsets) this.timeLag.committed(topic, partition, offset);
      this.options.hooks?.afterCommit?.(offsets);
    } catch (error) {
      this.metrics.commitFailures.inc({ sink: name });
      this.log.warn({ err: error }, 'offset commit failed; the batch will be redelivered and rewritten');
    }

    const written = new Set(rejected.map((r) => r.record));
    const perTopic = new Map<string, number>();
    for (const record of records) {
      if (!written.has(record)) perTopic.set(record.topic, (perTopic.get(record.topic) ?? 0) + 1);
    }
    for (const [topic, count] of perTopic) this.metrics.recordsWritten.inc({ sink: name, topic }, count);
    this.metrics.batchRecords.observe({ sink: name }, entries.length);
    this.metrics.batchBytes.observe({ sink: name }, bytes);
  }

  /**
   * Event time to store, for every record of a durable write: the write has resolved, so the
   * store has them (rejected records are not in the store, they go to the dead-letter topic).
   */
  private observeEndToEnd(records: readonly SinkRecord[], rejected: readonly Rejection[]): void {
    const refused = new Set(rejected.map((r) => r.record));
    const histogram = this.metrics.endToEndSeconds.labels({ sink: this.sink.name });
    const now = Date.now();
    for (const record of records) {
      if (!refused.has(record)) histogram.observe(Math.max(0, (now - record.timestamp) / 1000));
    }
  }

  /**
   * Writes `records`, retrying transient failures; a permanent failure of the whole write is
   * narrowed down by halves so only the records at fault are dead-lettered.
   */
  private async writeIsolating(records: readonly SinkRecord[]): Promise<Rejection[]> {
    if (records.length === 0) return [];
    try {
      return await this.retrying('write', async () => {
        const started = process.hrtime.bigint();
        const outcome = await this.sink.write(records);
        this.metrics.writeSeconds.observe(
          { sink: this.sink.name },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
        return [...outcome.rejected];
      });
    } catch (error) {
      if (this.abort.signal.aborted) throw error;
      if (records.length === 1) {
        const code = isPlatformError(error) ? error.code : ErrorCodes.WRITE_REJECTED;
        return [
          { record: records[0]!, code, reason: error instanceof Error ? error.message : String(error) },
        ];
      }
      this.log.warn(
        { err: error, records: records.length },
        'write failed for good; isolating the records at fault',
      );
      const half = Math.ceil(records.length / 2);
      return [
        ...(await this.writeIsolating(records.slice(0, half))),
        ...(await this.writeIsolating(records.slice(half))),
      ];
    }
  }

  /** Runs `operation` until it succeeds or fails with a non-retriable error (or the runner stops). */
  private retrying<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return withRetry(operation, {
      retries: Number.POSITIVE_INFINITY,
      initialDelayMs: this.config.sinks.retryInitialMs,
      maxDelayMs: MAX_BACKOFF_MS,
      signal: this.abort.signal,
      onRetry: (error, attempt, delayMs) => {
        this.metrics.retries.inc({ sink: this.sink.name });
        // Past the configured retries the store has been down a while: say so louder, keep trying.
        const level = attempt > this.config.sinks.retries ? 'error' : 'warn';
        this.log[level]({ err: error, attempt, delayMs }, `retrying ${what}`);
      },
    });
  }

  /** Decodes a message for the sink; undefined for a tombstone (nothing to write). */
  private async decode(topic: string, partition: number, message: KafkaMessage): Promise<Entry | undefined> {
    const input = this.sink.inputs.find((t) => t.name === topic);
    if (!input || message.value === null) return undefined;
    try {
      const value = await this.retrying('decode', () => this.serde.decode(input.schema, message.value));
      const headers: Record<string, string> = {};
      for (const [header, raw] of Object.entries(message.headers ?? {})) {
        if (raw !== undefined) headers[header] = Array.isArray(raw) ? raw.join(',') : raw.toString();
      }
      const record: SinkRecord = {
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        value,
        timestamp: Number(message.timestamp),
        headers,
        sizeBytes: message.value.length,
      };
      return { kind: 'record', topic, partition, message, record };
    } catch (error) {
      if (this.abort.signal.aborted) throw error;
      const code = isPlatformError(error) ? error.code : ErrorCodes.DESERIALIZATION_FAILED;
      return { kind: 'dead', topic, partition, message, code, reason: (error as Error).message };
    }
  }

  private async deadLetter(entries: readonly DeadEntry[]): Promise<void> {
    const messages = await Promise.all(
      entries.map(async (entry) => {
        const { topic, partition, code, reason } = entry;
        const traceparent = entry.message.headers?.traceparent?.toString();
        // Logged in the record's trace.
        inTraceOf(traceparent, () =>
          this.log.warn(
            { topic, partition, offset: entry.message.offset, code, reason },
            'dead-lettering record',
          ),
        );
        this.metrics.deadLettered.inc({ sink: this.sink.name, code });
        const record = deadLetterFor(
          this.sink.name,
          { topic, partition, message: entry.message },
          code,
          reason,
          Date.now(),
        );
        return {
          key: entry.message.key,
          value: await this.serde.encode(this.deadLetterTopic, topics.deadLetter.schema, record),
          headers: { traceparent: childTraceparent(traceparent) },
        };
      }),
    );
    await this.producer!.send({ topic: this.deadLetterTopic, acks: -1, messages });
  }
}

/**
 * Waits for `work` while keeping the group membership alive. A write can take longer than the
 * session timeout (a 64 MB archive file, a store that is retrying); kafkajs only heartbeats
 * between fetches or when asked, so without this the member is dropped mid-write, its commit
 * fails and the whole batch is delivered - and written - again.
 */
async function heartbeating<T>(work: Promise<T>, heartbeat: () => Promise<void>): Promise<T> {
  // A failed heartbeat means a rebalance: the batch's commit will say so; nothing to do here.
  const timer = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_WHILE_WRITING_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** The offsets to commit after a batch: one past the last entry of each partition. */
export function nextOffsets(
  entries: readonly Pick<Entry, 'topic' | 'partition' | 'message'>[],
): CommittedOffset[] {
  const next = new Map<string, CommittedOffset>();
  for (const { topic, partition, message } of entries) {
    const offset = String(BigInt(message.offset) + 1n);
    const key = `${topic}\u0000${partition}`;
    const current = next.get(key);
    if (!current || BigInt(current.offset) < BigInt(offset)) next.set(key, { topic, partition, offset });
  }
  return [...next.values()];
}
