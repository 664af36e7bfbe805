/**
 * Throughput of each stream processor, printed as figures (never asserted):
 *   1. the pure function alone (records per second through `process()` on one core), the baseline;
 *   2. end to end on the local stack: decode, process, encode and commit in Kafka transactions,
 *      with the broker and the registry on the same machine.
 *
 * Usage: npm run bench:processors -- [--records 20000]   (needs `npx eshop up`)
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../core/config/index.ts';
import { EventProducer } from '../core/events/producer.ts';
import { createKafka } from '../core/kafka/client.ts';
import { samples } from '../schemas/samples.ts';
import type { TopicKey } from '../schemas/topics.ts';
import { processorsFrom } from '../cli/commands/run.ts';
import { registerAll } from '../schemas/registry.ts';
import { createTopics } from '../schemas/topic-admin.ts';
import type { Processor, ProcessorContext } from '../streams/runtime/processor.ts';
import { StreamRunner } from '../streams/runtime/stream-runner.ts';
import { renderTable } from '../stack/status-table.ts';

const { values } = parseArgs({ options: { records: { type: 'string', default: '20000' } } });
const count = Number(values.records);
const config = { ...loadConfig(), streams: { ...loadConfig().streams, metricsPort: 0 } };
const texts = [
  'Отличный товар! Качество на высоте, доставка быстрая.',
  'Ужасно, сломался через неделю, не покупайте.',
  'Great value for the money, works exactly as described.',
  'The battery died after two days and support never answered.',
  'Нормально, но упаковка была помята.',
];
const categories = [
  'Смартфоны',
  'smartphones',
  'Ноутбуки',
  'Наушники',
  'Телевизоры',
  'Книги',
  'Unknown stuff',
];
const sellerIds = Array.from({ length: 50 }, () => randomUUID());
const itemIds = Array.from({ length: 2000 }, () => randomUUID());

function itemEvent(i: number) {
  const base = samples['item-changed'];
  return {
    ...base,
    eventId: randomUUID(),
    version: i,
    item: {
      ...base.item,
      id: itemIds[i % itemIds.length]!,
      sellerId: sellerIds[i % sellerIds.length]!,
      title: ` Item <b>${i}</b>  model ${i % 97} `,
      category: categories[i % categories.length]!,
      price: { amountMinor: 1000 + (i % 500_000), currency: 'RUB' },
    },
  };
}
function commentEvent(i: number) {
  const base = samples['comment-changed'];
  return {
    ...base,
    eventId: randomUUID(),
    comment: { ...base.comment, id: randomUUID(), text: texts[i % texts.length]!, rating: 1 + (i % 5) },
  };
}
function activityEvent(i: number) {
  const base = samples['user-activity'];
  return i % 2 === 0
    ? {
        ...base,
        eventId: randomUUID(),
        sessionId: `s-${i % 300}`,
        search: { ...base.search!, query: `  Наушники ${i % 50} ` },
      }
    : {
        ...base,
        eventId: randomUUID(),
        type: 'PAGE_VIEW' as const,
        sessionId: `s-${i % 300}`,
        search: null,
        itemId: itemIds[i % itemIds.length]!,
        page: '/item',
      };
}

interface Bench {
  processor: string;
  input?: { topic: TopicKey; make: (i: number) => { key: string; value: unknown } };
  pureInputs: () => unknown[];
}

const benches: Bench[] = [
  {
    processor: 'normalise-items',
    input: {
      topic: 'items',
      make: (i) => {
        const e = itemEvent(i);
        return { key: e.item.id, value: e };
      },
    },
    pureInputs: () => Array.from({ length: count }, (_, i) => itemEvent(i)),
  },
  { processor: 'enrich-items', pureInputs: () => [] },
  {
    processor: 'score-comments',
    input: {
      topic: 'comments',
      make: (i) => {
        const e = commentEvent(i);
        return { key: e.comment.id, value: e };
      },
    },
    pureInputs: () => Array.from({ length: count }, (_, i) => commentEvent(i)),
  },
  {
    processor: 'enrich-activity',
    input: {
      topic: 'activity',
      make: (i) => {
        const e = activityEvent(i);
        return { key: e.sessionId, value: e };
      },
    },
    pureInputs: () => Array.from({ length: count }, (_, i) => activityEvent(i)),
  },
];

const emptyTables = { get: () => undefined, lookup: () => [] };

function pureRate(processor: Processor, inputs: unknown[]): number {
  if (inputs.length === 0) return NaN;
  const context: ProcessorContext = {
    topic: processor.inputs[0]!.name,
    partition: 0,
    offset: '0',
    timestamp: 0,
    tables: emptyTables,
  };
  const started = process.hrtime.bigint();
  for (const input of inputs) processor.process(input, context);
  return inputs.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function endToEnd(processor: Processor): Promise<{ records: number; seconds: number }> {
  const runner = new StreamRunner(
    { ...processor, name: `bench-${processor.name}-${randomUUID().slice(0, 8)}` },
    config,
  );
  const processed = async () => {
    const metric = await runner.metrics.registry.getSingleMetric('eshop_stream_records_in_total')!.get();
    return metric.values.reduce((sum, v) => sum + v.value, 0);
  };
  await runner.start(); // tables are loaded before this resolves
  let first: number | undefined;
  let last = Date.now();
  let seen = 0;
  for (;;) {
    await sleep(100);
    const now = await processed();
    if (now > seen) {
      first ??= Date.now();
      seen = now;
      last = Date.now();
    } else if (first !== undefined && Date.now() - last > 3000) break;
    else if (first === undefined && Date.now() - last > 15000) break;
  }
  await runner.stop();
  return { records: seen, seconds: first === undefined ? 0 : (last - first) / 1000 };
}

const kafka = createKafka(config, 'bench');
await createTopics(kafka);
await registerAll(config.schemaRegistry.url);
const producer = new EventProducer(config, 'bench', { kafka });
await producer.connect();
const processors = processorsFrom(config);
const rows: string[][] = [];
for (const bench of benches) {
  if (bench.input) {
    process.stderr.write(`producing ${count} records to ${bench.input.topic}…\n`);
    for (let start = 0; start < count; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, count - start) }, (_, j) =>
        bench.input!.make(start + j),
      );
      await producer.send(bench.input.topic, batch as never);
    }
  }
  const processor = processors[bench.processor]!;
  const pure = pureRate(processor, bench.pureInputs());
  process.stderr.write(`running ${bench.processor} end to end (all records in its input topics)…\n`);
  const { records, seconds } = await endToEnd(processor);
  rows.push([
    bench.processor,
    Number.isNaN(pure) ? '-' : Math.round(pure).toLocaleString('en'),
    records.toLocaleString('en'),
    seconds.toFixed(1),
    seconds > 0 ? Math.round(records / seconds).toLocaleString('en') : '-',
  ]);
}
await producer.disconnect();
console.log(
  renderTable(['PROCESSOR', 'PURE (records/s)', 'RECORDS', 'SECONDS', 'END TO END (records/s)'], rows),
);
console.log(
  `\nEnd to end: decode (Avro, registry cached) + process + encode + Kafka transaction per ${config.streams.maxBatchRecords} records, ` +
    `concurrency ${config.streams.concurrency}, broker on the same 2-core machine.`,
);
