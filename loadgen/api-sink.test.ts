import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Item } from '../schemas/types.generated.ts';
import type { ApiAnswer, ApiCall, ApiClient } from './api-client.ts';
import { itemBody, type BeaconEvent } from './api-requests.ts';
import { ApiSink } from './api-sink.ts';
import { catalogueFor } from './generator.ts';
import type { LoadOptions } from './options.ts';
import { runLoad, type EventSink, type TopicBatch, type WallClock } from './runner.ts';

/**
 * An in-memory stand-in for the REST API, keeping to the contracts the load generator calls
 * (accounts, seller pages, items, reviews, beacons): ids assigned by the API, roles and owners
 * checked, one review per shopper and item, tokens that can be made to expire.
 */
class FakeApi implements ApiClient {
  readonly users = new Map<string, { id: string; email: string; password: string; role: string }>();
  readonly sellers = new Map<string, { id: string; ownerId: string; name: string; region?: string }>();
  readonly items = new Map<string, { id: string; sellerId: string } & ReturnType<typeof itemBody>>();
  readonly reviews = new Map<
    string,
    { id: string; itemId: string; authorId: string; text: string; rating: number }
  >();
  readonly beacons: { userId: string | null; event: BeaconEvent }[] = [];
  readonly calls: ApiCall[] = [];
  private readonly tokens = new Map<string, { userId: string; uses: number }>();
  private readonly refreshTokens = new Map<string, string>();

  constructor(
    private readonly options: {
      /** An access token stops working after this many uses (as if it expired). */
      tokenUses?: number;
      /** Answers given instead, while `times` lasts. */
      faults?: { match: (call: ApiCall) => boolean; answer: ApiAnswer; times: number }[];
    } = {},
  ) {}

  async call(call: ApiCall): Promise<ApiAnswer> {
    this.calls.push(call);
    await Promise.resolve();
    const fault = this.options.faults?.find((f) => f.times > 0 && f.match(call));
    if (fault) {
      fault.times -= 1;
      return fault.answer;
    }
    return this.route(call);
  }

  private route({ method, path, body, token }: ApiCall): ApiAnswer {
    const b = (body ?? {}) as Record<string, never>;
    const route = `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}`;
    const id = /[0-9a-f-]{36}/.exec(path)?.[0] ?? '';
    if (route === 'GET /health/live') return json(200, { status: 'live' });
    if (route === 'POST /v1/auth/register') {
      if (this.users.has(b.email)) return problem(409, 'CONFLICT');
      if (!['shopper', 'seller'].includes(b.role)) return problem(400, 'VALIDATION_FAILED');
      const user = { id: randomUUID(), email: b.email, password: b.password, role: b.role };
      this.users.set(user.email, user);
      return json(201, this.issue(user.id));
    }
    if (route === 'POST /v1/auth/login') {
      const user = this.users.get(b.email);
      return user && user.password === b.password
        ? json(200, this.issue(user.id))
        : problem(401, 'UNAUTHENTICATED');
    }
    if (route === 'POST /v1/auth/refresh') {
      const userId = this.refreshTokens.get(b.refreshToken);
      if (!userId) return problem(401, 'UNAUTHENTICATED');
      this.refreshTokens.delete(b.refreshToken);
      return json(200, this.issue(userId));
    }
    const user = this.authenticate(token);
    if (route === 'POST /v1/activity') {
      for (const event of b.events as BeaconEvent[]) {
        if ('userId' in event) return problem(400, 'VALIDATION_FAILED');
        if (event.itemId !== undefined && !this.items.has(event.itemId))
          return problem(400, 'VALIDATION_FAILED');
        this.beacons.push({ userId: user?.id ?? null, event });
      }
      return json(202, { accepted: (b.events as unknown[]).length });
    }
    if (!user) return problem(401, 'UNAUTHENTICATED');
    const ownPage = [...this.sellers.values()].find((s) => s.ownerId === user.id);
    switch (route) {
      case 'GET /v1/me':
        return json(200, { id: user.id, role: user.role, seller: ownPage ? { id: ownPage.id } : null });
      case 'POST /v1/sellers': {
        if (user.role !== 'seller') return problem(403, 'FORBIDDEN');
        if (ownPage) return problem(409, 'CONFLICT');
        const page = { id: randomUUID(), ownerId: user.id, ...(body as { name: string }) };
        this.sellers.set(page.id, page);
        return json(201, page);
      }
      case 'PATCH /v1/sellers/:id': {
        const page = this.sellers.get(id);
        if (!page) return problem(404, 'NOT_FOUND');
        if (page.ownerId !== user.id) return problem(403, 'FORBIDDEN');
        Object.assign(page, body);
        return json(200, page);
      }
      case 'POST /v1/items': {
        if (!ownPage) return problem(409, 'CONFLICT');
        const created = { id: randomUUID(), sellerId: ownPage.id, ...(body as ReturnType<typeof itemBody>) };
        this.items.set(created.id, created);
        return json(201, created);
      }
      case 'PATCH /v1/items/:id':
      case 'DELETE /v1/items/:id': {
        const found = this.items.get(id);
        if (!found) return problem(404, 'NOT_FOUND');
        if (this.sellers.get(found.sellerId)?.ownerId !== user.id) return problem(403, 'FORBIDDEN');
        if (method === 'DELETE') return (this.items.delete(id), json(204, undefined));
        Object.assign(found, body);
        return json(200, found);
      }
      case 'POST /v1/items/:id/reviews': {
        if (user.role !== 'shopper') return problem(403, 'FORBIDDEN');
        if (!this.items.has(id)) return problem(404, 'NOT_FOUND');
        const twice = [...this.reviews.values()].some((r) => r.itemId === id && r.authorId === user.id);
        if (twice) return problem(409, 'CONFLICT');
        const review = { id: randomUUID(), itemId: id, authorId: user.id, text: b.text, rating: b.rating };
        this.reviews.set(review.id, review);
        return json(201, review);
      }
      case 'PATCH /v1/reviews/:id':
      case 'DELETE /v1/reviews/:id': {
        const review = this.reviews.get(id);
        if (!review) return problem(404, 'NOT_FOUND');
        if (review.authorId !== user.id) return problem(403, 'FORBIDDEN');
        if (method === 'DELETE') return (this.reviews.delete(id), json(204, undefined));
        Object.assign(review, body);
        return json(200, review);
      }
    }
    return problem(404, 'NOT_FOUND');
  }

