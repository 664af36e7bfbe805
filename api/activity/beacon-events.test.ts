import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkBatch,
  MAX_AGE_MS,
  MAX_FUTURE_MS,
  toUserActivity,
  type BeaconContext,
} from './beacon-events.ts';
import { ActivityEventSchema, beaconRequestSchema, type ActivityEvent } from './schemas.ts';

const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const itemId = '6f1d7c2e-3b4a-4f5e-9a8b-1c2d3e4f5a6b';
const searchId = '1e2d3c4b-5a69-4788-9a0b-c1d2e3f40516';
const orderId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function context(overrides: Partial<BeaconContext> = {}): BeaconContext {
  let n = 0;
  return {
    userId: null,
    userAgent: 'Header-Agent/1.0',
    newEventId: () => `00000000-0000-4000-8000-00000000000${(n += 1)}`,
    ...overrides,
  };
}

const parse = (event: unknown): ActivityEvent => ActivityEventSchema.parse(event);

describe('beacon events', () => {
  it('turns each type into its UserActivity, with only its own detail field set', () => {
    const base = { sessionId: 's-1', occurredAt: now };
    const records = [
      parse({ ...base, type: 'PAGE_VIEW', page: '/items/x', itemId }),
      parse({ ...base, type: 'SEARCH', search: { searchId, query: 'айфон', resultCount: 0 } }),
      parse({ ...base, type: 'CLICK', itemId, click: { searchId, position: 2 } }),
      parse({ ...base, type: 'ADD_TO_CART', itemId, cart: { quantity: 3 } }),
      parse({
        ...base,
        type: 'PURCHASE',
        itemId,
        purchase: { orderId, quantity: 1, total: { amountMinor: 79999, currency: 'RUB' } },
      }),
    ].map((event) => toUserActivity(event, context()));
    const details = records.map((r) =>
      (['page', 'search', 'click', 'cart', 'purchase'] as const).filter((field) => r[field] !== null),
    );
    assert.deepEqual(details, [['page'], ['search'], ['click'], ['cart'], ['purchase']]);
    assert.deepEqual(
      records.map((r) => r.itemId),
      [itemId, null, itemId, itemId, itemId],
    );
    assert.deepEqual(records[1]!.search, { searchId, query: 'айфон', resultCount: 0 });
  });

  it('takes the user from the context, never from the body; fills the event id and user agent when absent', () => {
    const event = parse({
      type: 'PAGE_VIEW',
      sessionId: 's-1',
      occurredAt: now,
      page: '/',
      userId: 'someone-else',
    });
    const signedIn = toUserActivity(event, context({ userId: 'caller' }));
    assert.equal(signedIn.userId, 'caller');
    assert.equal(toUserActivity(event, context()).userId, null);
    assert.equal(signedIn.eventId, '00000000-0000-4000-8000-000000000001');
    assert.equal(signedIn.userAgent, 'Header-Agent/1.0');
    assert.equal(signedIn.referrer, null);

    const explicit = parse({
      type: 'PAGE_VIEW',
      sessionId: 's-1',
      occurredAt: now,
      page: '/',
      eventId: searchId,
      userAgent: 'Body-Agent/2.0',
      referrer: 'https://example.test/',
    });
    const record = toUserActivity(explicit, context());
    assert.deepEqual(
      [record.eventId, record.userAgent, record.referrer],
      [searchId, 'Body-Agent/2.0', 'https://example.test/'],
    );
  });

  it('refuses times more than 5 minutes ahead or more than 7 days old, and accepts the bounds', () => {
    const at = (occurredAt: number) =>
      parse({ type: 'PAGE_VIEW', sessionId: 's', occurredAt, page: '/' }) satisfies ActivityEvent;
    const result = checkBatch(
      [at(now + MAX_FUTURE_MS), at(now + MAX_FUTURE_MS + 1), at(now - MAX_AGE_MS), at(now - MAX_AGE_MS - 1)],
      context(),
      now,
    );
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors, [
      { path: 'body.events.1.occurredAt', message: 'must not be more than 5 minutes in the future' },
      { path: 'body.events.3.occurredAt', message: 'must not be older than 7 days' },
    ]);
  });

  it('refuses what the Avro schema refuses, naming the field: a count beyond a 32-bit int', () => {
    const search = (resultCount: number) =>
      parse({
        type: 'SEARCH',
        sessionId: 's',
        occurredAt: now,
        search: { searchId, query: 'q', resultCount },
      });
    const result = checkBatch([search(2 ** 31)], context(), now);
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors.map((e) => e.path), ['body.events.0.search.resultCount']);
    assert.match(!result.ok ? result.errors[0]!.message : '', /32-bit integer/);
    const fits = checkBatch([search(2 ** 31 - 1)], context(), now);
    assert.equal(fits.ok, true);
  });

  it('the edge schema refuses a detail field of another type, an unknown type and a bad id', () => {
    const schema = beaconRequestSchema(2);
    const issues = (body: unknown) => {
      const result = schema.safeParse(body);
      return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    };
    const view = { type: 'PAGE_VIEW', sessionId: 's', occurredAt: now, page: '/' };
    assert.deepEqual(issues({ events: [view] }), []);
    assert.deepEqual(issues({ events: [{ ...view, cart: { quantity: 1 } }] }), ['events.0']);
    assert.deepEqual(issues({ events: [{ ...view, type: 'LOGIN' }] }), ['events.0.type']);
    assert.deepEqual(issues({ events: [{ ...view, itemId: 'not-a-uuid' }] }), ['events.0.itemId']);
    assert.deepEqual(issues({ events: [] }), ['events']);
    assert.deepEqual(issues({ events: [view, view, view] }), ['events']);
  });
});
