import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createRedisSink,
  landmarkFor,
  LANDMARK_STEP_HALF_LIVES,
  redisKeys,
  viewWeight,
} from '../../../connectors/sinks/redis/index.ts';
import type { Sink, SinkRecord } from '../../../connectors/sinks/runtime/sink.ts';
import { ErrorCodes, isPlatformError } from '../../../core/errors/index.ts';
import { topics } from '../../../schemas/topics.ts';
import { uniqueName } from '../../support/index.ts';
import { runSinkContract } from '../../support/sink-contract.ts';
import {
  AT,
  deletePrefix,
  enrichedActivity,
  enrichedItem,
  harness,
  itemId,
  type ItemSpec,
  redisConfig,
  scoredComment,
  sinkRecord,
  snapshotKeys,
  withRedis,
} from './redis.harness.ts';

runSinkContract(harness, import.meta.resolve('./redis.harness.ts'));

// Topic names no platform topic has: these tests call sink.write directly, no Kafka involved.
const ITEMS = 'items.enriched';
const ACTIVITY = 'activity.enriched';
const COMMENTS = 'comments.scored';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('Redis sink (store-specific)', () => {
  const prefixes: string[] = [];
  const sinks: Sink[] = [];

  /** A sink on its own key prefix, with the private topic names above and a one-hour half-life. */
  function newSink(options: { maxOperationsPerScript?: number; url?: string } = {}) {
    const prefix = `${uniqueName('redis-sink')}:`;
    prefixes.push(prefix);
    const config = redisConfig(prefix);
    const sink = createRedisSink(
      {
        redis: { ...config.redis, trendingHalfLifeMinutes: 60, ...(options.url ? { url: options.url } : {}) },
      },
      {
        topics: {
          itemsEnriched: { ...topics.itemsEnriched, name: ITEMS },
          activityEnriched: { ...topics.activityEnriched, name: ACTIVITY },
          commentsScored: { ...topics.commentsScored, name: COMMENTS },
        },
        ...(options.maxOperationsPerScript ? { maxOperationsPerScript: options.maxOperationsPerScript } : {}),
        ...(options.url ? { commandTimeoutMs: 2000 } : {}),
      },
    );
    sinks.push(sink);
    return { sink, prefix, keys: redisKeys(prefix) };
  }

  before(() => harness.requireStore());
  after(async () => {
    for (const sink of sinks) await sink.close?.();
    for (const prefix of prefixes) await deletePrefix(prefix);
  });

  /** Views spread over two partitions: item 1 by five sessions (one of them three times), item 2 by two. */
  function viewBatch(): SinkRecord[] {
    const views = [
      [1, 's1'],
      [1, 's2'],
      [2, 's1'],
      [1, 's3'],
      [1, 's1'],
      [1, 's4'],
      [2, 's5'],
      [1, 's1'],
      [1, 's5'],
    ] as const;
    return views.map(([n, session], i) =>
      sinkRecord(ACTIVITY, i % 2, 100 + i, enrichedActivity({ n, session, at: AT + i * MINUTE })),
    );
  }

  it('counts views, unique viewers and trending weights of a batch', async () => {
    const { sink, keys } = newSink();
    const batch = [
      ...viewBatch(),
      sinkRecord(ACTIVITY, 0, 200, enrichedActivity({ n: null, session: 's9', at: AT, type: 'SEARCH' })),
      sinkRecord(ACTIVITY, 1, 200, enrichedActivity({ n: 2, session: 's9', user: 'user-1', at: AT })),
    ];
    assert.deepEqual(await sink.write(batch), { rejected: [] });
    await withRedis(async (redis) => {
      assert.equal(await redis.get(keys.itemViews(itemId(1))), '7');
      assert.equal(await redis.get(keys.itemViews(itemId(2))), '3');
      assert.equal(await redis.pfcount(keys.itemViewers(itemId(1))), 5);
      assert.equal(await redis.pfcount(keys.itemViewers(itemId(2))), 3);
      assert.deepEqual(await redis.zrevrange(keys.trendingItems, 0, -1), [itemId(1), itemId(2)]);
      const landmark = Number(await redis.get(keys.trendingLandmark));
      assert.equal(landmark, landmarkFor(AT, HOUR));
      const score = Number(await redis.zscore(keys.trendingItems, itemId(2)));
      // Item 2's views: i = 2 and 6 of the view batch, and the signed-in one at AT.
      const want = [AT + 2 * MINUTE, AT + 6 * MINUTE, AT].reduce(
        (sum, t) => sum + viewWeight(t, landmark, HOUR),
        0,
      );
      assert.ok(Math.abs(score - want) <= 1e-12 * want, `${score} vs ${want}`);
      assert.deepEqual(await redis.hgetall(keys.sinkOffsets), {
        [`${ACTIVITY}:0`]: '200',
        [`${ACTIVITY}:1`]: '200',
      });
    });
  });

  it('changes nothing when the same batch comes again, whole or in pieces, and chunks like one script', async () => {
    const whole = newSink();
    const chunked = newSink({ maxOperationsPerScript: 2 });
    const batch = viewBatch();
    await whole.sink.write(batch);
    await chunked.sink.write(batch);
    const first = await snapshotKeys(whole.prefix);
    assert.deepEqual(await snapshotKeys(chunked.prefix), first, 'chunked scripts reach the same state');
    await whole.sink.write(batch);
    for (const record of batch) await whole.sink.write([record]);
    assert.deepEqual(await snapshotKeys(whole.prefix), first);
  });

  it('compares offsets exactly beyond 2^53', async () => {
    const { sink, keys } = newSink();
    const view = (offset: string) => ({
      ...sinkRecord(ACTIVITY, 0, 0, enrichedActivity({ n: 1, session: 's', at: AT })),
      offset,
    });
    await sink.write([view('9007199254740992')]);
    await sink.write([view('9007199254740993')]);
    await sink.write([view('9007199254740993'), view('999')]);
    await withRedis(async (redis) => {
      assert.equal(await redis.get(keys.itemViews(itemId(1))), '2');
      assert.equal(await redis.hget(keys.sinkOffsets, `${ACTIVITY}:0`), '9007199254740993');
    });
  });

  it('keeps the newest card: older versions are ignored, a seller re-emission wins, a delete stays deleted', async () => {
    const { sink, keys } = newSink();
    const card = async () =>
      withRedis(async (redis) => {
        const json = await redis.get(keys.itemCard(itemId(1)));
        return json === null
          ? null
          : (JSON.parse(json) as { version: number; title: string; seller: { name: string } });
      });
    let offset = 0;
    const write = (spec: Omit<ItemSpec, 'n'>) =>
      sink.write([sinkRecord(ITEMS, 0, (offset += 1), enrichedItem({ n: 1, ...spec }))]);

    await write({ version: 2, title: 'New title' });
    await write({ version: 1, title: 'Old title' });
    assert.deepEqual([(await card())?.version, (await card())?.title], [2, 'New title']);

    await write({ version: 2, title: 'New title', seller: { name: 'Renamed seller', version: 2 } });
    assert.equal((await card())?.seller.name, 'Renamed seller');
    await write({ version: 2, title: 'New title', seller: { name: 'Seller seller-a', version: 1 } });
    assert.equal((await card())?.seller.name, 'Renamed seller', 'an older seller version is ignored');

    await write({ version: 3, deleted: true });
    assert.equal(await card(), null);
    await write({ version: 2, title: 'Late update' });
    assert.equal(await card(), null, 'an update older than the delete does not revive the card');
    await withRedis(async (redis) => {
      assert.equal(await redis.hget(keys.itemCardVersions, itemId(1)), String(3 * 2 ** 21 + 1));
    });
    await write({ version: 4, title: 'Recreated' });
    assert.equal((await card())?.title, 'Recreated');
  });

  it('keeps rating and sentiment summaries right through an update and a delete', async () => {
    const { sink, keys } = newSink();
    const reviews = [
      scoredComment({ id: 'a', n: 1, version: 1, rating: 5, score: 0.8 }),
      scoredComment({ id: 'b', n: 1, version: 1, rating: 4, score: 0.4 }),
      scoredComment({ id: 'c', n: 1, version: 1, rating: 2, score: -0.5 }),
      scoredComment({ id: 'b', n: 1, version: 2, rating: 1, score: -0.9 }),
      scoredComment({ id: 'b', n: 1, version: 1, rating: 4, score: 0.4 }),
      scoredComment({ id: 'c', n: 1, version: 2, rating: 2, score: 0, deleted: true }),
    ];
    // Reviews are keyed by review id: a and b on partition 0, c on partition 1.
    const partitionOf = (id: string) => (id === 'c' ? 1 : 0);
    await sink.write(
      reviews.map((value, i) => sinkRecord(COMMENTS, partitionOf(value.comment.id), i + 1, value)),
    );
    await withRedis(async (redis) => {
      assert.deepEqual(await redis.hgetall(keys.itemRatings(itemId(1))), {
        count: '2',
        sum: '6',
        avg: '3.0000',
      });
      assert.deepEqual(await redis.hgetall(keys.itemSentiment(itemId(1))), {
        count: '2',
        scoreSumMicros: '-100000',
        meanScore: '-0.0500',
        POSITIVE: '1',
        NEUTRAL: '0',
        NEGATIVE: '1',
      });
      assert.deepEqual(await redis.hgetall(keys.itemCommentVersions(itemId(1))), {
        a: '1|5|800000|POSITIVE',
        b: '2|1|-900000|NEGATIVE',
        c: '2|||',
      });
    });
    // The last reviews deleted: no summary is left rather than a zero one.
    await sink.write([
      sinkRecord(
        COMMENTS,
        0,
        10,
        scoredComment({ id: 'a', n: 1, version: 2, rating: 5, score: 0, deleted: true }),
      ),
      sinkRecord(
        COMMENTS,
        0,
        11,
        scoredComment({ id: 'b', n: 1, version: 3, rating: 5, score: 0, deleted: true }),
      ),
    ]);
    await withRedis(async (redis) => {
      assert.equal(await redis.exists(keys.itemRatings(itemId(1)), keys.itemSentiment(itemId(1))), 0);
    });
  });

  it('ranks recent views above older ones and keeps the order when the landmark moves', async () => {
    const { sink, keys } = newSink();
    const step = LANDMARK_STEP_HALF_LIVES * HOUR;
    const grid = landmarkFor(AT, HOUR);
    let offset = 0;
    const view = (n: number, at: number) =>
      sinkRecord(ACTIVITY, 0, (offset += 1), enrichedActivity({ n, session: `s${offset}`, at }));
    const ranking = () => withRedis((redis) => redis.zrevrange(keys.trendingItems, 0, -1));

    // Item 1: three views five hours before item 2's single view.
    await sink.write([
      view(1, grid + 5 * HOUR),
      view(1, grid + 5 * HOUR),
      view(1, grid + 5 * HOUR),
      view(2, grid + 10 * HOUR),
    ]);
    assert.deepEqual(await ranking(), [itemId(2), itemId(1)]);

    // A view 65 hours on needs the next landmark: every score is rescaled by 2^-64, order kept.
    await sink.write([view(3, grid + step + HOUR)]);
    assert.deepEqual(await ranking(), [itemId(3), itemId(2), itemId(1)]);
    await withRedis(async (redis) => {
      assert.equal(Number(await redis.get(keys.trendingLandmark)), grid + step);
      assert.equal(Number(await redis.zscore(keys.trendingItems, itemId(2))), 2 ** (10 - 64));
      assert.equal(Number(await redis.zscore(keys.trendingItems, itemId(1))), 3 * 2 ** (5 - 64));
      assert.equal(Number(await redis.zscore(keys.trendingItems, itemId(3))), 2);
    });

    // Another 64 half-lives on, items 1 and 2 fall below 2^-64 and leave the set; item 3 stays.
    await sink.write([view(4, grid + 2 * step)]);
    assert.deepEqual(await ranking(), [itemId(4), itemId(3)]);
    // An old view arriving late adds its (tiny) weight without moving the landmark back.
    await sink.write([view(1, grid + 10 * HOUR)]);
    await withRedis(async (redis) =>
      assert.equal(Number(await redis.get(keys.trendingLandmark)), grid + 2 * step),
    );
    assert.deepEqual(await ranking(), [itemId(4), itemId(3), itemId(1)]);
  });

  it('rejects what cannot be applied and writes the rest; views of no item count nothing', async () => {
    const { sink, keys } = newSink();
    const badReview = sinkRecord(
      COMMENTS,
      0,
      1,
      scoredComment({ id: 'x', n: 1, version: 1, rating: 9, score: 0 }),
    );
    const badItem = sinkRecord(ITEMS, 0, 1, {
      ...enrichedItem({ n: 2, version: 1 }),
      item: { ...enrichedItem({ n: 2, version: 1 }).item, id: '' },
    });
    const outcome = await sink.write([
      badReview,
      sinkRecord(COMMENTS, 0, 2, scoredComment({ id: 'y', n: 1, version: 1, rating: 3, score: 0 })),
      badItem,
      sinkRecord(ACTIVITY, 0, 1, enrichedActivity({ n: null, session: 's', at: AT })),
      sinkRecord('some.other.topic', 0, 1, {}),
    ]);
    assert.deepEqual(
      outcome.rejected.map(({ record, code, reason }) => [record.topic, record.offset, code, reason]),
      [
        [COMMENTS, '1', ErrorCodes.WRITE_REJECTED, 'comment.rating must be an integer from 1 to 5, got 9'],
        [ITEMS, '1', ErrorCodes.WRITE_REJECTED, 'item.id must not be empty, got ""'],
        [
          'some.other.topic',
          '1',
          ErrorCodes.WRITE_REJECTED,
          'topic some.other.topic is not an input of redis-sink',
        ],
      ],
    );
    await withRedis(async (redis) => {
      assert.equal(await redis.hget(keys.itemRatings(itemId(1)), 'count'), '1');
      assert.equal(await redis.zcard(keys.trendingItems), 0);
      assert.deepEqual(await redis.hgetall(keys.sinkOffsets), {
        [`${COMMENTS}:0`]: '2',
        [`${ITEMS}:0`]: '1',
        [`${ACTIVITY}:0`]: '1',
      });
    });
  });

  it('fails retriably while Redis is unreachable', async () => {
    const { sink } = newSink({ url: 'redis://127.0.0.1:1' });
    await assert.rejects(sink.write(viewBatch()), (error: unknown) => {
      assert.ok(isPlatformError(error, ErrorCodes.SERVICE_UNAVAILABLE), String(error));
      assert.equal(error.retriable, true);
      return true;
    });
  });

  it('refuses for good a key that is not its own, keeping the offset of what it applied', async () => {
    const { sink, keys } = newSink();
    await withRedis((redis) => redis.hset(keys.itemViews(itemId(2)), 'foreign', 'value'));
    const batch = [1, 1, 2, 1].map((n, i) =>
      sinkRecord(ACTIVITY, 0, 10 + i, enrichedActivity({ n, session: 's', at: AT })),
    );
    await assert.rejects(sink.write(batch), (error: unknown) => {
      assert.ok(isPlatformError(error, ErrorCodes.WRITE_REJECTED), String(error));
      assert.equal(error.retriable, false);
      assert.equal(error.details.reply, 'WRONGTYPE');
      return true;
    });
    await withRedis(async (redis) => {
      assert.equal(await redis.hget(keys.sinkOffsets, `${ACTIVITY}:0`), '11');
      assert.equal(await redis.get(keys.itemViews(itemId(1))), '2');
    });
    // The runner narrows the batch down: the first two are skipped, the last one is applied.
    await sink.write(batch.slice(0, 2));
    await sink.write(batch.slice(3));
    await withRedis(async (redis) => assert.equal(await redis.get(keys.itemViews(itemId(1))), '3'));
  });
});
