/**
 * The accounts endpoints on the real stack: register, log in (with the failed-login limit per
 * account and per address, counted in Redis under a private prefix), refresh-token rotation and
 * reuse detection, logout, who am I.
 *
 * Per-address cases call from other loopback addresses (127.0.0.2, 127.0.0.3, ...): Linux routes all
 * of 127/8 to the loopback interface, so the API sees genuinely different TCP peers.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { prefixPattern } from '../../../connectors/sinks/redis/index.ts';
import { refreshTokenHash } from '../../../api/auth/refresh-tokens.ts';
import {
  assertProblem,
  createTestUser,
  expiredToken,
  startTestApi,
  type TestApi,
  type TestResponse,
} from '../../support/api.ts';
import { uniqueName } from '../../support/index.ts';

const MAX_FAILURES = 3;
const WINDOW_SECONDS = 600;
const PASSWORD = 'correct horse battery';

/** A request from the loopback address `localAddress` (the API's per-address counter sees it). */
function requestFrom(api: TestApi, localAddress: string, path: string, body: unknown): Promise<TestResponse> {
  const url = new URL(path, api.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers, body: text ? JSON.parse(text) : null });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * The fields named in a 400's `errors`, without the request part in front (`body.`, `query.`:
 * that prefix is api/http/validation.ts's business, tested there).
 */
function invalidFields(response: TestResponse): string[] {
  return (response.body.errors as { path: string }[]).map((e) => e.path.split('.').slice(1).join('.'));
}

const newEmail = (tag = 'user') => `${tag}-${randomUUID()}@accounts.test`;