  private issue(userId: string) {
    const accessToken = randomUUID();
    const refreshToken = randomUUID();
    this.tokens.set(accessToken, { userId, uses: 0 });
    this.refreshTokens.set(refreshToken, userId);
    const user = [...this.users.values()].find((u) => u.id === userId)!;
    return {
      user: { id: userId, email: user.email, role: user.role },
      accessToken,
      expiresIn: 900,
      refreshToken,
    };
  }

  private authenticate(token: string | undefined) {
    const entry = token === undefined ? undefined : this.tokens.get(token);
    if (!entry) return undefined;
    entry.uses += 1;
    if (this.options.tokenUses !== undefined && entry.uses > this.options.tokenUses) return undefined;
    return [...this.users.values()].find((u) => u.id === entry.userId);
  }
}

function json(status: number, body: unknown): ApiAnswer {
  return { status, body };
}

function problem(status: number, code: string): ApiAnswer {
  return { status, body: { type: 'about:blank', status, code, detail: `fake ${code}` } };
}

/** Virtual time: the runner's sleeps advance it, so a run takes no wall time. */
function virtualClock(): WallClock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

const options: Partial<LoadOptions> = {
  seed: 5,
  items: 60,
  sellers: 6,
  sessions: 10,
  rate: 400,
  durationSeconds: 5,
};

/** Runs a load into `api` through an ApiSink, recording every batch the sink was given. */
async function runAgainst(api: FakeApi, logged: string[] = []) {
  const sink = new ApiSink({
    client: api,
    catalogue: catalogueFor(options),
    runTag: 'test01',
    log: (line) => logged.push(line),
    retry: { sleep: async () => {} },
  });
  const batches: TopicBatch[] = [];
  const recording: EventSink = {
    send: (batch) => {
      batches.push(batch);
      return sink.send(batch);
    },
  };
  const result = await runLoad({ options, sink: recording, clock: virtualClock() });
  return { sink, batches, result, figures: sink.figures.snapshot() };
}

/** The generator's last state of each item, from the batches sent. */
function lastItems(batches: readonly TopicBatch[]): Map<string, Item> {
  const items = new Map<string, Item>();
  for (const batch of batches) {
    if (batch.topic === 'items') for (const { value } of batch.records) items.set(value.item.id, value.item);
  }
  return items;
}

