/**
 * The typed event producer used by the API, the load generator and any external producer.
 *
 * - Values are checked against the topic's schema and serialised as Avro in the Confluent wire
 *   format; the TypeScript type of each topic's value comes from the generated schema types.
 * - Idempotent: the broker drops the duplicates that retries would otherwise write.
 * - Keys are the entity id, so all events of one entity land in order on one partition.
 * - Each message carries a W3C `traceparent` header, continuing the caller's trace when given one.
 *
 * @example
 * const producer = new EventProducer(loadConfig(), 'api');
 * await producer.connect();
 * await producer.send('items', [{ key: item.id, value: itemChanged }]);
 * await producer.disconnect();
 */
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { PlatformConfig } from '../config/index.ts';
import { createKafka } from '../kafka/client.ts';
import { topics, type TopicKey } from '../../schemas/topics.ts';
import type { SchemaTypes } from '../../schemas/types.generated.ts';
import { AvroSerde } from './avro-serde.ts';
import { newTraceparent } from './trace-context.ts';

/** The value type of a topic, derived from its declared schema. */
export type TopicValue<K extends TopicKey> = SchemaTypes[(typeof topics)[K]['schema']];

export interface EventRecord<V> {
  key: string;
  value: V;
  /** A W3C traceparent to continue; a new trace is started when absent. */
  traceparent?: string;
  headers?: Record<string, string>;
  /** Event time in epoch milliseconds; defaults to now. */
  timestamp?: number;
}

export interface EventProducerOptions {
  /** Reuse a Kafka client (tests, the stream runtime). */
  kafka?: Kafka;
}

export class EventProducer {
  private readonly producer: Producer;
  private readonly serde: AvroSerde;

  constructor(
    config: Pick<PlatformConfig, 'kafka' | 'schemaRegistry'>,
    component: string,
    options: EventProducerOptions = {},
  ) {
    const kafka = options.kafka ?? createKafka(config, component);
    // maxInFlightRequests 1 keeps retried batches in order as well as deduplicated.
    // The Java client's murmur2 partitioner, so a key lands on the same partition whichever
    // client produced it (kafkajs' default until v2 was a different one, hence its warning).
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.serde = new AvroSerde(config.schemaRegistry.url);
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  /** Sends records to one topic as one batch; resolves once the broker has them (acks=all). */
  async send<K extends TopicKey>(topic: K, records: readonly EventRecord<TopicValue<K>>[]): Promise<void> {
    const declaration = topics[topic];
    const messages = await Promise.all(
      records.map(async (record) => ({
        key: record.key,
        value: await this.serde.encode(declaration.name, declaration.schema, record.value),
        timestamp: String(record.timestamp ?? Date.now()),
        headers: { ...record.headers, traceparent: record.traceparent ?? newTraceparent() },
      })),
    );
    await this.producer.send({ topic: declaration.name, acks: -1, messages });
  }
}
