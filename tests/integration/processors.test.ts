import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventProducer } from '../../core/events/producer.ts';
import { topics } from '../../schemas/topics.ts';
import { samples } from '../../schemas/samples.ts';
import type {
  CommentChanged,
  DeadLetter,
  EnrichedActivity,
  EnrichedItem,
  ItemChanged,
  NormalisedItem,
  ScoredComment,
  SellerChanged,
  UserActivity,
} from '../../schemas/types.generated.ts';
import { processorsFrom } from '../../cli/commands/run.ts';
import { StreamRunner } from '../../streams/runtime/stream-runner.ts';
import type { Processor } from '../../streams/runtime/processor.ts';
import { testConfig, uniqueName } from '../support/index.ts';
import {
  ensureBackbone,
  requireBackboneServices,
  groupAtEnd,
  readTopic,
  testKafka,
  type ReadRecord,
} from '../support/kafka.ts';

// The four processors together on the real stack, on the platform's own topics, each under a
// consumer group of its own so earlier runs do not interfere. Entity ids are fresh per run, and
// each assertion looks only at this run's ids.
describe('Processors on the real stack', () => {
  const config = { ...testConfig(), streams: { ...testConfig().streams, metricsPort: 0 } };
  const kafka = testKafka();
  const producer = new EventProducer(config, 'test', { kafka });
  const runners = new Map<string, StreamRunner>();
  const sellerId = randomUUID();
  const at = Date.now();

  function seller(version: number, name: string): SellerChanged {
    return {
      eventId: randomUUID(),
      type: version === 1 ? 'CREATED' : 'UPDATED',
      seller: { id: sellerId, name, rating: 4.5, region: 'Kazan' },
      version,
      changedBy: 'test',
      occurredAt: at,
    };
  }

  function item(title: string, amountMinor: number, category = 'Смартфоны'): ItemChanged {
    const base = samples['item-changed'];
    return {
      ...base,
      eventId: randomUUID(),
      type: 'CREATED',
      version: 1,
      occurredAt: at,
      item: {
        ...base.item,
        id: randomUUID(),
        sellerId,
        title,
        category,
        price: { amountMinor, currency: 'RUB' },
      },
    };
  }

  const countBy = <T>(records: ReadRecord<T>[], keys: Set<string>) => {
    const counts = new Map<string, number>();
    for (const r of records) if (keys.has(r.key)) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    return counts;
  };

  before(async () => {
    await requireBackboneServices(kafka);
    await ensureBackbone(kafka);
    await producer.connect();
    for (const [name, processor] of Object.entries(processorsFrom(config))) {
      // From the end of the inputs: only this run's records matter, and a stack that has run for a
      // while holds history enough to keep a processor busy for minutes (global tables are still
      // read in full).
      const groupId = await groupAtEnd(
        kafka,
        processor.inputs.map((t) => t.name),
        uniqueName(`test-${name}`),
      );
      const runner = new StreamRunner({ ...processor, name: groupId } as Processor, config, { kafka });
      await runner.start();
      runners.set(name, runner);
    }
  });
  after(async () => {
    await Promise.all([...runners.values()].map((runner) => runner.stop()));
    await producer.disconnect();
  });

  it(
    'normalises and enriches items exactly once, dead-letters a bad price, and re-emits items on a seller change',
    { timeout: 180_000 },
    async () => {
      const readers = {
        normalised: await groupAtEnd(kafka, [topics.itemsNormalised.name]),
        dead: await groupAtEnd(kafka, [topics.deadLetter.name]),
        enriched: await groupAtEnd(kafka, [topics.itemsEnriched.name]),
      };
      await producer.send('sellers', [{ key: sellerId, value: seller(1, 'Old Name') }]);
      const good = [
        item('  iPhone   13 ', 7999900),
        item('<b>Galaxy</b> S23', 6999900, 'smartphones'),
        item('Лампа', 150000, 'Неизвестное'),
      ];
      const bad = item('Free phone', 0);
      await producer.send(
        'items',
        [...good, bad].map((event) => ({ key: event.item.id, value: event })),
      );
      const ids = new Set(good.map((e) => e.item.id));

      const normalised = await readTopic<NormalisedItem>(
        kafka,
        topics.itemsNormalised,
        (rs) => countBy(rs, ids).size === ids.size,
        60_000,
        readers.normalised,
      );
      assert.deepEqual([...countBy(normalised, ids).values()], [1, 1, 1], 'each item normalised once');
      const byId = new Map(normalised.filter((r) => ids.has(r.key)).map((r) => [r.key, r.value]));
      assert.equal(byId.get(good[0]!.item.id)!.title, 'iPhone 13');
      assert.equal(byId.get(good[1]!.item.id)!.category.id, byId.get(good[0]!.item.id)!.category.id);
      assert.equal(byId.get(good[2]!.item.id)!.category.known, false);

      const dead = await readTopic<DeadLetter>(
        kafka,
        topics.deadLetter,
        (rs) => rs.some((r) => r.key === bad.item.id),
        60_000,
        readers.dead,
      );
      const letter = dead.find((r) => r.key === bad.item.id)!.value;
      assert.equal(letter.errorCode, 'VALIDATION_FAILED');
      assert.equal(letter.sourceTopic, topics.items.name);
      assert.match(letter.errorMessage, /price/);

      const named = (name: string) => (rs: ReadRecord<EnrichedItem>[]) =>
        rs.filter((r) => ids.has(r.key) && r.value.seller?.name === name).length >= ids.size;
      const enriched = await readTopic<EnrichedItem>(
        kafka,
        topics.itemsEnriched,
        named('Old Name'),
        60_000,
        readers.enriched,
      );
      assert.equal(
        enriched.filter((r) => ids.has(r.key) && r.value.seller?.name === 'Old Name').length,
        ids.size,
      );

      // The seller change joins back onto every item of the seller, once the items table holds them.
      const table = runners.get('enrich-items')!.table('items');
      for (let i = 0; i < 100 && table.lookup('bySeller', sellerId).length < ids.size; i += 1)
        await sleep(100);
      const renamedReader = await groupAtEnd(kafka, [topics.itemsEnriched.name]);
      await producer.send('sellers', [{ key: sellerId, value: seller(2, 'New Name') }]);
      const renamed = await readTopic<EnrichedItem>(
        kafka,
        topics.itemsEnriched,
        named('New Name'),
        60_000,
        renamedReader,
      );
      const fresh = renamed.filter((r) => ids.has(r.key) && r.value.seller?.name === 'New Name');
      assert.deepEqual(new Set(fresh.map((r) => r.key)), ids);
      assert.equal(fresh.length, ids.size, 'each item re-emitted once');
    },
  );

  it(
    'scores comments and enriches activity with the item and a normalised query',
    { timeout: 180_000 },
    async () => {
      const event = item('Наушники', 990000, 'Наушники');
      const readers = {
        enriched: await groupAtEnd(kafka, [topics.itemsEnriched.name]),
        scored: await groupAtEnd(kafka, [topics.commentsScored.name]),
        activity: await groupAtEnd(kafka, [topics.activityEnriched.name]),
      };
      await producer.send('sellers', [{ key: sellerId, value: seller(3, 'Audio') }]);
      await producer.send('items', [{ key: event.item.id, value: event }]);
      await readTopic<EnrichedItem>(
        kafka,
        topics.itemsEnriched,
        (rs) => rs.some((r) => r.key === event.item.id),
        60_000,
        readers.enriched,
      );
      const table = runners.get('enrich-activity')!.table('items');
      for (let i = 0; i < 100 && !table.get(event.item.id); i += 1) await sleep(100);

      const comment: CommentChanged = {
        ...samples['comment-changed'],
        eventId: randomUUID(),
        comment: {
          ...samples['comment-changed'].comment,
          id: randomUUID(),
          itemId: event.item.id,
          text: 'Ужасное качество, сломались через день',
          rating: 1,
        },
      };
      await producer.send('comments', [{ key: comment.comment.id, value: comment }]);
      const sessionId = uniqueName('session');
      const base = samples['user-activity'];
      const view: UserActivity = {
        ...base,
        eventId: randomUUID(),
        type: 'PAGE_VIEW',
        sessionId,
        itemId: event.item.id,
        search: null,
        page: '/items',
      };
      const search: UserActivity = {
        ...base,
        eventId: randomUUID(),
        sessionId,
        search: { ...base.search!, query: '  НАУШНИКИ Sony ' },
      };
      await producer.send(
        'activity',
        [view, search].map((value) => ({ key: sessionId, value })),
      );

      const scored = await readTopic<ScoredComment>(
        kafka,
        topics.commentsScored,
        (rs) => rs.some((r) => r.key === comment.comment.id),
        60_000,
        readers.scored,
      );
      const mine = scored.filter((r) => r.key === comment.comment.id);
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.value.sentiment.language, 'RU');
      assert.equal(mine[0]!.value.sentiment.label, 'NEGATIVE');

      const activity = await readTopic<EnrichedActivity>(
        kafka,
        topics.activityEnriched,
        (rs) => rs.filter((r) => r.key === sessionId).length >= 2,
        60_000,
        readers.activity,
      );
      const [enrichedView, enrichedSearch] = activity.filter((r) => r.key === sessionId).map((r) => r.value);
      assert.equal(enrichedView!.item?.sellerId, sellerId);
      assert.deepEqual({ ...enrichedView!.item?.price }, { amountMinor: 990000, currency: 'RUB' });
      assert.ok(enrichedView!.item!.categoryPath.length > 0);
      assert.equal(enrichedSearch!.normalisedQuery, 'наушники sony');
    },
  );
});
