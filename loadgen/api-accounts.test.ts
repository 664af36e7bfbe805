import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountEmail, ApiAccounts } from './api-accounts.ts';
import { ApiCaller } from './api-caller.ts';
import type { ApiAnswer, ApiCall, ApiClient } from './api-client.ts';
import { CallFigures } from './api-figures.ts';

/** A client whose answers the test gives by hand, call by call. */
class ManualApi implements ApiClient {
  readonly pending: { call: ApiCall; answer: (answer: ApiAnswer) => void }[] = [];
  readonly calls: ApiCall[] = [];

  call(call: ApiCall): Promise<ApiAnswer> {
    this.calls.push(call);
    return new Promise((answer) => this.pending.push({ call, answer }));
  }

  /** Answers every call waiting for one with `answer(call)`, until none waits. */
  async answerAll(answer: (call: ApiCall) => ApiAnswer): Promise<void> {
    for (let round = 0; round < 100; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      const waiting = this.pending.splice(0);
      if (waiting.length === 0) return;
      for (const { call, answer: reply } of waiting) reply(answer(call));
    }
  }
}

let issued = 0;
function tokens(userId = `user-${issued}`, expiresIn = 900): ApiAnswer {
  issued += 1;
  return {
    status: 201,
    body: {
      user: { id: userId },
      accessToken: `access-${issued}`,
      expiresIn,
      refreshToken: `refresh-${issued}`,
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ApiAccounts', () => {
  it('registers each seller once, two sign-ups at a time', async () => {
    const api = new ManualApi();
    const accounts = new ApiAccounts(new ApiCaller(api, new CallFigures()), { runTag: 'abc123' });
    const wanted = ['s1', 's2', 's3', 's4', 's5', 's1'].map((id) => accounts.seller(id));
    await settle();
    assert.equal(api.pending.length, 2, 'two password hashes at a time');
    await api.answerAll((call) => tokens(`id-of-${(call.body as { email: string }).email}`));
    const resolved = await Promise.all(wanted);
    assert.equal(api.calls.length, 5, 'one registration per seller');
    assert.equal(resolved[0], resolved[5], 'the same account for the same seller');
    assert.deepEqual(api.calls[0]!.body, {
      email: accountEmail('seller', 's1', 'abc123'),
      password: (api.calls[0]!.body as { password: string }).password,
      role: 'seller',
    });
    assert.ok((api.calls[0]!.body as { password: string }).password.length >= 10);
    assert.deepEqual(accounts.registered, { sellers: 5, shoppers: 0 });
  });

  it('shares the shopper accounts it has once the bound is reached', async () => {
    const api = new ManualApi();
    const accounts = new ApiAccounts(new ApiCaller(api, new CallFigures()), { runTag: 't', maxShoppers: 2 });
    const first = [accounts.shopper('u1'), accounts.shopper('u2')];
    await api.answerAll(() => tokens());
    const [a, b] = await Promise.all(first);
    const third = await accounts.shopper('u3');
    assert.equal(api.calls.length, 2, 'no third registration');
    assert.ok(third === a || third === b);
    assert.equal(accounts.knownShopper('u1'), a);
  });

  it('gives up on an account whose registration fails, and says so in the figures', async () => {
    const api = new ManualApi();
    const figures = new CallFigures();
    const accounts = new ApiAccounts(new ApiCaller(api, figures), { runTag: 't' });
    const account = accounts.seller('s1');
    await api.answerAll(() => ({ status: 409, body: { code: 'CONFLICT' } }));
    assert.equal(await account, undefined);
    assert.deepEqual(figures.snapshot().failures, [{ operation: 'register', status: 409, count: 1 }]);
  });

  it('refreshes a token about to expire once, however many calls need it', async () => {
    let now = 0;
    const api = new ManualApi();
    const accounts = new ApiAccounts(new ApiCaller(api, new CallFigures()), { runTag: 't', now: () => now });
    const registering = accounts.seller('s1');
    await api.answerAll(() => tokens('user-1', 120));
    const account = (await registering)!;
    now = 61_000; // less than a minute left
    const calls = [1, 2, 3].map(() =>
      accounts.call(account, 'create item', { method: 'POST', path: '/v1/items', body: {} }),
    );
    await api.answerAll((call) =>
      call.path === '/v1/auth/refresh' ? tokens('user-1') : { status: 201, body: {} },
    );
    await Promise.all(calls);
    assert.equal(api.calls.filter((c) => c.path === '/v1/auth/refresh').length, 1);
    const items = api.calls.filter((c) => c.path === '/v1/items');
    assert.equal(items.length, 3);
    for (const call of items) assert.equal(call.token, account.accessToken);
  });

  it('renews a token the API refuses and tries the call again; logs in when refreshing fails', async () => {
    const api = new ManualApi();
    const accounts = new ApiAccounts(new ApiCaller(api, new CallFigures()), { runTag: 't' });
    const registering = accounts.seller('s1');
    await api.answerAll(() => tokens('user-1'));
    const account = (await registering)!;
    const refused = account.accessToken;
    const answer = accounts.call(account, 'create item', { method: 'POST', path: '/v1/items', body: {} });
    await api.answerAll((call) => {
      if (call.path === '/v1/items')
        return call.token === refused ? { status: 401, body: {} } : { status: 201, body: {} };
      if (call.path === '/v1/auth/refresh') return { status: 401, body: { code: 'UNAUTHENTICATED' } };
      return { ...tokens('user-1'), status: 200 }; // the login
    });
    assert.equal((await answer).status, 201);
    assert.deepEqual(
      api.calls.map((c) => c.path),
      ['/v1/auth/register', '/v1/items', '/v1/auth/refresh', '/v1/auth/login', '/v1/items'],
    );
    assert.deepEqual(api.calls[3]!.body, { email: account.email, password: account.password });
  });
});
