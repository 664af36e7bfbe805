/**
 * Fixtures for the items and sellers API tests: an API on a private Redis prefix and a private
 * images bucket, seller accounts with their seller pages, items created through the API, the
 * outbox rows a write left, and the Redis sink writing into the same prefix exactly as the pipeline
 * would (the item's own outbox events through normalise-items and enrich-items, then the sink's
 * write), so cache hits are tested against the sink's real cards.
 *
 * @example
 * const catalogue = await startCatalogueApi();
 * const { user } = await createSellerAccount(catalogue.api);
 * const item = await createItem(catalogue.api, user.token);
 * await catalogue.sink.writeItem(item.id);               // the card as the sink writes it
 * await catalogue.stop();                                // and everything private is removed
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisSink, prefixPattern } from '../../connectors/sinks/redis/index.ts';
import type { Sink, SinkRecord } from '../../connectors/sinks/runtime/sink.ts';
import { topics } from '../../schemas/topics.ts';
import type {
  EnrichedActivity,
  EnrichedItem,
  ItemChanged,
  NormalisedItem,
  ScoredComment,
  SellerChanged,
} from '../../schemas/types.generated.ts';
import { createEnrichItems } from '../../streams/processors/enrich-items/index.ts';
import { createNormaliseItems } from '../../streams/processors/normalise-items/index.ts';
import { createTestTables, testContext } from '../../streams/processors/test-tables.ts';
import { samples } from '../../schemas/samples.ts';
import { createTestUser, startTestApi, type TestApi, type TestResponse, type TestUser } from './api.ts';
import { uniqueName } from './index.ts';

/** Images above this are refused by the handler, well below the JSON body limit (1 MiB). */
export const TEST_IMAGE_MAX_BYTES = 64 * 1024;

// Private topic names: the sink dispatches records by topic name; no Kafka is involved.
const ITEMS = 'catalogue-test.items.enriched';
const ACTIVITY = 'catalogue-test.activity.enriched';
const COMMENTS = 'catalogue-test.comments.scored';

export interface OutboxRow {
  id: string;
  topic: string;
  entity_key: string;
  entity_version: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
  traceparent: string | null;
  /** The id of the transaction that inserted the row. */
  xmin: string;
}

/** The Redis sink on the test API's prefix, fed by hand. */
export class TestRedisSink {
  private offset = 0;
  readonly sink: Sink;

  constructor(private readonly api: TestApi) {
    this.sink = createRedisSink(
      { redis: api.config.redis },
      {
        topics: {
          itemsEnriched: { ...topics.itemsEnriched, name: ITEMS },
          activityEnriched: { ...topics.activityEnriched, name: ACTIVITY },
          commentsScored: { ...topics.commentsScored, name: COMMENTS },
        },
        redis: api.deps.redis,
        name: 'catalogue-test-sink',
      },
    );
  }

  private async write(topic: string, values: unknown[]): Promise<void> {
    const records: SinkRecord[] = values.map((value) => ({
      topic,
      partition: 0,
      offset: String((this.offset += 1)),
      key: null,
      value,
      timestamp: Date.now(),
      headers: {},
      sizeBytes: 100,
    }));
    const outcome = await this.sink.write(records);
    assert.deepEqual(outcome.rejected, [], 'the sink took every record');
  }

  /** Writes enriched items as the sink does. */
  writeEnriched(...items: EnrichedItem[]): Promise<void> {
    return this.write(ITEMS, items);
  }

  /**
   * Writes the item as the pipeline would after its latest outbox event: that event through
   * normalise-items, joined with its seller's latest outbox event by enrich-items, then the sink.
   * Resolves to the enriched item written.
   */
  async writeItem(
    itemId: string,
    change: (item: EnrichedItem) => EnrichedItem = (x) => x,
  ): Promise<EnrichedItem> {
    const enriched = change(await enrichedFromOutbox(this.api, itemId));
    await this.writeEnriched(enriched);
    return enriched;
  }

