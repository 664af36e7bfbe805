/**
 * Connector figures on the local stack, printed (never asserted):
 *   1. each sink's throughput: records per second from Kafka into the real store, through the
 *      SinkRunner (decode, batch, write, commit), one sink at a time on private topics;
 *   2. end-to-end freshness: from the Postgres commit of an item (row + outbox row) to the item
 *      being searchable, through the outbox relay, normalise-items, enrich-items and the search
 *      sink, at a steady write rate - p50, p95, p99 and max.
 *
 * Usage: npm run bench:connectors -- [--records 20000] [--rate 20] [--seconds 30]   (needs `npx eshop up`)
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { processorsFrom } from '../cli/commands/run.ts';
import { enqueueEvent, OutboxRelay } from '../connectors/outbox/index.ts';
import { inTransaction } from '../connectors/postgres/transaction.ts';
import { createArchiveSink, createS3Client } from '../connectors/sinks/archive/index.ts';
import { createClickHouseSink } from '../connectors/sinks/clickhouse/index.ts';
import { createRedisSink } from '../connectors/sinks/redis/index.ts';
import { SinkRunner } from '../connectors/sinks/runtime/sink-runner.ts';
import type { Sink } from '../connectors/sinks/runtime/sink.ts';
import { aliasName, createSearchClient, createSearchSink } from '../connectors/sinks/search/index.ts';
import { loadConfig, type PlatformConfig } from '../core/config/index.ts';
import { AvroSerde } from '../core/events/avro-serde.ts';
import { createKafka } from '../core/kafka/client.ts';
import { groupLag, moveGroupToEnd } from '../core/kafka/group-lag.ts';
import type { SchemaName } from '../schemas/catalog.ts';
import { registerAll } from '../schemas/registry.ts';
import { samples } from '../schemas/samples.ts';
import { createTopics } from '../schemas/topic-admin.ts';
import { valueSubject, type TopicDeclaration } from '../schemas/topics.ts';
import type {
  EnrichedActivity,
  EnrichedItem,
  ItemChanged,
  ScoredComment,
  SellerChanged,
} from '../schemas/types.generated.ts';
import { latest } from '../schemas/catalog.ts';
import type { Processor } from '../streams/runtime/processor.ts';
import { StreamRunner } from '../streams/runtime/stream-runner.ts';
import { renderTable } from '../stack/status-table.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
  },
});
const recordCount = Number(values.records);
const base = loadConfig();
const run = `bench${Date.now().toString(36)}`;
const config: PlatformConfig = {
  ...base,
  streams: { ...base.streams, metricsPort: 0 },
  search: { ...base.search, indexPrefix: run },
  clickhouse: { ...base.clickhouse, database: run },
  redis: { ...base.redis, keyPrefix: `${run}:` },
  archive: { ...base.archive, bucket: run },
};
const kafka = createKafka(config, 'bench-connectors');
const serde = new AvroSerde(config.schemaRegistry.url);

// ---------------------------------------------------------------- records

const itemIds = Array.from({ length: Math.max(10, Math.floor(recordCount / 5)) }, () => randomUUID());
const sessionIds = Array.from({ length: 2000 }, () => randomUUID());
const T0 = Date.now() - 3_600_000;

function enrichedItem(i: number): EnrichedItem {
  const base = samples['enriched-item'];
  return {
    ...base,
    item: {
      ...base.item,
      id: itemIds[i % itemIds.length]!,
      version: 1 + Math.floor(i / itemIds.length),
      title: `Item ${i}`,
    },
    enrichedAt: T0 + i,
  };
}

function scoredComment(i: number): ScoredComment {
  const base = samples['scored-comment'];
  return {
    ...base,
    comment: { ...base.comment, id: randomUUID(), itemId: itemIds[i % itemIds.length]!, rating: 1 + (i % 5) },
    occurredAt: T0 + i,
  };
}

function enrichedActivity(i: number): EnrichedActivity {
  const base = samples['enriched-activity'];
  return {
    ...base,
    activity: {
      ...base.activity,
      eventId: randomUUID(),
      type: 'PAGE_VIEW',
      sessionId: sessionIds[i % sessionIds.length]!,
      itemId: itemIds[(i * 7) % itemIds.length]!,
      occurredAt: T0 + i * 10,
      search: null,
      click: null,
      cart: null,
      purchase: null,
    },
  };
}

function userActivity(i: number) {
  return enrichedActivity(i).activity;
}

const generators: Partial<Record<SchemaName, (i: number) => unknown>> = {
  'enriched-item': enrichedItem,
  'scored-comment': scoredComment,
  'enriched-activity': enrichedActivity,
  'user-activity': userActivity,
};

async function privateTopic(schema: SchemaName): Promise<TopicDeclaration> {
  const topic: TopicDeclaration = {
    name: `${run}.${schema}`,
    schema,
    partitions: 3,
    cleanupPolicy: 'delete',
    doc: 'bench',
  };
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: topic.name, numPartitions: 3 }] });
  await admin.disconnect();
  const response = await fetch(`${config.schemaRegistry.url}/subjects/${valueSubject(topic.name)}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schemaType: 'AVRO', schema: latest(schema).text }),
  });
  if (!response.ok) throw new Error(`registering ${schema}: HTTP ${response.status}`);
  return topic;
}

async function fill(topic: TopicDeclaration, count: number): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const generate = generators[topic.schema]!;
  for (let start = 0; start < count; start += 1000) {
    const messages = await Promise.all(
      Array.from({ length: Math.min(1000, count - start) }, async (_, j) => ({
        key: randomUUID(),
        value: await serde.encode(topic.name, topic.schema, generate(start + j)),
      })),
    );
    await producer.send({ topic: topic.name, acks: -1, messages });
  }
  await producer.disconnect();
}

/** Waits until `groupId` has committed the end of every partition of `topicNames`. */
async function caughtUp(groupId: string, topicNames: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (;;) {
      const behind = await groupLag(admin, groupId, topicNames);
      if (behind === 0) return;
      await sleep(100);
    }
  } finally {
    await admin.disconnect();
  }
}

