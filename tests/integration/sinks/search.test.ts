/**
 * The search sink on the real local OpenSearch: the shared sink contract, then what is particular
 * to a search engine - analysis, autocomplete, facets, external versions, refused documents - and
 * the reindex into a new versioned index while the live sink keeps writing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@opensearch-project/opensearch';
import type { Kafka, Producer } from 'kafkajs';
import { SinkRunner } from '../../../connectors/sinks/runtime/sink-runner.ts';
import { bulkWrite } from '../../../connectors/sinks/search/bulk.ts';
import {
  aliasName,
  aliasTargets,
  createSearchClient,
  createSearchSink,
  itemAction,
  itemExternalVersion,
  liveItemsFilter,
  rateAction,
  reindexFromTopic,
  versionedIndexName,
  versionedIndices,
  type ReindexProgress,
  type SearchAction,
} from '../../../connectors/sinks/search/index.ts';
import { isPlatformError } from '../../../core/errors/index.ts';
import { AvroSerde } from '../../../core/events/avro-serde.ts';
import { topics, type TopicDeclaration } from '../../../schemas/topics.ts';
import type { EnrichedItem, ScoredComment } from '../../../schemas/types.generated.ts';
import { requireService, testConfig, uniqueName } from '../../support/index.ts';
import {
  createTestTopic,
  deleteTopics,
  requireBackboneServices,
  testKafka,
  waitForGroupAtEnd,
} from '../../support/kafka.ts';
import { runSinkContract } from '../../support/sink-contract.ts';
import {
  enrichedItem,
  removeSearchNamespace,
  scoredComment,
  searchConfig,
  sinkRecord,
  storedDocuments,
  type StoredDocument,
} from '../../support/search-fixtures.ts';
import { expectedDocuments, expectedRatings, harness } from './search.harness.ts';

runSinkContract(harness, import.meta.resolve('./search.harness.ts'));

const record = sinkRecord;
const itemRecord = (value: EnrichedItem) => record(topics.itemsEnriched.name, value);
const commentRecord = (value: ScoredComment) => record(topics.commentsScored.name, value);

const ids = (hits: { _id?: string | null }[]) => hits.map((hit) => hit._id).sort();

describe('search sink on OpenSearch', () => {
  const prefix = uniqueName('test-search');
  const config = searchConfig(prefix);
  const sink = createSearchSink(config);
  let client: Client;

  async function search(index: 'items' | 'comments', body: Record<string, unknown>) {
    await client.indices.refresh({ index: aliasName(prefix, index) });
    return (await client.search({ index: aliasName(prefix, index), body })).body;
  }

  before(async () => {
    client = createSearchClient(config);
    await requireService('opensearch', config.search.url, () => client.info());
    await sink.init!();
  });
  after(async () => {
    await sink.close!();
    await removeSearchNamespace(client, prefix);
    await client.close();
  });

  it('init creates the templates and a first versioned index behind each alias, idempotently', async () => {
    await sink.init!();
    for (const target of ['items', 'comments'] as const) {
      assert.deepEqual(await aliasTargets(client, aliasName(prefix, target)), [
        { index: versionedIndexName(prefix, target, 1), isWriteIndex: true },
      ]);
    }
    const settings = await client.indices.getSettings({ index: versionedIndexName(prefix, 'items', 1) });
    const index = Object.values(settings.body)[0]!.settings!.index as Record<string, unknown>;
    assert.equal(index.refresh_interval, '1s');
    assert.equal(index.number_of_shards, '1');
    assert.equal(index.number_of_replicas, '0');
  });

  it('finds Russian and English words by their stems, and titles by their first letters', async () => {
    const outcome = await sink.write([
      itemRecord(
        enrichedItem({
          id: 'phone',
          version: 1,
          title: 'Смартфон Samsung Galaxy A54',
          description: 'Отличный смартфон с камерой',
        }),
      ),
      itemRecord(
        enrichedItem({
          id: 'shoes',
          version: 1,
          title: 'Running shoes for women',
          description: 'Light running shoe',
        }),
      ),
      itemRecord(
        enrichedItem({
          id: 'kettle',
          version: 1,
          title: 'Электрический чайник',
          description: 'Чайники из стали',
        }),
      ),
    ]);
    assert.deepEqual(outcome.rejected, []);
    const text = (query: string) =>
      search('items', {
        query: {
          multi_match: {
            query,
            fields: ['title', 'title.ru', 'title.en', 'description.ru', 'description.en'],
          },
        },
      });
    assert.deepEqual(ids((await text('смартфоны')).hits.hits), ['phone']);
    assert.deepEqual(ids((await text('чайники')).hits.hits), ['kettle']);
    assert.deepEqual(ids((await text('runs')).hits.hits), ['shoes']);
    assert.deepEqual(ids((await text('woman’s shoe')).hits.hits), ['shoes']);
    // Each language field drops its stop words ("Смартфон ... с камерой", "shoes for women").
    for (const [field, query] of [
      ['description.ru', 'с'],
      ['title.en', 'for the'],
    ]) {
      const hits = (await search('items', { query: { match: { [field!]: query } } })).hits.hits;
      assert.deepEqual(ids(hits), [], `${query} in ${field}`);
    }

    const prefixOf = (query: string) =>
      search('items', {
        query: {
          multi_match: {
            query,
            type: 'bool_prefix',
            fields: ['title.suggest', 'title.suggest._2gram', 'title.suggest._3gram'],
          },
        },
      });
    assert.deepEqual(ids((await prefixOf('смартф')).hits.hits), ['phone']);
    assert.deepEqual(ids((await prefixOf('running sh')).hits.hits), ['shoes']);
    assert.deepEqual(ids((await prefixOf('элек')).hits.hits), ['kettle']);
  });

  it('counts facets by category and seller', async () => {
    await sink.write([
      itemRecord(
        enrichedItem({
          id: 'f1',
          version: 1,
          title: 'Facet one',
          sellerId: 'seller-x',
          seller: { name: 'Икс', version: 1 },
        }),
      ),
      itemRecord(
        enrichedItem({
          id: 'f2',
          version: 1,
          title: 'Facet two',
          sellerId: 'seller-x',
          seller: { name: 'Икс', version: 1 },
          category: { id: 'home.kitchen', path: ['Home', 'Kitchen'], raw: 'Кухня' },
        }),
      ),
      itemRecord(
        enrichedItem({
          id: 'f3',
          version: 1,
          title: 'Facet three',
          sellerId: 'seller-y',
          seller: { name: 'Игрек', version: 1 },
        }),
      ),
    ]);
    // The client's generated types (3.9) leave `field` out of terms aggregations; the server needs it.
    const terms = (field: string) => ({ terms: { field } }) as never;
    const body = await search('items', {
      size: 0,
      query: { prefix: { title: 'facet' } },
      aggs: {
        category: terms('category.id'),
        path: terms('category.path'),
        seller: terms('seller.name.keyword'),
      },
    });
    const buckets = (name: string) =>
      Object.fromEntries(
        (body.aggregations![name] as { buckets: { key: string; doc_count: number }[] }).buckets.map((b) => [
          b.key,
          b.doc_count,
        ]),
      );
    assert.deepEqual(buckets('category'), { 'electronics.phones': 2, 'home.kitchen': 1 });
    assert.deepEqual(buckets('path'), { Electronics: 2, Phones: 2, Home: 1, Kitchen: 1 });
    assert.deepEqual(buckets('seller'), { Икс: 2, Игрек: 1 });
  });

  it('ignores an older version after a newer one, and applies a seller change at the same item version', async () => {
    const v3 = enrichedItem({ id: 'versioned', version: 3, title: 'Version three' });
    await sink.write([itemRecord(v3)]);
    const older = await sink.write([
      itemRecord(enrichedItem({ id: 'versioned', version: 2, title: 'Version two' })),
    ]);
    assert.deepEqual(older.rejected, [], 'a stale version is not an error');
    let stored = await client.get({ index: aliasName(prefix, 'items'), id: 'versioned' });
    assert.equal((stored.body._source as { title: string }).title, 'Version three');
    assert.equal((stored.body._source as { itemOrder: number }).itemOrder, itemExternalVersion(v3));

    const renamed = enrichedItem({
      id: 'versioned',
      version: 3,
      title: 'Version three',
      seller: { name: 'Renamed', version: 2 },
    });
    await sink.write([itemRecord(renamed)]);
    stored = await client.get({ index: aliasName(prefix, 'items'), id: 'versioned' });
    assert.equal((stored.body._source as { seller: { name: string } }).seller.name, 'Renamed');
    assert.equal((stored.body._source as { itemOrder: number }).itemOrder, itemExternalVersion(renamed));
  });

  it('deletes an item or a review, and a late older version does not bring it back', async () => {
    await sink.write([
      itemRecord(enrichedItem({ id: 'doomed', version: 1, title: 'Doomed' })),
      commentRecord(scoredComment({ id: 'c-doomed', itemId: 'doomed', version: 1, text: 'ok' })),
    ]);
    const outcome = await sink.write([
      itemRecord(enrichedItem({ id: 'doomed', version: 2, title: 'Doomed', deleted: true })),
      commentRecord(
        scoredComment({ id: 'c-doomed', itemId: 'doomed', version: 2, text: 'ok', deleted: true }),
      ),
      // Redelivered after the delete: a no-op against the tombstone, however late it comes.
      itemRecord(enrichedItem({ id: 'doomed', version: 1, title: 'Doomed' })),
      // Deleting what is not there leaves a tombstone too, so the create cannot come after it.
      itemRecord(enrichedItem({ id: 'never-written', version: 1, title: 'Never', deleted: true })),
    ]);
    assert.deepEqual(outcome.rejected, []);
    const live = await search('items', {
      query: {
        bool: { filter: [{ ids: { values: ['doomed', 'never-written'] } }, ...liveItemsFilter] },
      },
    });
    assert.deepEqual(live.hits.hits, []);
    const tombstones = await storedDocuments(client, aliasName(prefix, 'items'));
    for (const id of ['doomed', 'never-written']) {
      const tombstone = tombstones.find((d) => d.id === id)!;
      assert.equal(tombstone.source.deleted, true, id);
      assert.equal(tombstone.source.title, undefined, `${id} keeps no content`);
    }
    const comments = await search('comments', { query: { ids: { values: ['c-doomed'] } } });
    assert.deepEqual(comments.hits.hits, []);
    // The create of the never-written item arriving after its delete stays hidden.
    await sink.write([itemRecord(enrichedItem({ id: 'never-written', version: 1, title: 'Never' }))]);
    assert.equal(
      (await storedDocuments(client, aliasName(prefix, 'items'))).find((d) => d.id === 'never-written')
        ?.source.deleted,
      true,
    );
  });

  it('writes each item’s rating from its live reviews, through edits, deletes and tombstones', async () => {
    const rating = async (id: string) =>
      (await client.get({ index: aliasName(prefix, 'items'), id })).body._source as {
        title?: string;
        rating: { average: number; count: number } | null;
        ratingAt?: number;
      };
    // Reviews can arrive before their item: the rating waits in a stub the item then fills in.
    await sink.write([
      commentRecord(scoredComment({ id: 'rv-1', itemId: 'rated', version: 1, text: 'ok', rating: 5 })),
      commentRecord(scoredComment({ id: 'rv-2', itemId: 'rated', version: 1, text: 'ok', rating: 2 })),
    ]);
    assert.deepEqual((await rating('rated')).rating, { average: 3.5, count: 2 });
    await sink.write([itemRecord(enrichedItem({ id: 'rated', version: 1, title: 'Rated item' }))]);
    assert.equal((await rating('rated')).title, 'Rated item');
    assert.deepEqual((await rating('rated')).rating, { average: 3.5, count: 2 });

    // An edit and a delete of reviews, and a content update of the item in the same batch.
    await sink.write([
      commentRecord(scoredComment({ id: 'rv-2', itemId: 'rated', version: 2, text: 'better', rating: 4 })),
      commentRecord(scoredComment({ id: 'rv-1', itemId: 'rated', version: 2, text: 'x', deleted: true })),
      itemRecord(enrichedItem({ id: 'rated', version: 2, title: 'Rated item v2' })),
    ]);
    const after = await rating('rated');
    assert.equal(after.title, 'Rated item v2');
    assert.deepEqual(after.rating, { average: 4, count: 1 });

    // A rating aggregated earlier than the stored one is ignored, whenever it arrives.
    const stale = await bulkWrite(
      client,
      [rateAction('rated', { average: 1, count: 9 }, after.ratingAt! - 1)],
      {
        indexOf: (target) => aliasName(prefix, target),
        requireAlias: true,
        url: config.search.url,
      },
    );
    assert.deepEqual([stale.written, stale.stale], [0, 1]);
    assert.deepEqual((await rating('rated')).rating, { average: 4, count: 1 });

    // The last review goes: no rating. The item goes: its tombstone keeps the order, not the content.
    await sink.write([
      commentRecord(scoredComment({ id: 'rv-2', itemId: 'rated', version: 3, text: 'x', deleted: true })),
    ]);
    assert.equal((await rating('rated')).rating, null);
    await sink.write([
      commentRecord(scoredComment({ id: 'rv-3', itemId: 'rated', version: 1, text: 'late', rating: 3 })),
      itemRecord(enrichedItem({ id: 'rated', version: 3, title: 'Rated item', deleted: true })),
    ]);
    const tombstone = await rating('rated');
    assert.equal(tombstone.title, undefined);
    assert.deepEqual(tombstone.rating, { average: 3, count: 1 });
  });

  it('indexes reviews for search within reviews and sentiment facets per item', async () => {
    await sink.write([
      commentRecord(
        scoredComment({
          id: 'r1',
          itemId: 'phone',
          version: 1,
          text: 'Отличные камеры, быстрая зарядка',
          label: 'POSITIVE',
        }),
      ),
      commentRecord(
        scoredComment({
          id: 'r2',
          itemId: 'phone',
          version: 1,
          text: 'Battery drains quickly',
          language: 'EN',
          label: 'NEGATIVE',
          score: -0.6,
        }),
      ),
      commentRecord(
        scoredComment({
          id: 'r3',
          itemId: 'phone',
          version: 1,
          text: 'Нормально',
          label: 'NEUTRAL',
          score: 0,
        }),
      ),
    ]);
    const found = await search('comments', {
      query: { multi_match: { query: 'камера drained', fields: ['text.ru', 'text.en'] } },
    });
    assert.deepEqual(ids(found.hits.hits), ['r1', 'r2']);
    const facets = await search('comments', {
      size: 0,
      query: { term: { itemId: 'phone' } },
      aggs: { sentiment: { terms: { field: 'sentiment.label' } as never } },
    });
    const labels = (facets.aggregations!.sentiment as { buckets: { key: string }[] }).buckets
      .map((b) => b.key)
      .sort();
    assert.deepEqual(labels, ['NEGATIVE', 'NEUTRAL', 'POSITIVE']);
  });

  it('returns records it can never write as rejections and writes the rest of the batch', async () => {
    // An index made by an older template, whose price field cannot hold large amounts.
    const legacy = uniqueName('test-search-legacy');
    await client.indices.create({
      index: versionedIndexName(legacy, 'items', 1),
      body: {
        aliases: { [aliasName(legacy, 'items')]: { is_write_index: true } },
        mappings: { properties: { price: { properties: { amountMinor: { type: 'integer' } } } } },
      },
    });
    const legacySink = createSearchSink(searchConfig(legacy));
    try {
      await legacySink.init!();
      const huge = itemRecord(
        enrichedItem({ id: 'huge', version: 1, title: 'Yacht', priceMinor: 5_000_000_000 }),
      );
      const fine = itemRecord(enrichedItem({ id: 'fine', version: 1, title: 'Boat', priceMinor: 1_000_000 }));
      const badVersion = itemRecord(
        enrichedItem({
          id: 'bad-version',
          version: 1,
          title: 'Raft',
          seller: { name: 'S', version: 2 ** 21 },
        }),
      );
      const stray = record('some.other.topic', enrichedItem({ id: 'stray', version: 1, title: 'Stray' }));
      const outcome = await legacySink.write([huge, fine, badVersion, stray]);
      const byId = new Map(outcome.rejected.map((r) => [r.record.key, r]));
      assert.equal(outcome.rejected.length, 3);
      assert.equal(byId.get('huge')?.code, 'WRITE_REJECTED');
      assert.match(byId.get('huge')!.reason, /mapper_parsing_exception.*amountMinor/);
      assert.equal(byId.get('bad-version')?.code, 'WRITE_REJECTED');
      assert.equal(byId.get('stray')?.code, 'VALIDATION_FAILED');
      const stored = await storedDocuments(client, aliasName(legacy, 'items'));
      assert.deepEqual(
        stored.map((d) => d.id),
        ['fine'],
      );
    } finally {
      await legacySink.close!();
      await removeSearchNamespace(client, legacy);
    }
  });

  it('throws a retriable error when the engine is unreachable or the alias is missing', async () => {
    const unreachable = createSearchSink({ search: { url: 'http://127.0.0.1:1', indexPrefix: prefix } });
    await assert.rejects(
      unreachable.write([itemRecord(enrichedItem({ id: 'x', version: 1, title: 'X' }))]),
      (error) => isPlatformError(error, 'SERVICE_UNAVAILABLE') && error.retriable,
    );
    await unreachable.close!();

    // No init: the alias does not exist, and the sink must not let the engine invent an index.
    const missing = uniqueName('test-search-missing');
    const uninitialised = createSearchSink(searchConfig(missing));
    await assert.rejects(
      uninitialised.write([itemRecord(enrichedItem({ id: 'x', version: 1, title: 'X' }))]),
      (error) => isPlatformError(error, 'SERVICE_UNAVAILABLE') && error.retriable,
    );
    await uninitialised.close!();
    assert.deepEqual(await versionedIndices(client, missing, 'items'), []);
    const plain = await client.indices.exists({ index: aliasName(missing, 'items') });
    assert.equal(plain.body, false);
  });
});

describe('search reindex from the topic', () => {
  const kafka: Kafka = testKafka();
  const prefix = uniqueName('test-reindex');
  const config = searchConfig(prefix);
  const serde = new AvroSerde(testConfig().schemaRegistry.url);
  const groupId = uniqueName('test-search-sink');
  const produced: SearchAction[] = [];
  let client: Client;
  let itemsTopic: TopicDeclaration;
  let commentsTopic: TopicDeclaration;
  let deadLetter: TopicDeclaration;
  let producer: Producer;
  let runner: SinkRunner;

  async function produce(values: EnrichedItem[]): Promise<void> {
    const messages = await Promise.all(
      values.map(async (value) => ({
        key: value.item.id,
        value: await serde.encode(itemsTopic.name, 'enriched-item', value),
      })),
    );
    await producer.send({ topic: itemsTopic.name, acks: -1, messages });
    produced.push(...values.map(itemAction));
  }

  async function produceReviews(values: ScoredComment[]): Promise<void> {
    const messages = await Promise.all(
      values.map(async (value) => ({
        key: value.comment.id,
        value: await serde.encode(commentsTopic.name, 'scored-comment', value),
      })),
    );
    await producer.send({ topic: commentsTopic.name, acks: -1, messages });
  }

  /** `count` items from `first`, each in versions 1..3, a few deleted, as a wave of changes. */
  function wave(first: number, count: number, title: string): EnrichedItem[] {
    return [1, 2, 3].flatMap((version) =>
      Array.from({ length: count }, (_, i) => {
        const n = first + i;
        return enrichedItem({
          id: `item-${String(n).padStart(4, '0')}`,
          version,
          title: `${title} ${n} v${version}`,
          sellerId: `seller-${n % 7}`,
          deleted: version === 3 && n % 10 === 0,
        });
      }),
    );
  }

  const liveSinkCaughtUp = () => waitForGroupAtEnd(kafka, groupId, [itemsTopic.name, commentsTopic.name]);

  before(async () => {
    client = createSearchClient(config);
    await requireService('opensearch', config.search.url, () => client.info());
    await requireBackboneServices(kafka);
    itemsTopic = await createTestTopic(kafka, 'search-reindex.items', 'enriched-item', { compact: true });
    commentsTopic = await createTestTopic(kafka, 'search-reindex.comments', 'scored-comment');
    deadLetter = await createTestTopic(kafka, 'search-reindex.dlq', 'dead-letter', { partitions: 1 });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sink = createSearchSink(config, { topics: { items: itemsTopic, comments: commentsTopic } });
    runner = new SinkRunner(sink, testConfig(), { kafka, groupId, deadLetterTopic: deadLetter.name });
    await runner.start();
  });
  after(async () => {
    await runner?.stop();
    await producer?.disconnect();
    await removeSearchNamespace(client, prefix);
    await deleteTopics(
      kafka,
      [itemsTopic, commentsTopic, deadLetter].filter(Boolean).map((t) => t.name),
    );
    await client.close();
  });

  it('rebuilds the items into v2 while the live sink keeps writing, swaps the alias and drops v1', async () => {
    await produce(wave(0, 120, 'Товар'));
    await liveSinkCaughtUp();
    const alias = aliasName(prefix, 'items');
    assert.deepEqual(await aliasTargets(client, alias), [
      { index: versionedIndexName(prefix, 'items', 1), isWriteIndex: true },
    ]);

    const progress: ReindexProgress[] = [];
    const result = await reindexFromTopic(config, 'items', {
      topic: itemsTopic,
      bulkRecords: 50,
      kafka,
      onProgress: (p) => progress.push(p),
      hooks: {
        // Writes that arrive after the copy started: the live sink puts them in v1, the catch-up into v2.
        beforeSwap: async () => {
          await produce(wave(100, 60, 'Updated'));
          await liveSinkCaughtUp();
        },
      },
    });
    // ...and writes after the swap go through the alias into v2.
    await produce(wave(200, 30, 'After'));
    await liveSinkCaughtUp();

    assert.equal(result.index, versionedIndexName(prefix, 'items', 2));
    assert.deepEqual(result.previous, [versionedIndexName(prefix, 'items', 1)]);
    assert.deepEqual(result.deleted, result.previous);
    assert.deepEqual(await aliasTargets(client, alias), [{ index: result.index, isWriteIndex: true }]);
    assert.deepEqual(await versionedIndices(client, prefix, 'items'), [result.index]);
    assert.equal(result.rejected, 0);
    assert.equal(result.records, 120 * 3 + 60 * 3, 'the copy and the catch-up read every record once');

    const expected = expectedDocuments(produced, 'items');
    const stored = await storedDocuments(client, alias);
    assert.equal(stored.length, expected.length);
    assert.deepEqual(stored, expected);
    assert.ok(stored.some((d) => d.id === 'item-0151' && (d.source.title as string).startsWith('Updated')));

    const phases = [...new Set(progress.map((p) => p.phase))];
    assert.deepEqual(phases, ['copy', 'catch-up']);
    const last = progress.at(-1)!;
    assert.equal(last.done, result.records);
    assert.ok(last.total >= last.done && last.ratePerSecond > 0);
  });

  it('keeps the old index with keepOld, and the new one holds the same documents', async () => {
    const result = await reindexFromTopic(config, 'items', { topic: itemsTopic, kafka, keepOld: true });
    const before: StoredDocument[] = await storedDocuments(client, result.previous[0]!);
    assert.equal(result.index, versionedIndexName(prefix, 'items', 3));
    assert.deepEqual(result.deleted, []);
    assert.deepEqual(await versionedIndices(client, prefix, 'items'), [...result.previous, result.index]);
    assert.deepEqual(await aliasTargets(client, aliasName(prefix, 'items')), [
      { index: result.index, isWriteIndex: true },
    ]);
    assert.equal(result.documents, before.length);
    assert.deepEqual(await storedDocuments(client, result.index), before);
  });

  it('reindexes an empty comments topic into an empty new index', async () => {
    const result = await reindexFromTopic(config, 'comments', { topic: commentsTopic, kafka });
    assert.equal(result.index, versionedIndexName(prefix, 'comments', 2));
    assert.equal(result.records, 0);
    assert.equal(result.documents, 0);
  });

  it('carries the item ratings over from the reviews into the rebuilt items index', async () => {
    const reviews = [
      scoredComment({ id: 'rv-a', itemId: 'item-0001', version: 1, text: 'good', rating: 5 }),
      scoredComment({ id: 'rv-b', itemId: 'item-0001', version: 1, text: 'fine', rating: 2 }),
      scoredComment({ id: 'rv-c', itemId: 'item-0002', version: 1, text: 'ok', rating: 3 }),
      scoredComment({ id: 'rv-c', itemId: 'item-0002', version: 2, text: 'ok', deleted: true }),
      // A review of a deleted item: its tombstone keeps the rating.
      scoredComment({ id: 'rv-d', itemId: 'item-0010', version: 1, text: 'gone', rating: 1 }),
    ];
    await produceReviews(reviews);
    await liveSinkCaughtUp();
    const alias = aliasName(prefix, 'items');
    const ratings = expectedRatings(reviews);
    assert.deepEqual(await storedDocuments(client, alias), expectedDocuments(produced, 'items', ratings));

    const result = await reindexFromTopic(config, 'items', { topic: itemsTopic, kafka });
    assert.equal(result.ratings, 2 * ratings.size, 'both passes write every reviewed item');
    assert.deepEqual(await storedDocuments(client, alias), expectedDocuments(produced, 'items', ratings));
    const rated = (await storedDocuments(client, alias)).find((d) => d.id === 'item-0001')!;
    assert.deepEqual(rated.source.rating, { average: 3.5, count: 2 });
  });
});