  /** Page views of `itemId`, one per session, at `at` (epoch ms). */
  writeViews(itemId: string, sessions: number, at = Date.now()): Promise<void> {
    const sample = samples['enriched-activity'];
    const views: EnrichedActivity[] = Array.from({ length: sessions }, (_, i) => ({
      ...sample,
      activity: {
        ...sample.activity,
        eventId: randomUUID(),
        type: 'PAGE_VIEW',
        sessionId: `session-${i}`,
        userId: null,
        occurredAt: at,
        itemId,
        page: `/items/${itemId}`,
        search: null,
      },
    }));
    return this.write(ACTIVITY, views);
  }

  /** Scored reviews of `itemId`: one per rating, labelled by `labels` in turn. */
  writeReviews(
    itemId: string,
    reviews: { rating: number; score: number; label: ScoredComment['sentiment']['label'] }[],
  ) {
    const sample = samples['scored-comment'];
    const values: ScoredComment[] = reviews.map((review) => ({
      ...sample,
      comment: { ...sample.comment, id: randomUUID(), itemId, rating: review.rating },
      sentiment: { ...sample.sentiment, score: review.score, label: review.label },
      sourceEventId: randomUUID(),
    }));
    return this.write(COMMENTS, values);
  }
}

export interface CatalogueApi {
  api: TestApi;
  sink: TestRedisSink;
  /** A client on the same Redis, for reading and changing the private keys directly. */
  redis: Redis;
  prefix: string;
  bucket: string;
  stop(): Promise<void>;
}

/** The API on a private Redis prefix and images bucket, with a small image limit. */
export async function startCatalogueApi(env: Record<string, string> = {}): Promise<CatalogueApi> {
  const prefix = `${uniqueName('catalogue-api')}:`;
  const bucket = uniqueName('catalogue-images');
  const api = await startTestApi({
    REDIS_KEY_PREFIX: prefix,
    API_IMAGES_BUCKET: bucket,
    API_IMAGE_MAX_BYTES: String(TEST_IMAGE_MAX_BYTES),
    ...env,
  });
  const sink = new TestRedisSink(api);
  await sink.sink.init?.();
  const redis = new Redis(api.config.redis.url, { lazyConnect: true });
  await redis.connect();
  return {
    api,
    sink,
    redis,
    prefix,
    bucket,
    async stop() {
      try {
        await deleteKeys(redis, prefix);
        await removeBucket(api, bucket);
      } finally {
        redis.disconnect();
        await api.stop();
      }
    },
  };
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', prefixPattern(prefix), 'COUNT', 500);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function removeBucket(api: TestApi, bucket: string): Promise<void> {
  const s3 = api.deps.s3;
  if (!(await s3.bucketExists(bucket))) return;
  const names: string[] = [];
  for await (const object of s3.listObjectsV2(bucket, '', true)) {
    if ((object as { name?: string }).name) names.push((object as { name: string }).name);
  }
  if (names.length > 0) await s3.removeObjects(bucket, names);
  await s3.removeBucket(bucket);
}

/** A seller account with its seller page, made through the API. */
export async function createSellerAccount(
  api: TestApi,
  page: { name?: string; region?: string | null } = {},
): Promise<{ user: TestUser; sellerId: string }> {
  const user = await createTestUser(api, 'seller');
  const response = await api.request('POST', '/v1/sellers', {
    token: user.token,
    body: { name: page.name ?? `Shop ${randomUUID().slice(0, 8)}`, region: page.region ?? 'Kazan' },
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return { user, sellerId: response.body.id };
}

/** A valid item body; `overrides` replace fields. */
export function itemBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `  Смартфон  Aurora ${randomUUID().slice(0, 6)} `,
    description: '<p>Отличный <b>экран</b> &amp; камера</p>',
    category: 'Смартфоны',
    price: { amountMinor: 4_999_000, currency: 'RUB' },
    attributes: { Colour: ' Black ', memory: '128 GB' },
    ...overrides,
  };
}

