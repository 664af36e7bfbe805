/**
 * The whole flow on the real stack: rows written to Postgres with their outbox rows → the outbox
 * relay → Kafka → the four processors → the four sinks → OpenSearch, ClickHouse, Redis and the
 * MinIO archive. Then every sink replays every topic from offset zero, and every store must be
 * exactly as it was.
 *
 * It runs on the platform's own topics (entity ids are fresh per run) with processors and sinks
 * under consumer groups of their own, and stores in a namespace of their own (index prefix,
 * database, key prefix, bucket), so it neither disturbs nor is disturbed by a running platform.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@clickhouse/client';
import { Redis } from 'ioredis';
import pg from 'pg';
import { enqueueEvent } from '../../connectors/outbox/index.ts';
import { inTransaction } from '../../connectors/postgres/transaction.ts';
import { createS3Client, readArchive } from '../../connectors/sinks/archive/index.ts';
import { redisKeys } from '../../connectors/sinks/redis/index.ts';
import { aliasName, createSearchClient } from '../../connectors/sinks/search/index.ts';
import { EventProducer } from '../../core/events/producer.ts';
import { topics } from '../../schemas/topics.ts';
import type {
  CommentChanged,
  ItemChanged,
  SellerChanged,
  UserActivity,
} from '../../schemas/types.generated.ts';
import { testConfig, uniqueName } from '../support/index.ts';
import { testKafka } from '../support/kafka.ts';
import { TestPipeline } from '../support/pipeline.ts';
import { keyPrefix } from '../integration/sinks/redis.harness.ts';

/** Generous: the sinks read every topic from offset zero, and local topics keep their history. */
const WAIT_MS = 600_000;