// ---------------------------------------------------------------- 1. sink throughput

type SinkFactory = (inputs: Record<string, TopicDeclaration>) => Sink;
const sinks: { name: string; schemas: SchemaName[]; create: SinkFactory }[] = [
  {
    name: 'search (OpenSearch)',
    schemas: ['enriched-item', 'scored-comment'],
    create: (t) =>
      createSearchSink(config, {
        topics: { items: t['enriched-item'], comments: t['scored-comment'] },
      }) as Sink,
  },
  {
    name: 'ClickHouse',
    schemas: ['enriched-activity', 'enriched-item', 'scored-comment'],
    create: (t) =>
      createClickHouseSink(config, {
        topics: {
          activity: t['enriched-activity'],
          items: t['enriched-item'],
          comments: t['scored-comment'],
        },
      }),
  },
  {
    name: 'Redis',
    schemas: ['enriched-activity', 'enriched-item', 'scored-comment'],
    create: (t) =>
      createRedisSink(config, {
        topics: {
          activityEnriched: t['enriched-activity'],
          itemsEnriched: t['enriched-item'],
          commentsScored: t['scored-comment'],
        },
      }),
  },
  {
    name: 'archive (MinIO)',
    schemas: ['user-activity'],
    // Rolled by size only, so the figure is the write rate, not the 60 s time roll.
    create: (t) => createArchiveSink(config, { topics: [t['user-activity']!], rollSeconds: 1 }),
  },
];

