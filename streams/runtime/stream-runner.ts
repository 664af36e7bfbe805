/**
 * Runs any Processor against Kafka, exactly once: for each bounded chunk of one input partition,
 * the outputs, the dead letters and the input offsets are written in one Kafka transaction, so a
 * crash anywhere either commits all of a chunk or none of it (consumers read_committed).
 *
 * - One transactional producer per input partition (transactional.id = processor/topic/partition):
 *   when a partition moves to another instance after a crash or rebalance, the new owner's
 *   producer fences the old one, so a zombie can never commit a duplicate.
 * - Chunks are bounded (STREAMS_MAX_BATCH_RECORDS); partitions are worked on concurrently
 *   (STREAMS_CONCURRENCY) and each in order.
 * - Retriable errors (registry or broker unavailable) abort the transaction and retry the chunk
 *   with backoff; records that can never succeed go to the dead-letter topic with their reason
 *   and the chunk carries on.
 * - Global tables are loaded before the first record is processed (readiness barrier).
 *
 * @example
 * const runner = new StreamRunner(createNormaliseItems(), loadConfig());
 * await runner.start();
 * process.once('SIGTERM', () => runner.stop());
 */
import {
  Partitioners,
  type Consumer,
  type Kafka,
  type KafkaMessage,
  type Message,
  type Producer,
} from 'kafkajs';
import type { PlatformConfig } from '../../core/config/index.ts';
import { chunkOutputs } from './output-chunks.ts';
import { ErrorCodes, isPlatformError, isRetriable, PlatformError } from '../../core/errors/index.ts';
import { AvroSerde } from '../../core/events/avro-serde.ts';
import { childTraceparent } from '../../core/events/trace-context.ts';
import { createKafka } from '../../core/kafka/client.ts';
import { createLogger, type Logger } from '../../core/log/index.ts';
import { serveMetrics, type MetricsServer } from '../../core/telemetry/metrics-server.ts';
import { inTraceOf, withRecordSpan } from '../../core/telemetry/tracing.ts';
import { topics } from '../../schemas/topics.ts';
import { deadLetterFor } from './dead-letter.ts';
import { GlobalTable } from './global-table.ts';
import { StreamMetrics } from './metrics.ts';
import type { OutputRecord, Processor, ProcessorContext, TableReader } from './processor.ts';
import { withRetry } from './retry.ts';

type RunnerConfig = Pick<PlatformConfig, 'kafka' | 'schemaRegistry' | 'streams'>;

export interface StreamRunnerOptions {
  kafka?: Kafka;
  log?: Logger;
}

interface Source {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

export class StreamRunner {
  readonly metrics = new StreamMetrics();
  private readonly kafka: Kafka;
  private readonly serde: AvroSerde;
  private readonly log: Logger;
  private readonly tables = new Map<string, GlobalTable>();
  private readonly producers = new Map<string, Promise<Producer>>();
  private readonly abort = new AbortController();
  private consumer: Consumer | undefined;
  private server: MetricsServer | undefined;

  constructor(
    readonly processor: Processor,
    private readonly config: RunnerConfig,
    options: StreamRunnerOptions = {},
  ) {
    this.kafka = options.kafka ?? createKafka(config, processor.name);
    this.serde = new AvroSerde(config.schemaRegistry.url);
    this.log = options.log ?? createLogger(processor.name);
  }

  /** A loaded global table, for inspection (tests, diagnostics). */
  table(name: string): GlobalTable {
    return this.tableOf(name);
  }

  /** The port /metrics listens on, once started. */
  get metricsPort(): number | undefined {
    return this.server?.port;
  }