/** Polls `check` until it returns a value (not undefined) or the time is up, then says what was missing. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not seen within ${WAIT_MS / 1000}s`, { cause: last });
    await sleep(250);
  }
}

describe('End to end: Postgres → outbox → processors → search, ClickHouse, Redis, archive', () => {
  const config = { ...testConfig(), streams: { ...testConfig().streams, metricsPort: 0 } };
  const kafka = testKafka();
  const db = new pg.Pool({ connectionString: config.postgres.url, max: 2 });
  const run = uniqueName('e2e');
  const namespace = run.replace(/[^a-z0-9]/g, '');
  const pipeline = new TestPipeline(config, kafka, namespace);
  const search = createSearchClient(config);
  const clickhouse = createClient({ url: config.clickhouse.url });
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1 });
  const s3 = createS3Client(config);

  const ids = {
    author: randomUUID(),
    seller: randomUUID(),
    phone: randomUUID(),
    headphones: randomUUID(),
    praise: randomUUID(),
    complaint: randomUUID(),
  };
  const eventIds: string[] = [];
  const at = Date.now();

  /** One transaction: the entity's row and its outbox row, as the API writes them. */
  async function write(sql: string, params: unknown[], event: Parameters<typeof enqueueEvent>[1]) {
    await inTransaction(db, async (client) => {
      if (sql) await client.query(sql, params);
      await enqueueEvent(client, event);
    });
    eventIds.push((event.value as { eventId: string }).eventId);
  }

  function sellerEvent(version: number, name: string): SellerChanged {
    return {
      eventId: randomUUID(),
      type: version === 1 ? 'CREATED' : 'UPDATED',
      seller: { id: ids.seller, name, rating: 4.8, region: 'Казань' },
      version,
      changedBy: ids.author,
      occurredAt: at + version,
    };
  }

  function itemEvent(
    id: string,
    version: number,
    fields: { title: string; category: string; amountMinor: number; description: string },
  ): ItemChanged {
    return {
      eventId: randomUUID(),
      type: version === 1 ? 'CREATED' : 'UPDATED',
      item: {
        id,
        sellerId: ids.seller,
        title: fields.title,
        description: fields.description,
        category: fields.category,
        price: { amountMinor: fields.amountMinor, currency: 'RUB' },
        imageUrls: [],
        attributes: {},
      },
      version,
      changedBy: ids.author,
      occurredAt: at + version,
    };
  }

  function commentEvent(id: string, itemId: string, text: string, rating: number): CommentChanged {
    return {
      eventId: randomUUID(),
      type: 'CREATED',
      comment: { id, itemId, authorId: ids.author, text, rating },
      version: 1,
      changedBy: ids.author,
      occurredAt: at,
    };
  }

  function view(sessionId: string, itemId: string, offsetMs: number): UserActivity {
    return {
      eventId: randomUUID(),
      type: 'PAGE_VIEW',
      sessionId,
      userId: null,
      occurredAt: at + offsetMs,
      userAgent: 'e2e',
      referrer: null,
      itemId,
      page: `/items/${itemId}`,
      search: null,
      click: null,
      cart: null,
      purchase: null,
    };
  }

  before(() => pipeline.start({ sinksFrom: 'zero' }));

  after(async () => {
    await pipeline.stop();
    await db.end();
    await search.close();
    await clickhouse.close();
    await redis.quit();
  });

  it(
    'rows written through the outbox reach every store normalised, enriched and scored',
    { timeout: 1_500_000 },
    async () => {
      await db.query(
        `INSERT INTO users (id, email, password_hash, role) VALUES ($1, $2, 'not-a-real-hash', 'seller')`,
        [ids.author, `${run}@example.test`],
      );
      await write(
        `INSERT INTO sellers (id, owner_id, name, rating, region) VALUES ($1, $2, 'Гаджет Хаус', 4.8, 'Казань')`,
        [ids.seller, ids.author],
        { topic: 'sellers', key: ids.seller, version: 1, value: sellerEvent(1, 'Гаджет Хаус') },
      );
      const phone = {
        title: '  Смартфон   Galaxy   S23 ',
        category: 'Смартфоны',
        amountMinor: 6_999_900,
        description: '<p>Отличный экран</p>',
      };
      const headphones = {
        title: 'Wireless headphones',
        category: 'headphones',
        amountMinor: 899_000,
        description: 'Noise cancelling',
      };
      for (const [id, fields] of [
        [ids.phone, phone],
        [ids.headphones, headphones],
      ] as const) {
        await write(
          `INSERT INTO items (id, seller_id, title, description, category, price_minor, currency) VALUES ($1, $2, $3, $4, $5, $6, 'RUB')`,
          [id, ids.seller, fields.title, fields.description, fields.category, fields.amountMinor],
          { topic: 'items', key: id, version: 1, value: itemEvent(id, 1, fields) },
        );
      }
      for (const [id, itemId, text, rating] of [
        [ids.praise, ids.phone, 'Отличный телефон, очень доволен покупкой', 5],
        [ids.complaint, ids.headphones, 'Terrible sound, they broke after a week. Awful.', 1],
      ] as const) {
        await write(
          `INSERT INTO comments (id, item_id, author_id, text, rating) VALUES ($1, $2, $3, $4, $5)`,
          [id, itemId, ids.author, text, rating],
          { topic: 'comments', key: id, version: 1, value: commentEvent(id, itemId, text, rating) },
        );
      }
      // A seller rename re-emits both items; a price change is a new item version.
      await write(`UPDATE sellers SET name = 'Gadget House', version = 2 WHERE id = $1`, [ids.seller], {
        topic: 'sellers',
        key: ids.seller,
        version: 2,
        value: sellerEvent(2, 'Gadget House'),
      });
      await write(`UPDATE items SET price_minor = 799000, version = 2 WHERE id = $1`, [ids.headphones], {
        topic: 'items',
        key: ids.headphones,
        version: 2,
        value: itemEvent(ids.headphones, 2, { ...headphones, amountMinor: 799_000 }),
      });
      // Activity does not go through Postgres: browsers send it straight to the topic.
      const producer = new EventProducer(config, 'e2e', { kafka });
      await producer.connect();
      const sessions = [randomUUID(), randomUUID(), randomUUID()];
      await producer.send(
        'activity',
        sessions.map((session, i) => ({ key: session, value: view(session, ids.phone, i) })),
      );
      await producer.disconnect();

      // Search: normalised title, category from the taxonomy, the renamed seller, the new price, sentiment.
      const items = aliasName(namespace, 'items');
      const comments = aliasName(namespace, 'comments');
      const phoneDoc = await eventually('the phone with the renamed seller in the search index', async () => {
        const found = await search.get({ index: items, id: ids.phone }).catch(() => undefined);
        const source = found?.body._source as { seller?: { name: string } } | undefined;
        return source?.seller?.name === 'Gadget House'
          ? (found!.body._source as Record<string, unknown>)
          : undefined;
      });
      assert.equal(phoneDoc.title, 'Смартфон Galaxy S23');
      const category = phoneDoc.category as { id: string; known: boolean };
      assert.equal(category.known, true);
      assert.match(category.id, /phones/);
      await eventually('the new headphones price in the search index', async () => {
        const found = await search.get({ index: items, id: ids.headphones }).catch(() => undefined);
        const price = (found?.body._source as { price?: { amountMinor: number } } | undefined)?.price;
        return price?.amountMinor === 799_000 ? true : undefined;
      });
      await search.indices.refresh({ index: items });
      const hits = await search.search({
        index: items,
        body: { query: { match: { 'title.ru': 'смартфоны' } } },
      });
      assert.ok(
        (hits.body.hits.hits as { _id: string }[]).some((hit) => hit._id === ids.phone),
        'Russian stemming finds "смартфоны"',
      );
      for (const [id, label] of [
        [ids.praise, 'POSITIVE'],
        [ids.complaint, 'NEGATIVE'],
      ] as const) {
        const doc = await eventually(`review ${label} in the search index`, async () => {
          const found = await search.get({ index: comments, id }).catch(() => undefined);
          return found?.body._source as { sentiment: { label: string } } | undefined;
        });
        assert.equal(doc.sentiment.label, label);
      }

      // ClickHouse: the latest item rows, the scored reviews, the views.
      const rows = await eventually('the items, reviews and views in ClickHouse', async () => {
        const query = async (sql: string) =>
          (await (await clickhouse.query({ query: sql, format: 'JSONEachRow' })).json()) as Record<
            string,
            unknown
          >[];
        const [itemRows, reviewRows, viewRows] = await Promise.all([
          query(
            `SELECT item_id, seller_name, price_minor FROM ${namespace}.items FINAL WHERE item_id IN ('${ids.phone}', '${ids.headphones}') ORDER BY item_id`,
          ),
          query(
            `SELECT comment_id, sentiment_label FROM ${namespace}.comments FINAL WHERE comment_id IN ('${ids.praise}', '${ids.complaint}')`,
          ),
          query(
            `SELECT uniqExact(event_id) AS views FROM ${namespace}.activity WHERE item_id = '${ids.phone}'`,
          ),
        ]);
        const renamed = itemRows.length === 2 && itemRows.every((row) => row.seller_name === 'Gadget House');
        const repriced = itemRows.some(
          (row) => row.item_id === ids.headphones && Number(row.price_minor) === 799_000,
        );
        return renamed && repriced && reviewRows.length === 2 && Number(viewRows[0]?.views) === 3
          ? { reviewRows }
          : undefined;
      });
      assert.deepEqual(
        Object.fromEntries(rows.reviewRows.map((row) => [row.comment_id, row.sentiment_label])),
        { [ids.praise]: 'POSITIVE', [ids.complaint]: 'NEGATIVE' },
      );

      // Redis: item cards with the renamed seller, the view counter, the rating summary.
      const keys = redisKeys(keyPrefix(namespace));
      await eventually('the item cards, views and ratings in Redis', async () => {
        const card = JSON.parse((await redis.get(keys.itemCard(ids.phone))) ?? 'null') as {
          seller: { name: string };
        } | null;
        const views = Number(await redis.get(keys.itemViews(ids.phone)));
        const ratings = await redis.hgetall(keys.itemRatings(ids.headphones));
        return card?.seller.name === 'Gadget House' && views === 3 && ratings.count === '1'
          ? true
          : undefined;
      });

      // The archive: every raw event this run wrote, in the files of its topic.
      await eventually('every raw event of the run in the archive', async () => {
        const archived = new Set<string>();
        const range = { from: at - 3_600_000, to: Date.now() + 3_600_000 };
        for (const topic of [topics.items, topics.sellers, topics.comments]) {
          for await (const record of readArchive(s3, namespace, topic.name, range)) {
            archived.add((record.value as { eventId: string }).eventId);
          }
        }
        return eventIds.every((id) => archived.has(id)) ? true : undefined;
      });
    },
  );

  it('a second full replay of every topic leaves every store unchanged', { timeout: 1_500_000 }, async () => {
    // Nothing new may arrive while the stores are compared: stop the sources first.
    await pipeline.stopSources();
    await pipeline.sinksCaughtUp(WAIT_MS);
    await pipeline.stopSinks();
    const before = await pipeline.snapshots();

    await pipeline.startSinks('replay', 'zero');
    await pipeline.sinksCaughtUp(WAIT_MS);
    await pipeline.stopSinks();
    const afterReplay = await pipeline.snapshots();
    pipeline.stores.forEach((store, i) =>
      assert.deepEqual(afterReplay[i], before[i], `${store.name} changed on replay`),
    );
  });
});
