/**
 * A shop's worth of analytics data for the dashboard tests, made the way the platform makes it
 * but without Kafka: the load generator's events (`generateEvents`) through the four pure
 * processors, in order, with in-memory global tables fed exactly as the runtime feeds them from
 * the processors' own outputs, then written with the real ClickHouse sink's `write()`.
 *
 * Why not produce into topics and run the pipeline: the processors and the sink are the same code
 * either way, and the pure route is deterministic (the same seed gives the same figures to assert),
 * takes seconds on a shared 2-core machine, and needs no topics or consumer groups to clean up.
 * What Kafka adds (Avro round trips, transactions) is covered by the processors' and sinks' own
 * integration tests.
 */
import assert from 'node:assert/strict';
import type { Sink, SinkRecord } from '../../../connectors/sinks/runtime/sink.ts';
import { generateEvents, type GenerateOptions } from '../../../loadgen/index.ts';
import { topics, type TopicDeclaration } from '../../../schemas/topics.ts';
import type {
  EnrichedActivity,
  EnrichedItem,
  NormalisedItem,
  ScoredComment,
} from '../../../schemas/types.generated.ts';
import {
  createEnrichActivity,
  createEnrichItems,
  createNormaliseItems,
  scoreComments,
} from '../../../streams/processors/index.ts';
import { createTestTables } from '../../../streams/processors/test-tables.ts';
import type { Processor, ProcessorContext, TableReader } from '../../../streams/runtime/processor.ts';

export interface GeneratedShop {
  activities: EnrichedActivity[];
  items: EnrichedItem[];
  comments: ScoredComment[];
  /** Records a processor rejected (they would be dead-lettered), by processor. */
  rejected: Record<string, number>;
  /** Event time of the first and the last generated event. */
  from: number;
  to: number;
}

/**
 * Runs the first `events` events of a load run through the processors.
 *
 * @example
 * const shop = generateShop(20_000, { seed: 42, rate: 5 });
 * shop.activities.length; // enriched shopper actions, as enrich-activity emits them
 */
export function generateShop(events: number, options: Partial<GenerateOptions> = {}): GeneratedShop {
  const normaliseItems = createNormaliseItems();
  const enrichItems = createEnrichItems();
  const enrichActivity = createEnrichActivity();
  const enrichItemsTables = createTestTables(enrichItems.tables ?? []);
  const enrichActivityTables = createTestTables(enrichActivity.tables ?? []);
  const shop: GeneratedShop = { activities: [], items: [], comments: [], rejected: {}, from: 0, to: 0 };

  const run = <I, O>(
    processor: Processor<I, O>,
    topic: TopicDeclaration,
    value: I,
    timestamp: number,
    tables: TableReader,
  ): O[] => {
    const context: ProcessorContext = { topic: topic.name, partition: 0, offset: '0', timestamp, tables };
    const result = processor.process(value, context);
    if (result.kind === 'reject') {
      shop.rejected[processor.name] = (shop.rejected[processor.name] ?? 0) + 1;
      return [];
    }
    return result.records.map((record) => record.value);
  };
  // The runtime fills enrich-activity's table from shop.items.enriched, which the sink reads too.
  const enriched = (items: EnrichedItem[]) => {
    for (const item of items) enrichActivityTables.put('items', item.item.id, item);
    shop.items.push(...items);
  };

  let n = 0;
  for (const event of generateEvents(options)) {
    if (n === events) break;
    n += 1;
    // Record timestamps are event times, as the load generator sends them.
    const timestamp = event.value.occurredAt;
    if (shop.from === 0) shop.from = timestamp;
    shop.to = Math.max(shop.to, timestamp);
    switch (event.topic) {
      case 'sellers':
        enrichItemsTables.put('sellers', event.key, event.value);
        enriched(run(enrichItems, topics.sellers, event.value, timestamp, enrichItemsTables));
        break;
      case 'items':
        for (const item of run(normaliseItems, topics.items, event.value, timestamp, enrichItemsTables)) {
          enrichItemsTables.put('items', item.id, item);
          enriched(
            run<NormalisedItem, EnrichedItem>(
              enrichItems,
              topics.itemsNormalised,
              item,
              timestamp,
              enrichItemsTables,
            ),
          );
        }
        break;
      case 'comments':
        shop.comments.push(...run(scoreComments, topics.comments, event.value, timestamp, enrichItemsTables));
        break;
      case 'activity':
        shop.activities.push(
          ...run(enrichActivity, topics.activity, event.value, timestamp, enrichActivityTables),
        );
        break;
    }
  }
  return shop;
}

/** Writes the shop with `sink.write`, in batches, as the sink runner would; every record must be taken. */
export async function writeShop(sink: Sink, shop: GeneratedShop, batchRecords = 5_000): Promise<void> {
  type Entry = [topic: string, key: string, value: unknown, timestamp: number];
  const values: Entry[] = [
    ...shop.items.map((v): Entry => [topics.itemsEnriched.name, v.item.id, v, v.enrichedAt]),
    ...shop.comments.map((v): Entry => [topics.commentsScored.name, v.comment.id, v, v.occurredAt]),
    ...shop.activities.map((v): Entry => [
      topics.activityEnriched.name,
      v.activity.sessionId,
      v,
      v.activity.occurredAt,
    ]),
  ];
  // Offsets only need to be distinct: the sink keys its rows by entity ids and versions.
  const records = values.map(([topic, key, value, timestamp], i): SinkRecord => ({
    topic,
    partition: 0,
    offset: String(i),
    key,
    value,
    timestamp,
    headers: {},
    sizeBytes: 0,
  }));
  for (let start = 0; start < records.length; start += batchRecords) {
    const outcome = await sink.write(records.slice(start, start + batchRecords));
    assert.deepEqual(
      outcome.rejected.map((r) => r.reason),
      [],
      'the ClickHouse sink took every record',
    );
  }
}