describe('Accounts API', () => {
  let api: TestApi;
  let prefix: string;

  before(async () => {
    prefix = `${uniqueName('accounts')}:`;
    api = await startTestApi({
      REDIS_KEY_PREFIX: prefix,
      API_LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      API_LOGIN_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
  });

  // Every case starts with no failed logins counted (they share the test's loopback address).
  beforeEach(async () => {
    if (!api) return;
    const keys = await api.deps.redis.keys(prefixPattern(prefix));
    if (keys.length > 0) await api.deps.redis.del(...keys);
  });

  after(async () => {
    if (!api) return;
    const keys = await api.deps.redis.keys(prefixPattern(prefix));
    if (keys.length > 0) await api.deps.redis.del(...keys);
    await api.stop();
  });

  async function register(body: Record<string, unknown>): Promise<TestResponse> {
    return api.request('POST', '/v1/auth/register', { body });
  }

  function assertSession(response: TestResponse, status: number, email: string, role: string): void {
    assert.equal(response.status, status, JSON.stringify(response.body));
    const { user, accessToken, expiresIn, refreshToken } = response.body;
    assert.match(user.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(user, { id: user.id, email, role });
    assert.equal(accessToken.split('.').length, 3);
    assert.equal(expiresIn, api.config.api.accessTokenTtlSeconds);
    assert.match(refreshToken, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(Object.keys(response.body).sort(), ['accessToken', 'expiresIn', 'refreshToken', 'user']);
  }

  describe('POST /v1/auth/register', () => {
    it('registers a shopper by default, in lower case, hashed, signed in, with no event', async () => {
      const email = newEmail('ann');
      const response = await register({ email: email.toUpperCase(), password: PASSWORD });
      assertSession(response, 201, email, 'shopper');
      const { rows } = await api.deps.postgres.query(
        'SELECT email, role, password_hash FROM users WHERE id = $1',
        [response.body.user.id],
      );
      assert.equal(rows[0].email, email);
      assert.match(rows[0].password_hash, /^scrypt\$131072\$8\$1\$/);
      assert.ok(!rows[0].password_hash.includes(PASSWORD));
      const outbox = await api.deps.postgres.query('SELECT 1 FROM outbox WHERE entity_key = $1', [
        response.body.user.id,
      ]);
      assert.equal(outbox.rowCount, 0);
      const me = await api.request('GET', '/v1/me', { token: response.body.accessToken });
      assert.equal(me.status, 200);
      assert.equal(me.body.id, response.body.user.id);
    });

    it('registers a seller', async () => {
      const email = newEmail('seller');
      assertSession(await register({ email, password: PASSWORD, role: 'seller' }), 201, email, 'seller');
    });

    it('refuses an e-mail address taken in any case with 409', async () => {
      const email = newEmail('taken');
      assert.equal((await register({ email, password: PASSWORD })).status, 201);
      const again = await register({ email: email.toUpperCase(), password: 'another password' });
      assertProblem(again, 409, 'CONFLICT');
      assert.match(again.body.detail, /already exists/);
    });

    it('refuses administrators, naming how they are created', async () => {
      const response = await register({ email: newEmail('admin'), password: PASSWORD, role: 'admin' });
      assertProblem(response, 400, 'VALIDATION_FAILED');
      assert.deepEqual(
        response.body.errors.map((e: { path: string }) => e.path),
        ['body.role'],
      );
      assert.match(response.body.errors[0].message, /eshop users add/);
    });

    it('lists each invalid field', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ password: PASSWORD }, 'email', /e-mail/],
        [{ email: 'not an address', password: PASSWORD }, 'email', /e-mail/],
        [{ email: `${'a'.repeat(250)}@x.io`, password: PASSWORD }, 'email', /254/],
        [{ email: newEmail() }, 'password', /string/],
        [{ email: newEmail(), password: 'nine char' }, 'password', /at least 10/],
        [{ email: newEmail(), password: 'x'.repeat(201) }, 'password', /at most 200/],
        [{ email: newEmail(), password: 1234567890123 }, 'password', /string/],
        [{ email: newEmail(), password: PASSWORD, role: 'king' }, 'role', /shopper or seller/],
      ];
      for (const [body, path, message] of cases) {
        const response = await register(body);
        assertProblem(response, 400, 'VALIDATION_FAILED');
        const error = response.body.errors[invalidFields(response).indexOf(path)];
        assert.ok(error, `${JSON.stringify(body)} → ${JSON.stringify(response.body.errors)}`);
        assert.match(error.message, message);
      }
      const both = await register({ email: 'nope', password: 'short' });
      assert.deepEqual(invalidFields(both).sort(), ['email', 'password']);
      assertProblem(await register({} as Record<string, unknown>), 400, 'VALIDATION_FAILED');
    });
  });

  describe('POST /v1/auth/login', () => {
    it('signs in with the right password, the e-mail in any case', async () => {
      const email = newEmail('login');
      await register({ email, password: PASSWORD, role: 'seller' });
      const response = await api.request('POST', '/v1/auth/login', {
        body: { email: `  ${email.toUpperCase()} `, password: PASSWORD },
      });
      assertSession(response, 200, email, 'seller');
      const me = await api.request('GET', '/v1/me', { token: response.body.accessToken });
      assert.equal(me.body.email, email);
    });

    it('answers a wrong password and an unknown e-mail alike with 401', async () => {
      const email = newEmail('wrong');
      await register({ email, password: PASSWORD });
      const wrongPassword = await api.request('POST', '/v1/auth/login', {
        body: { email, password: 'not the password' },
      });
      const unknownEmail = await api.request('POST', '/v1/auth/login', {
        body: { email: newEmail('nobody'), password: PASSWORD },
      });
      for (const response of [wrongPassword, unknownEmail]) {
        assertProblem(response, 401, 'UNAUTHENTICATED');
        assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      }
      assert.equal(wrongPassword.body.detail, unknownEmail.body.detail);
    });

    it('lists each invalid field', async () => {
      for (const [body, path] of [
        [{ password: PASSWORD }, 'email'],
        [{ email: newEmail() }, 'password'],
        [{ email: newEmail(), password: '' }, 'password'],
        [{ email: newEmail(), password: 'x'.repeat(201) }, 'password'],
      ] as const) {
        const response = await api.request('POST', '/v1/auth/login', { body });
        assertProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(invalidFields(response), [path]);
      }
    });

    it('limits failed logins per account across addresses, even for the right password', async () => {
      const email = newEmail('guessed');
      const other = newEmail('bystander');
      await register({ email, password: PASSWORD });
      await register({ email: other, password: PASSWORD });
      for (const address of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
        const failed = await requestFrom(api, address, '/v1/auth/login', { email, password: 'guess' });
        assert.equal(failed.status, 401);
      }
      const blocked = await requestFrom(api, '127.0.0.5', '/v1/auth/login', { email, password: PASSWORD });
      assertProblem(blocked, 429, 'RATE_LIMITED');
      const retryAfter = Number(blocked.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= WINDOW_SECONDS, `Retry-After ${retryAfter}`);
      // The address itself is not blocked: another account logs in from it.
      const bystander = await requestFrom(api, '127.0.0.5', '/v1/auth/login', {
        email: other,
        password: PASSWORD,
      });
      assert.equal(bystander.status, 200);
      // The counter is in Redis under the API's prefix, with the window as its expiry.
      const keys = await api.deps.redis.keys(`${prefix}auth:login-failures:account:*`);
      assert.equal(keys.length, 1);
      assert.ok(!keys[0]!.includes('guessed'), 'the key holds no e-mail address');
      const ttl = await api.deps.redis.ttl(keys[0]!);
      assert.ok(ttl > 0 && ttl <= WINDOW_SECONDS);
    });

    it('limits failed logins per client address across accounts', async () => {
      const email = newEmail('victim');
      await register({ email, password: PASSWORD });
      for (let i = 0; i < MAX_FAILURES; i += 1) {
        const failed = await requestFrom(api, '127.0.0.6', '/v1/auth/login', {
          email: newEmail(`spray${i}`),
          password: PASSWORD,
        });
        assert.equal(failed.status, 401);
      }
      const blocked = await requestFrom(api, '127.0.0.6', '/v1/auth/login', { email, password: PASSWORD });
      assertProblem(blocked, 429, 'RATE_LIMITED');
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
      const elsewhere = await requestFrom(api, '127.0.0.7', '/v1/auth/login', { email, password: PASSWORD });
      assert.equal(elsewhere.status, 200);
    });

    it('clears the account’s failures on a successful login', async () => {
      const email = newEmail('forgetful');
      await register({ email, password: PASSWORD });
      let address = 10;
      const attempt = (password: string) =>
        requestFrom(api, `127.0.0.${address++}`, '/v1/auth/login', { email, password });
      for (let round = 0; round < 2; round += 1) {
        for (let i = 0; i < MAX_FAILURES - 1; i += 1) assert.equal((await attempt('typo')).status, 401);
        assert.equal((await attempt(PASSWORD)).status, 200, `round ${round}`);
      }
    });
  });

  describe('POST /v1/auth/refresh and /v1/auth/logout', () => {
    async function login(): Promise<{ email: string; body: TestResponse['body'] }> {
      const email = newEmail('session');
      const registered = await register({ email, password: PASSWORD });
      assert.equal(registered.status, 201);
      return { email, body: registered.body };
    }
    const refresh = (refreshToken: unknown) =>
      api.request('POST', '/v1/auth/refresh', { body: { refreshToken } });

    it('rotates: each refresh returns a new pair, and the new refresh token works in turn', async () => {
      const { email, body } = await login();
      const first = await refresh(body.refreshToken);
      assertSession(first, 200, email, 'shopper');
      assert.notEqual(first.body.refreshToken, body.refreshToken);
      const second = await refresh(first.body.refreshToken);
      assertSession(second, 200, email, 'shopper');
      assert.notEqual(second.body.refreshToken, first.body.refreshToken);
      const me = await api.request('GET', '/v1/me', { token: second.body.accessToken });
      assert.equal(me.body.email, email);
      // Stored hashed, never as the token itself.
      const { rows } = await api.deps.postgres.query(
        'SELECT token_hash, used_at IS NOT NULL AS used FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at',
        [body.user.id],
      );
      assert.deepEqual(
        rows.map((r) => r.used),
        [true, true, false],
      );
      assert.deepEqual(rows[2].token_hash, refreshTokenHash(second.body.refreshToken));
    });

    it('takes the role from the account at refresh time', async () => {
      const { body } = await login();
      await api.deps.postgres.query(`UPDATE users SET role = 'seller' WHERE id = $1`, [body.user.id]);
      const refreshed = await refresh(body.refreshToken);
      assert.equal(refreshed.body.user.role, 'seller');
    });

    it('revokes the whole login when a used refresh token comes back, and leaves other logins alone', async () => {
      const { email, body } = await login();
      const otherLogin = await api.request('POST', '/v1/auth/login', { body: { email, password: PASSWORD } });
      const rotated = await refresh(body.refreshToken);
      assert.equal(rotated.status, 200);
      const replayed = await refresh(body.refreshToken);
      assertProblem(replayed, 401, 'UNAUTHENTICATED');
      assert.match(replayed.body.detail, /already used/);
      // The successor the legitimate client (or the thief) got is revoked too.
      const successor = await refresh(rotated.body.refreshToken);
      assertProblem(successor, 401, 'UNAUTHENTICATED');
      assert.match(successor.body.detail, /revoked/);
      // A separate login of the same account is a separate family.
      assert.equal((await refresh(otherLogin.body.refreshToken)).status, 200);
    });

    it('refuses an expired refresh token', async () => {
      const { body } = await login();
      await api.deps.postgres.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
        [refreshTokenHash(body.refreshToken)],
      );
      const response = await refresh(body.refreshToken);
      assertProblem(response, 401, 'UNAUTHENTICATED');
      assert.match(response.body.detail, /expired/);
    });

    it('refuses unknown tokens with 401 and malformed requests with 400', async () => {
      for (const token of ['garbage', 'A'.repeat(43), randomUUID()]) {
        assertProblem(await refresh(token), 401, 'UNAUTHENTICATED');
      }
      for (const token of [undefined, '', 42, 'x'.repeat(201)]) {
        const response = await refresh(token);
        assertProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(invalidFields(response), ['refreshToken']);
      }
    });

    it('logs out: the refresh token and every token of its login stop working; twice is fine', async () => {
      const { body } = await login();
      const rotated = await refresh(body.refreshToken);
      const logout = await api.request('POST', '/v1/auth/logout', {
        body: { refreshToken: rotated.body.refreshToken },
      });
      assert.equal(logout.status, 204);
      assert.equal(logout.body, null);
      assertProblem(await refresh(rotated.body.refreshToken), 401, 'UNAUTHENTICATED');
      const again = await api.request('POST', '/v1/auth/logout', {
        body: { refreshToken: rotated.body.refreshToken },
      });
      assert.equal(again.status, 204);
      const unknown = await api.request('POST', '/v1/auth/logout', { body: { refreshToken: 'unknown' } });
      assert.equal(unknown.status, 204);
      assertProblem(await api.request('POST', '/v1/auth/logout', { body: {} }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('GET /v1/me', () => {
    it('returns the account and its seller page', async () => {
      const shopper = await createTestUser(api, 'shopper');
      const me = await api.request('GET', '/v1/me', { token: shopper.token });
      assert.equal(me.status, 200);
      assert.deepEqual(me.body, {
        id: shopper.id,
        email: shopper.email,
        role: 'shopper',
        createdAt: me.body.createdAt,
        seller: null,
      });
      assert.ok(!Number.isNaN(Date.parse(me.body.createdAt)));

      const seller = await createTestUser(api, 'seller');
      const sellerId = randomUUID();
      await api.deps.postgres.query('INSERT INTO sellers (id, owner_id, name) VALUES ($1, $2, $3)', [
        sellerId,
        seller.id,
        'Gadget House',
      ]);
      const sellerMe = await api.request('GET', '/v1/me', { token: seller.token });
      assert.deepEqual(sellerMe.body.seller, { id: sellerId, name: 'Gadget House' });
    });

    it('needs a valid access token', async () => {
      const user = await createTestUser(api, 'shopper');
      assertProblem(await api.request('GET', '/v1/me'), 401, 'UNAUTHENTICATED');
      const expired = await api.request('GET', '/v1/me', { token: await expiredToken(api, user) });
      assertProblem(expired, 401, 'UNAUTHENTICATED');
      assert.match(expired.body.detail, /expired/);
      assertProblem(await api.request('GET', '/v1/me', { token: 'garbage' }), 401, 'UNAUTHENTICATED');
      const forged = `${user.token.slice(0, -4)}AAAA`;
      assertProblem(await api.request('GET', '/v1/me', { token: forged }), 401, 'UNAUTHENTICATED');
    });

    it('refuses the token of an account that no longer exists', async () => {
      const user = await createTestUser(api, 'shopper');
      await api.deps.postgres.query('DELETE FROM users WHERE id = $1', [user.id]);
      assertProblem(await api.request('GET', '/v1/me', { token: user.token }), 401, 'UNAUTHENTICATED');
    });
  });

  it('documents every accounts endpoint in the OpenAPI document', async () => {
    const doc = await api.request('GET', '/openapi.json');
    for (const path of ['/v1/auth/register', '/v1/auth/login', '/v1/auth/refresh', '/v1/auth/logout']) {
      assert.ok(doc.body.paths[path]?.post, path);
    }
    assert.deepEqual(doc.body.paths['/v1/me'].get.security, [{ bearerAuth: [] }]);
    assert.ok(doc.body.paths['/v1/auth/login'].post.responses['429']);
  });
});