  async start(): Promise<void> {
    this.server = await serveMetrics(
      this.metrics.registry,
      this.config.streams.metricsPort,
      this.config.streams.metricsHost,
    );
    for (const declaration of this.processor.tables ?? []) {
      const table = new GlobalTable(
        declaration,
        this.kafka,
        this.serde,
        this.processor.name,
        this.log,
        (rows) =>
          this.metrics.tableRows.set({ processor: this.processor.name, table: declaration.name }, rows),
      );
      this.tables.set(declaration.name, table);
    }
    await Promise.all([...this.tables.values()].map((table) => table.start()));

    this.consumer = this.kafka.consumer({
      groupId: this.processor.name,
      readUncommitted: false,
      maxBytesPerPartition: 1024 * 1024,
    });
    const name = this.processor.name;
    this.metrics.initialise(
      name,
      this.processor.inputs.map((t) => t.name),
      this.processor.outputs.map((t) => t.name).filter((t) => t !== topics.deadLetter.name),
    );
    const timeLag = this.metrics.timeLag(name);
    // Partitions that moved to another instance are its to report.
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) =>
      timeLag.retain(payload.memberAssignment),
    );
    await this.consumer.connect();
    for (const input of this.processor.inputs)
      await this.consumer.subscribe({ topic: input.name, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.config.streams.concurrency,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const { maxBatchRecords } = this.config.streams;
        for (let start = 0; start < batch.messages.length; start += maxBatchRecords) {
          if (!isRunning() || isStale()) return;
          const chunk = batch.messages.slice(start, start + maxBatchRecords);
          timeLag.read(batch.topic, batch.partition, chunk[0]!.offset, Number(chunk[0]!.timestamp));
          await withRetry(() => this.commitChunk(batch.topic, batch.partition, chunk), {
            retries: this.config.streams.retries,
            initialDelayMs: this.config.streams.retryInitialMs,
            maxDelayMs: 30_000,
            signal: this.abort.signal,
            onRetry: (error, attempt, delayMs) => {
              this.metrics.retries.inc({ processor: this.processor.name });
              this.log.warn(
                { err: error, attempt, delayMs, topic: batch.topic, partition: batch.partition },
                'retrying chunk',
              );
            },
          });
          const last = chunk.at(-1)!;
          resolveOffset(last.offset);
          const recordsBehind = Math.max(0, Number(batch.highWatermark) - Number(last.offset) - 1);
          this.metrics.consumerLag.set(
            { processor: this.processor.name, topic: batch.topic, partition: String(batch.partition) },
            recordsBehind,
          );
          timeLag.committed(batch.topic, batch.partition, String(Number(last.offset) + 1), {
            timestamp: Number(last.timestamp),
            recordsBehind,
          });
          await heartbeat();
        }
      },
    });
    this.log.info(
      { inputs: this.processor.inputs.map((t) => t.name), metricsPort: this.metricsPort },
      'processor started',
    );
  }

  /** Stops consuming after the chunk in flight, then closes producers, tables and the metrics endpoint. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.consumer?.disconnect();
    await Promise.all(
      [...this.producers.values()].map(async (p) => (await p.catch(() => undefined))?.disconnect()),
    );
    await Promise.all([...this.tables.values()].map((t) => t.stop()));
    await this.server?.close();
    this.log.info('processor stopped');
  }

  private producerFor(topic: string, partition: number): Promise<Producer> {
    const transactionalId = `${this.processor.name}.${topic}.${partition}`;
    let producer = this.producers.get(transactionalId);
    if (!producer) {
      const created = this.kafka.producer({
        transactionalId,
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      producer = created.connect().then(() => created);
      producer.catch(() => this.producers.delete(transactionalId));
      this.producers.set(transactionalId, producer);
    }
    return producer;
  }

  /** Processes one chunk and commits its outputs and its offsets in one transaction. */
  private async commitChunk(topic: string, partition: number, chunk: KafkaMessage[]): Promise<void> {
    const outputs = new Map<string, Message[]>();
    const add = (target: string, message: Message) => {
      let list = outputs.get(target);
      if (!list) outputs.set(target, (list = []));
      list.push(message);
    };
    const counts = { in: 0, dead: new Map<string, number>() };
    for (const message of chunk) {
      const started = process.hrtime.bigint();
      const source = { topic, partition, message };
      try {
        for (const record of await this.processOne(source)) add(record.topic, record.message);
      } catch (error) {
        if (isRetriable(error)) throw error; // the whole chunk is retried
        const code = isPlatformError(error) ? error.code : ErrorCodes.PROCESSING_FAILED;
        const reason = error instanceof Error ? error.message : String(error);
        add(topics.deadLetter.name, await this.deadLetter(source, code, reason));
        counts.dead.set(code, (counts.dead.get(code) ?? 0) + 1);
      }
      counts.in += 1;
      this.metrics.processingSeconds.observe(
        { processor: this.processor.name },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }

    const producer = await this.producerFor(topic, partition);
    const transaction = await producer.transaction();
    try {
      for (const topicMessages of chunkOutputs(outputs)) {
        await transaction.sendBatch({ acks: -1, topicMessages });
      }
      await transaction.sendOffsets({
        consumerGroupId: this.processor.name,
        topics: [{ topic, partitions: [{ partition, offset: String(Number(chunk.at(-1)!.offset) + 1) }] }],
      });
      await transaction.commit();
    } catch (error) {
      this.metrics.transactionAborts.inc({ processor: this.processor.name });
      await transaction.abort().catch(() => undefined);
      throw new PlatformError(
        ErrorCodes.SERVICE_UNAVAILABLE,
        `transaction failed: ${(error as Error).message}`,
        {
          cause: error,
          retriable: true,
        },
      );
    }
    const name = this.processor.name;
    this.metrics.recordsIn.inc({ processor: name, topic }, counts.in);
    this.metrics.batchRecords.observe({ processor: name }, chunk.length);
    for (const [target, messages] of outputs) {
      if (target !== topics.deadLetter.name)
        this.metrics.recordsOut.inc({ processor: name, topic: target }, messages.length);
    }
    for (const [code, count] of counts.dead) this.metrics.deadLettered.inc({ processor: name, code }, count);
  }

  /** Decodes, processes and encodes one record. Throws a PlatformError classifying any failure. */
  private async processOne(source: Source): Promise<{ topic: string; message: Message }[]> {
    const input = this.processor.inputs.find((t) => t.name === source.topic);
    if (!input) throw new PlatformError(ErrorCodes.PROCESSING_FAILED, `not an input topic: ${source.topic}`);
    const value = await this.serde.decode(input.schema, source.message.value);
    const context: ProcessorContext = {
      topic: source.topic,
      partition: source.partition,
      offset: source.message.offset,
      timestamp: Number(source.message.timestamp),
      tables: this.tableReader,
    };
    const incoming = source.message.headers?.traceparent?.toString();
    return withRecordSpan(
      `${this.processor.name} process`,
      incoming,
      {
        'messaging.system': 'kafka',
        'messaging.destination.name': source.topic,
        'messaging.kafka.partition': source.partition,
        'messaging.kafka.offset': source.message.offset,
        'messaging.consumer.group.name': this.processor.name,
        'eshop.processor': this.processor.name,
      },
      async (traceparent) => {
        const result = this.processor.process(value, context);
        if (result.kind === 'reject') throw new PlatformError(result.code, result.reason);
        return Promise.all(
          result.records.map(async (record: OutputRecord) => ({
            topic: record.topic.name,
            message: {
              key: record.key,
              value: await this.serde.encode(record.topic.name, record.topic.schema, record.value),
              timestamp: source.message.timestamp,
              headers: {
                traceparent,
                'eshop-source': `${source.topic}/${source.partition}/${source.message.offset}`,
              },
            },
          })),
        );
      },
    );
  }

  private async deadLetter(source: Source, code: string, reason: string): Promise<Message> {
    // Logged in the record's trace (its span has ended, with the error).
    inTraceOf(source.message.headers?.traceparent?.toString(), () =>
      this.log.warn(
        { topic: source.topic, partition: source.partition, offset: source.message.offset, code, reason },
        'dead-lettering record',
      ),
    );
    const record = deadLetterFor(this.processor.name, source, code, reason, Number(source.message.timestamp));
    return {
      key: source.message.key,
      value: await this.serde.encode(topics.deadLetter.name, topics.deadLetter.schema, record),
      timestamp: source.message.timestamp,
      headers: { traceparent: childTraceparent(source.message.headers?.traceparent?.toString()) },
    };
  }

  private readonly tableReader: TableReader = {
    get: <V>(table: string, key: string) => this.tableOf(table).get(key) as V | undefined,
    lookup: <V>(table: string, index: string, value: string) =>
      this.tableOf(table).lookup(index, value) as V[],
  };

  private tableOf(name: string): GlobalTable {
    const table = this.tables.get(name);
    if (!table)
      throw new PlatformError(
        ErrorCodes.PROCESSING_FAILED,
        `${this.processor.name} declared no table "${name}"`,
      );
    return table;
  }
}