describe('ApiSink', () => {
  it("lists the catalogue through the API, each seller's items by the seller's own account", async () => {
    const api = new FakeApi();
    const { sink, batches, result, figures } = await runAgainst(api);
    assert.equal(result.stoppedBy, 'duration');
    assert.equal(api.sellers.size, 6);
    assert.equal(new Set([...api.sellers.values()].map((s) => s.ownerId)).size, 6, 'one account per seller');
    assert.equal(api.items.size, 60);

    const catalogue = catalogueFor(options);
    for (const [generatedId, last] of lastItems(batches)) {
      const mapped = sink.ids.items.get(generatedId);
      assert.ok(mapped, `item ${generatedId} was created`);
      const stored = api.items.get(mapped.apiId)!;
      // Every change reached the API: the item holds the generator's last state.
      const { id: _id, sellerId, ...fields } = stored;
      assert.deepEqual(fields, itemBody(last));
      const seller = catalogue.items.find((entry) => entry.item.id === generatedId)!.seller.seller.id;
      assert.equal(sellerId, sink.ids.sellers.get(seller)?.apiId, "listed on its seller's page");
    }

    // Reviews: created, edited and deleted as generated; a shopper reviewing an item twice gets 409.
    const reviewEvents = batches.flatMap((b) => (b.topic === 'comments' ? b.records : []));
    assert.ok(reviewEvents.length > 5, 'the run has reviews');
    assert.equal(api.reviews.size, sink.ids.reviews.size);
    const authors = [...api.users.values()].filter((u) => u.role === 'shopper');
    for (const review of api.reviews.values()) assert.ok(authors.some((a) => a.id === review.authorId));
    for (const failure of figures.failures) {
      assert.deepEqual([failure.operation, failure.status], ['create review', 409]);
    }

    // Beacons: every generated action arrives, with the API's item ids and the user from the token.
    const activity = batches.flatMap((b) => (b.topic === 'activity' ? b.records : []));
    assert.equal(api.beacons.length, activity.length);
    assert.equal(figures.beaconEvents, activity.length);
    for (const { event } of api.beacons) {
      if (event.itemId !== undefined) assert.ok(api.items.has(event.itemId));
    }
    const signedIn = api.beacons.filter((b) => b.userId !== null);
    for (const beacon of signedIn) assert.ok(authors.some((a) => a.id === beacon.userId));
    assert.equal(
      figures.skips.filter((s) => !/rating change|images only|nothing the API holds/.test(s.reason)).length,
      0,
      JSON.stringify(figures.skips),
    );
  });

  it('rides out answers that may succeed later, and renews tokens the API no longer takes', async () => {
    const api = new FakeApi({
      tokenUses: 4,
      faults: [
        {
          match: (c) => c.method === 'POST' && c.path === '/v1/items',
          answer: problem(503, 'SERVICE_UNAVAILABLE'),
          times: 2,
        },
        {
          match: (c) => c.path === '/v1/activity',
          answer: { status: 0, body: undefined, error: 'ECONNRESET' },
          times: 1,
        },
      ],
    });
    const { figures } = await runAgainst(api);
    assert.equal(api.items.size, 60, 'the retried creations went through');
    const failed = (operation: string, status: number) =>
      figures.failures.find((f) => f.operation === operation && f.status === status)?.count ?? 0;
    assert.equal(failed('create item', 503), 2);
    assert.equal(failed('beacon', 0), 1);
    assert.ok(api.calls.filter((c) => c.path === '/v1/auth/refresh').length > 0, 'tokens were refreshed');
    assert.equal(failed('refresh', 401), 0);
  });

  it('counts and logs a call that keeps failing, skips what depends on it, and carries on', async () => {
    const broken = catalogueFor(options).sellers[0]!.seller;
    const api = new FakeApi({
      faults: [
        {
          match: (c) => c.path === '/v1/sellers' && (c.body as { name?: string }).name === broken.name,
          answer: problem(500, 'INTERNAL'),
          times: Number.POSITIVE_INFINITY,
        },
      ],
    });
    const logged: string[] = [];
    const { result, figures, batches } = await runAgainst(api, logged);
    assert.equal(result.stoppedBy, 'duration');
    assert.equal(api.sellers.size, 5);
    const orphans = [...lastItems(batches).values()].filter((item) => item.sellerId === broken.id).length;
    assert.ok(orphans > 0, 'the broken seller lists items');
    assert.equal(api.items.size, 60 - orphans);
    const skipped = figures.skips.find((s) => s.reason === "the item's seller page was not created");
    assert.equal(skipped?.count, orphans);
    assert.ok(logged.some((line) => /create seller page .* failed: 500 INTERNAL: fake INTERNAL/.test(line)));
  });
});