async function sinkThroughput(): Promise<string[][]> {
  const rows: string[][] = [];
  const inputs: Record<string, TopicDeclaration> = {};
  const mix: Partial<Record<SchemaName, number>> = {
    'enriched-item': Math.round(recordCount * 0.3),
    'scored-comment': Math.round(recordCount * 0.2),
    'enriched-activity': Math.round(recordCount * 0.5),
    'user-activity': recordCount,
  };
  for (const [schema, count] of Object.entries(mix) as [SchemaName, number][]) {
    inputs[schema] = await privateTopic(schema);
    await fill(inputs[schema], count);
  }
  for (const sink of sinks) {
    const records = sink.schemas.reduce((sum, schema) => sum + mix[schema]!, 0);
    const groupId = `${run}-${sink.name.replace(/\W+/g, '-')}`;
    const runner = new SinkRunner(sink.create(inputs), config, { kafka, groupId });
    const started = performance.now();
    await runner.start();
    await caughtUp(
      groupId,
      sink.schemas.map((schema) => inputs[schema]!.name),
    );
    const seconds = (performance.now() - started) / 1000;
    const metrics = await runner.metrics.registry.getSingleMetricAsString('eshop_sink_batch_records');
    const batches = Number(/eshop_sink_batch_records_count\{[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0);
    await runner.stop();
    rows.push([
      sink.name,
      records.toLocaleString('en'),
      seconds.toFixed(1),
      Math.round(records / seconds).toLocaleString('en'),
      String(batches),
      `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`,
    ]);
    process.stderr.write(`  ${sink.name}: ${Math.round(records / seconds)} records/s\n`);
  }
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(inputs).map((t) => t.name) }).catch(() => undefined);
  await admin.disconnect();
  return rows;
}

// ---------------------------------------------------------------- 2. freshness

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function groupAtEnd(groupId: string, topicNames: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await moveGroupToEnd(admin, groupId, topicNames).finally(() => admin.disconnect());
}

