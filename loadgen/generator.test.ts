import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latest } from '../schemas/catalog.ts';
import { topics } from '../schemas/topics.ts';
import type { UserActivity } from '../schemas/types.generated.ts';
import type { GeneratedEvent } from './events.ts';
import { catalogueEventCount, generateEvents } from './generator.ts';
import type { GenerateOptions } from './options.ts';
import { StreamStats } from './stats.ts';

const START = Date.UTC(2026, 0, 1, 9, 0, 0);
const options: Partial<GenerateOptions> = {
  seed: 7,
  items: 300,
  sellers: 30,
  sessions: 60,
  rate: 200,
  startTime: START,
};

function take(n: number, opts: Partial<GenerateOptions> = options): GeneratedEvent[] {
  const events: GeneratedEvent[] = [];
  for (const event of generateEvents(opts)) {
    events.push(event);
    if (events.length === n) break;
  }
  return events;
}

// One long run shared by the checks that only read it.
const run = take(60_000);
const catalogueSize = catalogueEventCount(options);
const activity = run.flatMap((event) => (event.topic === 'activity' ? [event.value] : []));

function kindOf(event: GeneratedEvent): string {
  return `${event.topic}:${event.value.type}`;
}

describe('generateEvents', () => {
  it('gives the same events for the same seed and options', () => {
    assert.deepEqual(take(5000), run.slice(0, 5000));
  });

  it('gives other events for another seed, and the same catalogue whatever the sessions', () => {
    const otherSeed = take(catalogueSize, { ...options, seed: 8 });
    assert.notDeepEqual(otherSeed, run.slice(0, catalogueSize));
    const moreSessions = take(catalogueSize, { ...options, sessions: 500 });
    assert.deepEqual(moreSessions, run.slice(0, catalogueSize));
  });

  it('produces values valid for their topic’s Avro schema, of every kind', () => {
    const kinds = new Set<string>();
    for (const event of run) {
      const type = latest(topics[event.topic].schema).type;
      const bad: string[] = [];
      const valid = type.isValid(event.value, { errorHook: (path) => bad.push(path.join('.')) });
      assert.ok(valid, `${kindOf(event)} invalid at ${bad.join(', ')}: ${JSON.stringify(event.value)}`);
      kinds.add(kindOf(event));
    }
    assert.deepEqual([...kinds].sort(), [
      'activity:ADD_TO_CART',
      'activity:CLICK',
      'activity:PAGE_VIEW',
      'activity:PURCHASE',
      'activity:SEARCH',
      'comments:CREATED',
      'comments:DELETED',
      'comments:UPDATED',
      'items:CREATED',
      'items:UPDATED',
      'sellers:CREATED',
      'sellers:UPDATED',
    ]);
  });

  it('sends the catalogue first (sellers, then items) and keys every record by its entity', () => {
    const sellers = run.slice(0, 30);
    const items = run.slice(30, catalogueSize);
    assert.ok(sellers.every((event) => kindOf(event) === 'sellers:CREATED'));
    assert.ok(items.every((event) => kindOf(event) === 'items:CREATED'));
    for (const event of run) {
      const entityId =
        event.topic === 'items'
          ? event.value.item.id
          : event.topic === 'sellers'
            ? event.value.seller.id
            : event.topic === 'comments'
              ? event.value.comment.id
              : event.value.sessionId;
      assert.equal(event.key, entityId);
    }
    assert.equal(new Set(run.map((event) => event.value.eventId)).size, run.length, 'event ids are unique');
  });

  it('refers only to sellers and items that were created before', () => {
    const sellers = new Set<string>();
    const items = new Set<string>();
    for (const event of run) {
      if (event.topic === 'sellers') sellers.add(event.value.seller.id);
      if (event.topic === 'items') {
        assert.ok(sellers.has(event.value.item.sellerId));
        items.add(event.value.item.id);
      }
      if (event.topic === 'comments') assert.ok(items.has(event.value.comment.itemId));
      if (event.topic === 'activity' && event.value.itemId !== null) assert.ok(items.has(event.value.itemId));
    }
  });

  it('numbers the versions of every entity 1, 2, 3… and changes nothing after a deletion', () => {
    const versions = new Map<string, number>();
    const deleted = new Set<string>();
    for (const event of run) {
      if (event.topic === 'activity') continue;
      const key = `${event.topic}:${event.key}`;
      assert.ok(!deleted.has(key), `${key} changed after its deletion`);
      const expected = (versions.get(key) ?? 0) + 1;
      assert.equal(event.value.version, expected, `${kindOf(event)} ${key}`);
      assert.equal(event.value.type === 'CREATED', expected === 1);
      versions.set(key, expected);
      if (event.value.type === 'DELETED') deleted.add(key);
    }
  });

  it('fills exactly the detail of each action, with numbers that make sense', () => {
    const searches = new Map<string, { sessionId: string; resultCount: number }>();
    const details = ['search', 'click', 'cart', 'purchase'] as const;
    const expected: Record<UserActivity['type'], (typeof details)[number] | null> = {
      UNKNOWN: null,
      PAGE_VIEW: null,
      SEARCH: 'search',
      CLICK: 'click',
      ADD_TO_CART: 'cart',
      PURCHASE: 'purchase',
    };
    for (const action of activity) {
      for (const detail of details) {
        assert.equal(action[detail] !== null, expected[action.type] === detail, `${action.type} ${detail}`);
      }
      if (action.type === 'PAGE_VIEW') assert.match(action.page ?? '', /^\//u);
      else assert.equal(action.page, null);
      if (action.type !== 'PAGE_VIEW' && action.type !== 'SEARCH') assert.notEqual(action.itemId, null);
      if (action.search) {
        assert.ok(action.search.resultCount >= 0 && action.search.query.trim() !== '');
        searches.set(action.search.searchId, { sessionId: action.sessionId, ...action.search });
      }
      if (action.click) {
        assert.ok(action.click.position >= 1);
        if (action.click.searchId !== null) {
          // A click on a result follows its search, in the same session, within the results.
          const search = searches.get(action.click.searchId);
          assert.equal(search?.sessionId, action.sessionId);
          assert.ok(action.click.position <= (search?.resultCount ?? 0));
        }
      }
      if (action.cart) assert.ok(action.cart.quantity >= 1);
      if (action.purchase) {
        assert.notEqual(action.userId, null, 'buyers are signed in');
        assert.ok(action.purchase.quantity >= 1 && action.purchase.total.amountMinor > 0);
        assert.ok(['RUB', 'USD', 'EUR'].includes(action.purchase.total.currency));
      }
    }
  });

  it('keeps event time moving at the rate, never backwards within a session', () => {
    assert.equal(run[0]?.value.occurredAt, START);
    const last = new Map<string, number>();
    for (const action of activity) {
      assert.ok(action.occurredAt >= (last.get(action.sessionId) ?? 0), 'session time went backwards');
      last.set(action.sessionId, action.occurredAt);
    }
    const stream = run.slice(catalogueSize);
    const seconds = ((stream.at(-1)?.value.occurredAt ?? 0) - (stream[0]?.value.occurredAt ?? 0)) / 1000;
    const rate = stream.length / seconds;
    assert.ok(Math.abs(rate - 200) < 10, `event-time rate ${rate}`);
  });

  it('mixes the stream like a shop: mostly actions, some reviews and catalogue changes', () => {
    const figures = statsOf(run);
    const stream = statsOf(run.slice(catalogueSize));
    const streamShare = (topic: 'activity' | 'items' | 'sellers' | 'comments'): number =>
      stream.byTopic[topic] / stream.events;
    assert.ok(streamShare('activity') > 0.93);
    assert.ok(streamShare('comments') > 0.015 && streamShare('comments') < 0.04);
    assert.ok(streamShare('items') > 0.005 && streamShare('items') < 0.02);
    assert.ok(streamShare('sellers') > 0.0005 && streamShare('sellers') < 0.004);
    const views = figures.byActivity.PAGE_VIEW ?? 0;
    assert.ok(
      views > (figures.byActivity.SEARCH ?? 0) &&
        (figures.byActivity.SEARCH ?? 0) > (figures.byActivity.ADD_TO_CART ?? 0),
    );
    assert.ok((figures.byActivity.ADD_TO_CART ?? 0) > (figures.byActivity.PURCHASE ?? 0));
    assert.ok(
      figures.sessionConversion > 0.005 && figures.sessionConversion < 0.08,
      `conversion ${figures.sessionConversion}`,
    );
  });

  it('concentrates item views on popular items: the top 10% get most of them', () => {
    const { topTenthViewShare } = statsOf(run);
    assert.ok(topTenthViewShare > 0.5, `top 10% of items got ${topTenthViewShare} of the views`);
    assert.ok(topTenthViewShare < 0.9, `views too concentrated: ${topTenthViewShare}`);
  });

  it('has searches that find nothing in a realistic share, and clicks on the ones that do', () => {
    const figures = statsOf(run);
    assert.ok(
      figures.searchesWithoutResults > 0.08 && figures.searchesWithoutResults < 0.2,
      `searches without results: ${figures.searchesWithoutResults}`,
    );
    assert.ok(figures.searchClickThrough > 0.3 && figures.searchClickThrough < 1.2);
    const queries = new Set(activity.flatMap((action) => (action.search ? [action.search.query] : [])));
    assert.ok(queries.size > 500, `only ${queries.size} distinct queries`);
    assert.ok(
      [...queries].some((query) => /[а-яё]/iu.test(query)) &&
        [...queries].some((query) => /^[a-z0-9 ]+$/u.test(query)),
    );
  });

  it('signs some shoppers in and leaves others anonymous, with browsers and referrers', () => {
    const signedIn = activity.filter((action) => action.userId !== null).length / activity.length;
    assert.ok(signedIn > 0.3 && signedIn < 0.75, `signed-in share ${signedIn}`);
    assert.ok(new Set(activity.map((action) => action.userAgent)).size > 8);
    assert.ok(activity.some((action) => action.referrer?.startsWith('https://yandex.ru/')));
    assert.ok(activity.some((action) => action.referrer?.startsWith('https://shop.example/')));
  });

  it('rejects bad options before the first event', () => {
    assert.throws(() => generateEvents({ items: 0 }), /--items must be a whole number/u);
    assert.throws(() => generateEvents({ rate: -1 }), /--rate must be a number above 0/u);
  });
});

function statsOf(events: readonly GeneratedEvent[]): ReturnType<StreamStats['figures']> {
  const stats = new StreamStats(options.items ?? 0);
  for (const event of events) stats.add(event);
  return stats.figures();
}
