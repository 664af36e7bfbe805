import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  enqueueEvent,
  EVENT_ID_HEADER,
  OutboxRelay,
  outboxStatus,
  type OutboxRelayOptions,
  type RelayTopics,
} from '../../connectors/outbox/index.ts';
import { migrate } from '../../connectors/postgres/migrate.ts';
import { isPlatformError } from '../../core/errors/index.ts';
import { AvroSerde } from '../../core/events/avro-serde.ts';
import type { SchemaName } from '../../schemas/catalog.ts';
import { samples } from '../../schemas/samples.ts';
import type {
  CommentChanged,
  DeadLetter,
  ItemChanged,
  SellerChanged,
} from '../../schemas/types.generated.ts';
import { parseTraceparent } from '../../core/events/trace-context.ts';
import { requireService, testConfig, uniqueName } from '../support/index.ts';
import {
  createTestTopic,
  deleteTopics,
  readRawTopic,
  requireBackboneServices,
  testKafka,
} from '../support/kafka.ts';

// The outbox relay on the real PostgreSQL, Kafka and schema registry. Each test has an outbox of
// its own (a private schema migrated with the real migrations) and private topics, so relays of
// one test never see another's rows.
describe('Outbox relay (real PostgreSQL, Kafka, schema registry)', () => {
  const config = testConfig();
  const kafka = testKafka();
  const serde = new AvroSerde(config.schemaRegistry.url);
  const schemas: string[] = [];
  const topicNames: string[] = [];
  const pools: pg.Pool[] = [];
  const relays: OutboxRelay[] = [];
  const admin = new pg.Client({ connectionString: config.postgres.url });

  before(async () => {
    await requireService('postgres', config.postgres.url.replace(/:[^:@/]*@/, ':***@'), () =>
      admin.connect(),
    );
    await requireBackboneServices(kafka);
  });

  after(async () => {
    await Promise.all(relays.map((relay) => relay.stop().catch(() => undefined)));
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    for (const schema of schemas)
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
    await deleteTopics(kafka, topicNames);
  });

  /** A migrated outbox of the test's own, and a pool writing to it. */
  async function privateOutbox(): Promise<{ schema: string; pool: pg.Pool }> {
    const schema = uniqueName('test_outbox').replace(/-/g, '_');
    schemas.push(schema);
    await migrate(config.postgres.url, { schema });
    const pool = new pg.Pool({
      connectionString: config.postgres.url,
      options: `-c search_path=${schema}`,
      max: 3,
    });
    pools.push(pool);
    return { schema, pool };
  }

  async function privateTopics(): Promise<RelayTopics> {
    const created: RelayTopics = {
      items: await createTestTopic(kafka, 'outbox.items', 'item-changed'),
      sellers: await createTestTopic(kafka, 'outbox.sellers', 'seller-changed'),
      comments: await createTestTopic(kafka, 'outbox.comments', 'comment-changed'),
      deadLetter: await createTestTopic(kafka, 'outbox.dead-letter', 'dead-letter', { partitions: 1 }),
    };
    topicNames.push(...Object.values(created).map((t) => t.name));
    return created;
  }

  function relay(
    schema: string,
    topics: RelayTopics,
    options: Partial<Omit<OutboxRelayOptions, 'config'>> = {},
  ): OutboxRelay {
    const created = new OutboxRelay({ config, schema, topics, ...options });
    relays.push(created);
    return created;
  }

  /** Waits until no row of the outbox is unpublished. */
  async function allPublished(pool: pg.Pool, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { unpublished } = await outboxStatus(pool);
      if (unpublished === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${unpublished} outbox rows still unpublished after ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  interface Published<T> {
    topic: string;
    key: string;
    partition: number;
    eventIdHeader: string;
    traceparent: string;
    timestamp: number;
    value: T;
  }

  /** Every record of a private topic, decoded, each partition in offset order. */
  async function readAll<T>(topic: { name: string; schema: SchemaName }): Promise<Published<T>[]> {
    const raw = await readRawTopic(kafka, topic.name);
    return Promise.all(
      raw.map(async ({ partition, message }) => ({
        topic: topic.name,
        key: message.key?.toString() ?? '',
        partition,
        eventIdHeader: message.headers?.[EVENT_ID_HEADER]?.toString() ?? '',
        traceparent: message.headers?.traceparent?.toString() ?? '',
        timestamp: Number(message.timestamp),
        value: await serde.decode<T>(topic.schema, message.value),
      })),
    );
  }

  /** Waits for `count` records on a private topic (fails after `timeoutMs`). */
  async function waitForRecords<T>(
    topic: { name: string; schema: SchemaName },
    count: number,
    timeoutMs: number,
  ): Promise<Published<T>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const kafkaAdmin = kafka.admin();
      await kafkaAdmin.connect();
      const ends = await kafkaAdmin.fetchTopicOffsets(topic.name).finally(() => kafkaAdmin.disconnect());
      if (ends.reduce((sum, p) => sum + Number(p.high), 0) >= count) return readAll<T>(topic);
      if (Date.now() > deadline)
        throw new Error(`fewer than ${count} records on ${topic.name} after ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  type Versioned = { eventId: string; version: number };

  /**
   * Checks that every entity's events, with duplicates dropped by event id, are exactly versions
   * 1..n in order (order holds per partition, and an entity's records share one).
   */
  function assertInOrderPerEntity(
    records: Published<Versioned>[],
    expectedVersions: Map<string, number>,
  ): void {
    const seen = new Set<string>();
    const versions = new Map<string, number[]>();
    for (const record of records) {
      assert.equal(record.eventIdHeader, record.value.eventId, 'the event id header is the value’s event id');
      if (seen.has(record.value.eventId)) continue;
      seen.add(record.value.eventId);
      const entity = `${record.topic}/${record.key}`;
      let list = versions.get(entity);
      if (!list) versions.set(entity, (list = []));
      list.push(record.value.version);
    }
    assert.equal(versions.size, expectedVersions.size, 'every entity has events on Kafka');
    for (const [entity, n] of expectedVersions) {
      assert.deepEqual(
        versions.get(entity),
        Array.from({ length: n }, (_, i) => i + 1),
        `${entity}: versions in order`,
      );
    }
  }

  // Events of the three outbox topics, built from the samples.
  const itemEvent = (id: string, version: number): ItemChanged => ({
    ...samples['item-changed'],
    eventId: randomUUID(),
    type: version === 1 ? 'CREATED' : 'UPDATED',
    item: { ...samples['item-changed'].item, id, title: `Item v${version}` },
    version,
    occurredAt: Date.now(),
  });
  const sellerEvent = (id: string, version: number): SellerChanged => ({
    ...samples['seller-changed'],
    eventId: randomUUID(),
    type: version === 1 ? 'CREATED' : 'UPDATED',
    seller: { ...samples['seller-changed'].seller, id, name: `Seller v${version}` },
    version,
    occurredAt: Date.now(),
  });
  const commentEvent = (id: string, version: number): CommentChanged => ({
    ...samples['comment-changed'],
    eventId: randomUUID(),
    type: version === 1 ? 'CREATED' : 'UPDATED',
    comment: { ...samples['comment-changed'].comment, id, text: `Comment v${version}` },
    version,
    occurredAt: Date.now(),
  });

  type Kind = 'items' | 'sellers' | 'comments';
  interface Entity {
    kind: Kind;
    id: string;
    versions: number;
  }

  function entities(counts: Record<Kind, number>, versions: number): Entity[] {
    return (Object.keys(counts) as Kind[]).flatMap((kind) =>
      Array.from({ length: counts[kind] }, () => ({ kind, id: randomUUID(), versions })),
    );
  }

  /** Enqueues every version of every entity, version by version, `perTransaction` rows per commit. */
  async function enqueueAll(
    pool: pg.Pool,
    all: Entity[],
    perTransaction: number,
    traceparent?: string,
  ): Promise<void> {
    const events = [];
    const most = Math.max(...all.map((e) => e.versions));
    for (let version = 1; version <= most; version += 1) {
      for (const entity of all) if (version <= entity.versions) events.push({ entity, version });
    }
    for (let start = 0; start < events.length; start += perTransaction) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const { entity, version } of events.slice(start, start + perTransaction)) {
          const common = { key: entity.id, version, ...(traceparent ? { traceparent } : {}) };
          if (entity.kind === 'items')
            await enqueueEvent(client, { topic: 'items', ...common, value: itemEvent(entity.id, version) });
          else if (entity.kind === 'sellers')
            await enqueueEvent(client, {
              topic: 'shop.sellers',
              ...common,
              value: sellerEvent(entity.id, version),
            });
          else
            await enqueueEvent(client, {
              topic: 'comments',
              ...common,
              value: commentEvent(entity.id, version),
            });
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    }
  }

  function expectedVersions(all: Entity[], topics: RelayTopics): Map<string, number> {
    return new Map(all.map((e) => [`${topics[e.kind].name}/${e.id}`, e.versions]));
  }

  async function readOutboxTopics(topics: RelayTopics): Promise<Published<Versioned>[]> {
    return [
      ...(await readAll<Versioned>(topics.items)),
      ...(await readAll<Versioned>(topics.sellers)),
      ...(await readAll<Versioned>(topics.comments)),
    ];
  }

  function countByEventId(records: Published<Versioned>[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of records) counts.set(r.value.eventId, (counts.get(r.value.eventId) ?? 0) + 1);
    return counts;
  }

  it('publishes a backlog of several entities in version order per entity, with event id, trace and commit time', async () => {
    const { schema, pool } = await privateOutbox();
    const topics = await privateTopics();
    const all = entities({ items: 3, sellers: 2, comments: 2 }, 4);
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await enqueueAll(pool, all, 5, traceparent);
    const { rows } = await pool.query<{ event_id: string; created_at: Date }>(
      'SELECT event_id, created_at FROM outbox',
    );
    const createdAt = new Map(rows.map((r) => [r.event_id, r.created_at.getTime()]));

    const relayA = relay(schema, topics, { batchSize: 4 });
    await relayA.start();
    await allPublished(pool);

    const records = await readOutboxTopics(topics);
    assert.equal(records.length, 28, 'each of the 28 events once');
    assertInOrderPerEntity(records, expectedVersions(all, topics));
    for (const record of records) {
      const value = record.value as unknown as Record<
        'item' | 'seller' | 'comment',
        { id: string } | undefined
      >;
      assert.equal(record.key, (value.item ?? value.seller ?? value.comment)!.id, 'keyed by the entity id');
      const sent = parseTraceparent(record.traceparent)!;
      assert.equal(sent.traceId, parseTraceparent(traceparent)!.traceId, 'the writer’s trace continues');
      assert.notEqual(sent.spanId, parseTraceparent(traceparent)!.spanId, 'through the relay’s publish span');
      assert.equal(
        record.timestamp,
        createdAt.get(record.value.eventId),
        'timestamped with the row’s commit',
      );
    }
    const exposition = await relayA.metrics.registry.metrics();
    assert.match(exposition, /eshop_outbox_published_total\{topic="shop.items"\} 12/);
    assert.match(exposition, /eshop_outbox_published_total\{topic="shop.sellers"\} 8/);
    assert.match(exposition, /eshop_outbox_lag_seconds 0/);
    assert.match(exposition, /eshop_outbox_batch_rows_count 7/);
  });

  it('publishes a row written after start without waiting for the poll (LISTEN/NOTIFY)', async () => {
    const { schema, pool } = await privateOutbox();
    const topics = await privateTopics();
    // A minute between polls: within the 30 s this test waits, only a notification delivers.
    await relay(schema, topics, { pollIntervalMs: 60_000 }).start();
    const first = entities({ items: 1, sellers: 0, comments: 0 }, 1);
    await enqueueAll(pool, first, 1);
    await waitForRecords(topics.items, 1, 30_000);
    // The relay has gone idle after that batch; the next row can only come through NOTIFY.
    const second = entities({ items: 1, sellers: 0, comments: 0 }, 1);
    await enqueueAll(pool, second, 1);
    const records = await waitForRecords<ItemChanged>(topics.items, 2, 30_000);
    assert.deepEqual(records.map((r) => r.key).sort(), [first[0]!.id, second[0]!.id].sort());
  });

  it('with two relays on one outbox, publishes each of 3000 events exactly once, in order per entity', async (t) => {
    const { schema, pool } = await privateOutbox();
    const topics = await privateTopics();
    const relayA = relay(schema, topics, { batchSize: 100 });
    const relayB = relay(schema, topics, { batchSize: 100 });
    await Promise.all([relayA.start(), relayB.start()]);
    const all = entities({ items: 20, sellers: 15, comments: 15 }, 60);
    const started = Date.now();
    await enqueueAll(pool, all, 100);
    await allPublished(pool);
    const elapsedMs = Date.now() - started;

    const records = await readOutboxTopics(topics);
    const counts = countByEventId(records);
    assert.equal(counts.size, 3000, 'every event is on Kafka');
    assert.deepEqual(
      [...counts.values()].filter((n) => n !== 1),
      [],
      'no event twice',
    );
    assertInOrderPerEntity(records, expectedVersions(all, topics));

    const publishedBy = async (r: OutboxRelay) =>
      (await r.metrics.published.get()).values.reduce((sum, v) => sum + v.value, 0);
    const [byA, byB] = [await publishedBy(relayA), await publishedBy(relayB)];
    t.diagnostic(
      `relay A published ${byA}, relay B ${byB}; 3000 rows written and published in ${elapsedMs} ms`,
    );
    assert.equal(byA + byB, 3000);
    assert.ok(byA > 0 && byB > 0, 'both relays took part');
  });

  it('after a relay is killed between the Kafka ack and the commit, republishes exactly that batch', async () => {
    const { schema, pool } = await privateOutbox();
    const topics = await privateTopics();
    const all = entities({ items: 10, sellers: 0, comments: 0 }, 30);
    await enqueueAll(pool, all, 100);
    const dir = mkdtempSync(join(tmpdir(), 'outbox-kill-'));
    const killedFile = join(dir, 'killed.json');
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./outbox-relay-child.ts', import.meta.url))],
        {
          env: {
            ...process.env,
            OUTBOX_CHILD: JSON.stringify({ schema, batchSize: 50, topics, killedFile }),
          },
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      );
      const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
        (resolve, reject) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error('the child relay did not kill itself within 60 s'));
          }, 60_000);
          child.once('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal });
          });
        },
      );
      assert.deepEqual(exit, { code: null, signal: 'SIGKILL' }, 'the child relay really died');
      const killed = new Set(JSON.parse(readFileSync(killedFile, 'utf8')) as string[]);
      assert.equal(killed.size, 50);
      const status = await outboxStatus(pool);
      assert.equal(status.unpublished, 250, 'only the first batch was marked published');

      await relay(schema, topics, { batchSize: 50 }).start();
      await allPublished(pool);
      const records = await readOutboxTopics(topics);
      const counts = countByEventId(records);
      assert.equal(counts.size, 300, 'every event is on Kafka at least once');
      const duplicated = new Set([...counts].filter(([, n]) => n > 1).map(([id]) => id));
      assert.deepEqual(duplicated, killed, 'the only duplicates are the killed batch’s rows');
      assert.ok([...counts.values()].every((n) => n <= 2));
      assertInOrderPerEntity(records, expectedVersions(all, topics));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('dead-letters a row that does not fit its schema, with the reason, and publishes the rows after it', async () => {
    const { schema, pool } = await privateOutbox();
    const topics = await privateTopics();
    const a = randomUUID();
    const b = randomUUID();
    const fine = itemEvent(a, 2);
    const broken = { ...fine, item: { ...fine.item, price: { amountMinor: 'cheap' } } };
    const insertRaw = (topic: string, key: string, version: number, payload: { eventId: string }) =>
      pool.query(
        'INSERT INTO outbox (event_id, topic, entity_key, entity_version, payload) VALUES ($1, $2, $3, $4, $5::jsonb)',
        [payload.eventId, topic, key, version, JSON.stringify(payload)],
      );
    const client = await pool.connect();
    try {
      await enqueueEvent(client, { topic: 'items', key: a, version: 1, value: itemEvent(a, 1) });
      // Rows a writer that skipped enqueueEvent's checks could leave behind:
      await insertRaw('shop.items', a, 2, broken);
      await insertRaw('shop.nowhere', b, 1, itemEvent(b, 1));
      await enqueueEvent(client, { topic: 'items', key: a, version: 3, value: itemEvent(a, 3) });
      await enqueueEvent(client, { topic: 'items', key: b, version: 1, value: itemEvent(b, 1) });
      // enqueueEvent itself refuses such a value, and writes nothing.
      await assert.rejects(
        enqueueEvent(client, { topic: 'items', key: a, version: 2, value: broken as unknown as ItemChanged }),
        (error) =>
          isPlatformError(error, 'VALIDATION_FAILED') && /item\.price\.amountMinor/.test(error.message),
      );
    } finally {
      client.release();
    }
    const relayA = relay(schema, topics);
    await relayA.start();
    await allPublished(pool);

    const items = await readAll<ItemChanged>(topics.items);
    assert.deepEqual(
      items.filter((r) => r.key === a).map((r) => r.value.version),
      [1, 3],
      'the rows after the broken one are published',
    );
    assert.deepEqual(
      items.filter((r) => r.key === b).map((r) => r.value.version),
      [1],
    );
    const letters = await readAll<DeadLetter>(topics.deadLetter);
    assert.equal(letters.length, 2);
    const [badPayload, badTopic] = letters.map((r) => r.value);
    assert.equal(badPayload!.processor, 'outbox-relay');
    assert.equal(badPayload!.errorCode, 'VALIDATION_FAILED');
    assert.equal(badPayload!.sourceTopic, 'shop.items');
    assert.match(badPayload!.errorMessage, /item\.price/);
    assert.deepEqual(JSON.parse(badPayload!.value!.toString()), broken);
    assert.equal(badPayload!.key!.toString(), a);
    assert.equal(badPayload!.headers[EVENT_ID_HEADER]!.toString(), broken.eventId);
    assert.equal(badTopic!.sourceTopic, 'shop.nowhere');
    assert.match(badTopic!.errorMessage, /not an outbox topic/);
    const exposition = await relayA.metrics.registry.metrics();
    assert.match(exposition, /eshop_outbox_dead_lettered_total\{code="VALIDATION_FAILED"\} 2/);
    assert.match(exposition, /eshop_outbox_published_total\{topic="shop.items"\} 3/);
  });

  it('keeps publishing through NOTIFY after its Postgres connections are cut', async () => {
    const { schema, pool } = await privateOutbox();
    const topics = await privateTopics();
    await relay(schema, topics, { pollIntervalMs: 60_000 }).start();
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [`eshop-outbox-relay/${schema}`],
    );
    assert.ok((rowCount ?? 0) >= 1, 'the relay’s LISTEN connection was cut');
    await enqueueAll(pool, entities({ items: 1, sellers: 0, comments: 0 }, 2), 1);
    // The poll is a minute away: only a re-opened LISTEN connection delivers within 30 s.
    const records = await waitForRecords<ItemChanged>(topics.items, 2, 30_000);
    assert.deepEqual(
      records.map((r) => r.value.version),
      [1, 2],
    );
  });

  describe('stopping and housekeeping', () => {
    let outbox: { schema: string; pool: pg.Pool };
    let topics: RelayTopics;

    before(async () => {
      outbox = await privateOutbox();
      topics = await privateTopics();
      await enqueueAll(outbox.pool, entities({ items: 4, sellers: 0, comments: 0 }, 5), 20);
    });

    it('stop() lets the batch in flight finish and mark its rows, then publishes no more', async () => {
      let stopped: Promise<void> | undefined;
      const relayA = relay(outbox.schema, topics, {
        batchSize: 5,
        hooks: {
          async afterPublish() {
            stopped ??= relayA.stop();
            await sleep(300);
          },
        },
      });
      await relayA.start();
      for (let waited = 0; !stopped && waited < 30_000; waited += 50) await sleep(50);
      await stopped;
      const status = await outboxStatus(outbox.pool);
      assert.equal(status.unpublished, 15, 'the 5 rows of the batch in flight are marked, nothing after');
      assert.equal((await readAll(topics.items)).length, 5);
    });

    it('deletes published rows past the retention, and never an unpublished one', async () => {
      const relayA = relay(outbox.schema, topics, { retentionMs: 0 });
      try {
        assert.equal(await relayA.deletePublished(), 5);
        const { rows } = await outbox.pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox');
        assert.equal(Number(rows[0]!.n), 15);
        assert.equal((await outboxStatus(outbox.pool)).unpublished, 15);
      } finally {
        await relayA.stop();
      }
    });
  });
});