async function freshness(): Promise<{ latencies: number[]; rate: number; seconds: number }> {
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const db = new pg.Pool({ connectionString: config.postgres.url, max: 4 });
  const search = createSearchClient(config);
  const relay = new OutboxRelay({ config });
  const all = processorsFrom(config);
  const runners: StreamRunner[] = [];
  for (const name of ['normalise-items', 'enrich-items']) {
    const processor = all[name]!;
    const groupId = `${run}-${name}`;
    await groupAtEnd(
      groupId,
      processor.inputs.map((t) => t.name),
    );
    runners.push(new StreamRunner({ ...processor, name: groupId } as Processor, config, { kafka }));
  }
  const searchSink = createSearchSink(config);
  const sinkGroup = `${run}-search-sink`;
  await groupAtEnd(
    sinkGroup,
    searchSink.inputs.map((t) => t.name),
  );
  const sinkRunner = new SinkRunner(searchSink, config, { kafka, groupId: sinkGroup });
  await relay.start();
  for (const runner of runners) await runner.start();
  await sinkRunner.start();

  const author = randomUUID();
  const sellerId = randomUUID();
  await db.query(`INSERT INTO users (id, email, password_hash, role) VALUES ($1, $2, 'x', 'seller')`, [
    author,
    `${run}@example.test`,
  ]);
  const seller: SellerChanged = {
    eventId: randomUUID(),
    type: 'CREATED',
    seller: { id: sellerId, name: 'Bench Seller', rating: null, region: null },
    version: 1,
    changedBy: author,
    occurredAt: Date.now(),
  };
  await inTransaction(db, async (client) => {
    await client.query(`INSERT INTO sellers (id, owner_id, name) VALUES ($1, $2, 'Bench Seller')`, [
      sellerId,
      author,
    ]);
    await enqueueEvent(client, { topic: 'sellers', key: sellerId, version: 1, value: seller });
  });
  await sleep(2000); // the seller reaches enrich-items' table before the first item

  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  let writing = true;
  const alias = aliasName(config.search.indexPrefix, 'items');
  const poller = (async () => {
    while (writing || committedAt.size > 0) {
      const pending = [...committedAt.keys()];
      if (pending.length > 0) {
        const response = await search
          .search({
            index: alias,
            body: { size: pending.length, _source: false, query: { ids: { values: pending } } },
          })
          .catch(() => undefined);
        const now = performance.now();
        for (const hit of (response?.body.hits.hits ?? []) as { _id: string }[]) {
          const at = committedAt.get(hit._id);
          if (at !== undefined) {
            latencies.push(now - at);
            committedAt.delete(hit._id);
          }
        }
      }
      await sleep(20);
    }
  })();

  const total = rate * seconds;
  const startedAt = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = startedAt + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const id = randomUUID();
    const event: ItemChanged = {
      ...samples['item-changed'],
      eventId: randomUUID(),
      type: 'CREATED',
      version: 1,
      occurredAt: Date.now(),
      item: { ...samples['item-changed'].item, id, sellerId, title: `Bench item ${i}` },
    };
    await inTransaction(db, async (client) => {
      await client.query(
        `INSERT INTO items (id, seller_id, title, category, price_minor, currency) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          sellerId,
          event.item.title,
          event.item.category,
          event.item.price.amountMinor,
          event.item.price.currency,
        ],
      );
      await enqueueEvent(client, { topic: 'items', key: id, version: 1, value: event });
    });
    committedAt.set(id, performance.now());
  }
  writing = false;
  const deadline = performance.now() + 60_000;
  while (committedAt.size > 0 && performance.now() < deadline) await sleep(100);
  const lost = committedAt.size;
  committedAt.clear();
  await poller;
  if (lost > 0) process.stderr.write(`  ${lost} items not searchable within 60 s of the last write\n`);

  await sinkRunner.stop();
  for (const runner of runners) await runner.stop();
  await relay.stop();
  await search.indices.delete({ index: `${config.search.indexPrefix}-*` }).catch(() => undefined);
  await search.close();
  await db.end();
  return { latencies, rate, seconds };
}

// ---------------------------------------------------------------- main

await createTopics(kafka);
await registerAll(config.schemaRegistry.url);
process.stderr.write(
  `Sink throughput (${recordCount.toLocaleString('en')} records per input schema mix)...\n`,
);
const throughput = await sinkThroughput();
console.log('\nSink throughput (Kafka → store through the SinkRunner, one sink at a time):\n');
console.log(
  renderTable(['sink', 'records', 'seconds', 'records/s', 'writes', 'bench RSS after'], throughput),
);

process.stderr.write(`\nFreshness at ${values.rate} items/s for ${values.seconds} s...\n`);
const { latencies, rate, seconds } = await freshness();
const sorted = latencies.sort((a, b) => a - b);
console.log(
  `\nFreshness (Postgres commit → searchable; relay, normalise-items, enrich-items, search sink; ${rate} items/s for ${seconds} s, ${sorted.length} items):\n`,
);
console.log(
  renderTable(
    ['p50', 'p95', 'p99', 'max'],
    [[50, 95, 99, 100].map((p) => `${Math.round(percentile(sorted, p))} ms`)],
  ),
);
console.log(
  `\nSettings: SINK_LINGER_MS=${config.sinks.lingerMs}, SINK_MAX_BATCH_RECORDS=${config.sinks.maxBatchRecords}, refresh interval 1 s, STREAMS_MAX_BATCH_RECORDS=${config.streams.maxBatchRecords}.`,
);

// The stores of this run are scratch: drop them.
const { createClient } = await import('@clickhouse/client');
const clickhouse = createClient({ url: config.clickhouse.url });
await clickhouse.command({ query: `DROP DATABASE IF EXISTS ${run}` }).catch(() => undefined);
await clickhouse.close();
const s3 = createS3Client(config);
const objects = await s3
  .listObjectsV2(run, '', true)
  .toArray()
  .catch(() => []);
await s3
  .removeObjects(
    run,
    objects.map((o: { name: string }) => o.name),
  )
  .catch(() => undefined);
await s3.removeBucket(run).catch(() => undefined);
process.exit(0);