/** Creates an item through the API; resolves to the 201 body. */
export async function createItem(
  api: TestApi,
  token: string,
  overrides: Record<string, unknown> = {},
  // Tests read response bodies freely (as TestResponse does); the contract is asserted, not typed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  const response = await api.request('POST', '/v1/items', { token, body: itemBody(overrides) });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

/** Every outbox row of an entity, oldest first, with the id of the transaction that wrote it. */
export async function outboxRows(api: TestApi, entityKey: string): Promise<OutboxRow[]> {
  const { rows } = await api.deps.postgres.query<OutboxRow>(
    `SELECT id, topic, entity_key, entity_version, payload, traceparent, xmin::text AS xmin
       FROM outbox WHERE entity_key = $1 ORDER BY id`,
    [entityKey],
  );
  return rows;
}

/** The id of the transaction that last wrote a row of `table` (items, sellers). */
export async function rowTransaction(api: TestApi, table: 'items' | 'sellers', id: string): Promise<string> {
  const { rows } = await api.deps.postgres.query<{ xmin: string }>(
    `SELECT xmin::text AS xmin FROM ${table} WHERE id = $1`,
    [id],
  );
  assert.equal(rows.length, 1, `${table} ${id} exists`);
  return rows[0]!.xmin;
}

/**
 * Asserts the event a write left: the outbox row of `entity` written by the same transaction as
 * the entity's row (the same xmin), on `topic`, of `type`, at `version`, by `changedBy`, continuing
 * the trace of `response`. Resolves to the row.
 */
export async function assertWriteEvent(
  api: TestApi,
  row: OutboxRow | undefined,
  expected: {
    table: 'items' | 'sellers';
    id: string;
    topic: string;
    type: string;
    version: number;
    changedBy: string;
    response?: TestResponse;
  },
): Promise<OutboxRow> {
  assert.ok(row, `an outbox row for ${expected.table} ${expected.id}`);
  assert.equal(row.topic, expected.topic);
  assert.equal(row.entity_key, expected.id);
  assert.equal(row.entity_version, String(expected.version));
  assert.equal(row.payload.type, expected.type);
  assert.equal(row.payload.version, expected.version);
  assert.equal(row.payload.changedBy, expected.changedBy);
  assert.equal(
    row.xmin,
    await rowTransaction(api, expected.table, expected.id),
    'row and event in one transaction',
  );
  if (expected.response) {
    const traceId = (traceparent: string | null | undefined) => traceparent?.split('-')[1];
    assert.equal(
      traceId(row.traceparent),
      traceId(expected.response.headers.get('traceparent')),
      'the event continues the request’s trace',
    );
  }
  return row;
}

/** The enriched item the pipeline makes of the item's and its seller's latest outbox events. */
export async function enrichedFromOutbox(api: TestApi, itemId: string): Promise<EnrichedItem> {
  const itemEvent = (await outboxRows(api, itemId)).at(-1)?.payload as ItemChanged | undefined;
  assert.ok(itemEvent, `item ${itemId} has an outbox event`);
  const sellerEvent = (await outboxRows(api, itemEvent.item.sellerId)).at(-1)?.payload as
    SellerChanged | undefined;
  const normalised = createNormaliseItems().process(itemEvent, testContext({ topic: topics.items.name }));
  assert.equal(normalised.kind, 'emit', JSON.stringify(normalised));
  const enrich = createEnrichItems();
  const tables = createTestTables(enrich.tables ?? [], {
    sellers: sellerEvent ? [[sellerEvent.seller.id, sellerEvent]] : [],
  });
  const value = (normalised as { records: { value: NormalisedItem }[] }).records[0]!.value;
  const enriched = enrich.process(value, testContext({ topic: topics.itemsNormalised.name, tables }));
  assert.equal(enriched.kind, 'emit', JSON.stringify(enriched));
  return (enriched as { records: { value: EnrichedItem }[] }).records[0]!.value;
}

/** Image bodies whose first bytes are their format's, `size` bytes long. */
export const imageBytes = {
  png: (size = 256) => padTo(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), size),
  jpeg: (size = 256) => padTo(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), size),
  webp: (size = 256) =>
    padTo(Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 1, 0, 0]), Buffer.from('WEBP')]), size),
};

function padTo(head: Buffer, size: number): Buffer {
  const body = Buffer.alloc(Math.max(size, head.length));
  head.copy(body);
  for (let i = head.length; i < body.length; i += 1) body[i] = (i * 31) & 0xff;
  return body;
}
