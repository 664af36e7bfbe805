/**
 * POST /v1/activity against the real stack: events land on the platform's `shop.activity` topic
 * (read back from its end offsets, filtered to this test's sessions) with the caller's user id and
 * the request's trace; every kind of invalid batch is a 400 that produces nothing; the in-flight
 * budget sheds with 429 (the real producer's sends are held back by the test to fill it); a
 * disconnected producer is a 503 that gives the budget back.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Kafka } from 'kafkajs';
import type { EventProducer } from '../../../core/events/producer.ts';
import { topics } from '../../../schemas/topics.ts';
import type { UserActivity } from '../../../schemas/types.generated.ts';
import {
  assertProblem,
  createTestUser,
  expiredToken,
  startTestApi,
  type TestApi,
  type TestUser,
} from '../../support/api.ts';
import {
  ensureBackbone,
  groupAtEnd,
  readTopic,
  requireBackboneServices,
  testKafka,
  type ReadRecord,
} from '../../support/kafka.ts';

const MAX_IN_FLIGHT = 10;
const MAX_EVENTS = 20;
const incomingTraceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function pageView(sessionId: string, extra: Record<string, unknown> = {}) {
  return { type: 'PAGE_VIEW', sessionId, occurredAt: Date.now() - 1000, page: '/', ...extra };
}

function views(sessionId: string, n: number) {
  return Array.from({ length: n }, () => pageView(sessionId));
}

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const errorPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

async function metricValue(api: TestApi, line: RegExp): Promise<number> {
  const text = (await api.request('GET', '/metrics')).body as string;
  const match = text.split('\n').find((l) => line.test(l));
  return match ? Number(match.split(' ').at(-1)) : 0;
}

const acceptedEvents = (api: TestApi) =>
  metricValue(api, /^eshop_api_beacon_events_total\{outcome="accepted"\}/);
const eventsOf = (api: TestApi, outcome: string) =>
  metricValue(api, new RegExp(`^eshop_api_beacon_events_total\\{outcome="${outcome}"\\}`));
const inFlight = (api: TestApi) => metricValue(api, /^eshop_api_beacon_events_in_flight /);

describe('POST /v1/activity (real Kafka)', () => {
  let api: TestApi;
  let kafka: Kafka;
  let shopper: TestUser;

  /** Sends, then reads `shop.activity` from where it ended before, until `sessions` have `count` records. */
  async function produced(
    sessions: string[],
    count: number,
    send: () => Promise<unknown>,
  ): Promise<ReadRecord<UserActivity>[]> {
    const groupId = await groupAtEnd(kafka, [topics.activity.name]);
    await send();
    const mine = (records: ReadRecord<UserActivity>[]) =>
      records.filter((r) => sessions.includes(r.value.sessionId));
    return mine(
      await readTopic<UserActivity>(
        kafka,
        topics.activity,
        (rs) => mine(rs).length >= count,
        30_000,
        groupId,
      ),
    );
  }

  before(async () => {
    kafka = testKafka();
    await requireBackboneServices(kafka);
    await ensureBackbone(kafka);
    api = await startTestApi({
      API_BEACON_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
      API_BEACON_MAX_EVENTS: String(MAX_EVENTS),
    });
    shopper = await createTestUser(api, 'shopper');
  });

  after(async () => {
    await api?.stop();
  });

  it('produces each event with the caller as user, its defaults filled, keyed by session, continuing the trace', async () => {
    const session = `s-${randomUUID()}`;
    const itemId = randomUUID();
    const searchId = randomUUID();
    const givenId = randomUUID();
    const now = Date.now();
    let response: Awaited<ReturnType<TestApi['request']>> | undefined;
    const records = await produced([session], 3, async () => {
      response = await api.request('POST', '/v1/activity', {
        token: shopper.token,
        headers: { traceparent: incomingTraceparent, 'User-Agent': 'BeaconTest/1.0' },
        body: {
          events: [
            {
              type: 'SEARCH',
              sessionId: session,
              occurredAt: now - 3000,
              search: { searchId, query: 'айфон', resultCount: 4 },
            },
            {
              type: 'CLICK',
              sessionId: session,
              occurredAt: now - 2000,
              itemId,
              click: { searchId, position: 2 },
              eventId: givenId,
              userId: 'someone-else',
              userAgent: 'Body-Agent/2.0',
              referrer: 'https://shop.test/search?q=айфон',
            },
            {
              type: 'PURCHASE',
              sessionId: session,
              occurredAt: now - 1000,
              itemId,
              purchase: { orderId: searchId, quantity: 2, total: { amountMinor: 159998, currency: 'RUB' } },
            },
          ],
        },
      });
      assert.equal(response.status, 202, JSON.stringify(response.body));
      assert.deepEqual(response.body, { accepted: 3 });
    });
    const byType = new Map(records.map((r) => [r.value.type, r]));
    // Decoded records are avsc class instances: compare their plain JSON.
    const search = plain(byType.get('SEARCH')!.value);
    assert.match(search.eventId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(search, {
      eventId: search.eventId,
      type: 'SEARCH',
      sessionId: session,
      userId: shopper.id,
      occurredAt: now - 3000,
      userAgent: 'BeaconTest/1.0',
      referrer: null,
      itemId: null,
      page: null,
      search: { searchId, query: 'айфон', resultCount: 4 },
      click: null,
      cart: null,
      purchase: null,
    });
    const click = plain(byType.get('CLICK')!.value);
    assert.deepEqual(
      [click.eventId, click.userId, click.userAgent, click.referrer, click.itemId, click.click],
      [
        givenId,
        shopper.id,
        'Body-Agent/2.0',
        'https://shop.test/search?q=айфон',
        itemId,
        { searchId, position: 2 },
      ],
    );
    assert.deepEqual(plain(byType.get('PURCHASE')!.value).purchase, {
      orderId: searchId,
      quantity: 2,
      total: { amountMinor: 159998, currency: 'RUB' },
    });
    const responseTrace = response!.headers.get('traceparent')!;
    assert.equal(
      responseTrace.split('-')[1],
      incomingTraceparent.split('-')[1],
      'the request continues the caller’s trace',
    );
    for (const record of records) {
      assert.equal(record.key, session);
      assert.equal(record.message.headers?.traceparent?.toString(), responseTrace);
    }
    // One session, one partition: the actions stay in order.
    assert.equal(new Set(records.map((r) => r.partition)).size, 1);
    assert.deepEqual(
      records.map((r) => r.value.type),
      ['SEARCH', 'CLICK', 'PURCHASE'],
    );
  });

  it('takes text/plain holding JSON (navigator.sendBeacon), anonymously: the user is null whatever the body says', async () => {
    const session = `s-${randomUUID()}`;
    const records = await produced([session], 1, async () => {
      const response = await api.request('POST', '/v1/activity', {
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ events: [pageView(session, { userId: shopper.id })] }),
      });
      assert.equal(response.status, 202, JSON.stringify(response.body));
    });
    assert.equal(records[0]!.value.userId, null);
    assert.equal(records[0]!.value.page, '/');
  });

  it('refuses the whole batch for any invalid event, listing every error, and produces nothing of it', async () => {
    const session = `s-${randomUUID()}`;
    const rejectedBefore = await eventsOf(api, 'rejected');
    const post = (events: unknown[]) => api.request('POST', '/v1/activity', { body: { events } });
    const cases: [string, unknown[], string[]][] = [
      [
        'shape',
        [
          pageView(session),
          { type: 'PAGE_VIEW', occurredAt: Date.now(), page: '/' },
          pageView(session, { itemId: "'; DROP TABLE activity" }),
          pageView(session, { cart: { quantity: 1 } }),
          { ...pageView(session), type: 'LOGIN' },
          {
            type: 'ADD_TO_CART',
            sessionId: session,
            occurredAt: Date.now(),
            itemId: randomUUID(),
            cart: { quantity: 0 },
          },
        ],
        [
          'body.events.1.sessionId',
          'body.events.2.itemId',
          'body.events.3',
          'body.events.4.type',
          'body.events.5.cart.quantity',
        ],
      ],
      [
        'Avro-invalid',
        [
          pageView(session),
          {
            type: 'SEARCH',
            sessionId: session,
            occurredAt: Date.now(),
            search: { searchId: randomUUID(), query: 'q', resultCount: 2 ** 31 },
          },
        ],
        ['body.events.1.search.resultCount'],
      ],
      [
        'time',
        [
          pageView(session),
          pageView(session, { occurredAt: Date.now() + 10 * 60_000 }),
          pageView(session, { occurredAt: Date.now() - 8 * 86_400_000 }),
        ],
        ['body.events.1.occurredAt', 'body.events.2.occurredAt'],
      ],
      ['too many events', views(session, MAX_EVENTS + 1), ['body.events']],
      ['no events', [], ['body.events']],
    ];
    let rejected = 0;
    for (const [name, events, paths] of cases) {
      const response = await post(events);
      assertProblem(response, 400, 'VALIDATION_FAILED');
      assert.deepEqual(errorPaths(response.body), paths, `${name}: ${JSON.stringify(response.body.errors)}`);
      rejected += events.length;
    }
    const avro = await post([
      {
        type: 'SEARCH',
        sessionId: session,
        occurredAt: Date.now(),
        search: { searchId: randomUUID(), query: 'q', resultCount: 2 ** 31 },
      },
    ]);
    assert.match(avro.body.errors[0].message, /shop\.activity schema .*32-bit/);
    rejected += 1;
    assert.equal(await eventsOf(api, 'rejected'), rejectedBefore + rejected);

    // Nothing of those batches reached the topic: after a marker batch, the session holds only the marker.
    const marker = randomUUID();
    const records = await produced([session], 1, async () => {
      const response = await post([pageView(session, { eventId: marker })]);
      assert.equal(response.status, 202);
    });
    assert.deepEqual(
      records.map((r) => r.value.eventId),
      [marker],
    );
  });

  it('answers 400 for malformed JSON, 415 for another body type, 401 for an expired token', async () => {
    assertProblem(
      await api.request('POST', '/v1/activity', {
        body: '{"events": [',
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    assertProblem(
      await api.request('POST', '/v1/activity', {
        body: 'events=1',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const expired = await api.request('POST', '/v1/activity', {
      token: await expiredToken(api, shopper),
      body: { events: [pageView('s')] },
    });
    assertProblem(expired, 401, 'UNAUTHENTICATED');
  });

  it('sheds with 429 while the in-flight budget is full, without buffering; 413 for a batch larger than the budget', async () => {
    const producer = api.deps.producer as EventProducer;
    const realSend = producer.send.bind(producer);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Kafka answers in milliseconds: hold the real sends back so the budget stays full.
    producer.send = (async (topic, records) => {
      await held;
      return realSend(topic, records);
    }) as EventProducer['send'];
    try {
      const session = `s-${randomUUID()}`;
      const shedBefore = await eventsOf(api, 'shed');
      const first = api.request('POST', '/v1/activity', { body: { events: views(session, 8) } });
      const deadline = Date.now() + 10_000;
      while ((await inFlight(api)) < 8) {
        assert.ok(Date.now() < deadline, 'the first batch never reached the producer');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const shed = await api.request('POST', '/v1/activity', { body: { events: views(session, 3) } });
      assertProblem(shed, 429, 'RATE_LIMITED');
      assert.equal(shed.headers.get('retry-after'), '1');
      assert.equal(await eventsOf(api, 'shed'), shedBefore + 3);
      // Two more fit.
      const small = api.request('POST', '/v1/activity', { body: { events: views(session, 2) } });
      while ((await inFlight(api)) < 10) await new Promise((resolve) => setTimeout(resolve, 20));
      assertProblem(
        await api.request('POST', '/v1/activity', { body: { events: views(session, 1) } }),
        429,
        'RATE_LIMITED',
      );
      release();
      assert.equal((await first).status, 202);
      assert.equal((await small).status, 202);
      assert.equal(await inFlight(api), 0);
    } finally {
      release();
      producer.send = realSend;
    }
    const tooLarge = await api.request('POST', '/v1/activity', {
      body: { events: views('s', MAX_IN_FLIGHT + 1) },
    });
    assertProblem(tooLarge, 413, 'PAYLOAD_TOO_LARGE');
    assert.equal(tooLarge.body.limit, MAX_IN_FLIGHT);
    assert.equal(
      (await api.request('POST', '/v1/activity', { body: { events: views('s', MAX_IN_FLIGHT) } })).status,
      202,
    );
  });

  it('answers 503 (retriable) when the producer cannot reach Kafka, and gives the budget back', async () => {
    const accepted = await acceptedEvents(api);
    await api.deps.producer.disconnect();
    try {
      const response = await api.request('POST', '/v1/activity', { body: { events: views('s', 4) } });
      assertProblem(response, 503, 'SERVICE_UNAVAILABLE');
      assert.equal(await inFlight(api), 0);
      assert.equal(await eventsOf(api, 'failed'), 4);
    } finally {
      await api.deps.producer.connect();
    }
    const again = await api.request('POST', '/v1/activity', { body: { events: views('s', MAX_IN_FLIGHT) } });
    assert.equal(again.status, 202);
    assert.equal(await acceptedEvents(api), accepted + MAX_IN_FLIGHT);
  });
});
