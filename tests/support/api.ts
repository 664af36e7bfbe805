/**
 * Running the REST API in a test: the real app on an ephemeral loopback port, over the real stores
 * of the local stack, and callers with access tokens. Tests that need isolation pass their own
 * namespaces (`SEARCH_INDEX_PREFIX`, `REDIS_KEY_PREFIX`, `CLICKHOUSE_DATABASE`, `API_IMAGES_BUCKET`).
 *
 * @example
 * const api = await startTestApi({ REDIS_KEY_PREFIX: `${uniqueName('t')}:` });
 * const seller = await createTestUser(api, 'seller');
 * const response = await api.request('POST', '/v1/items', { token: seller.token, body: {...} });
 * assert.equal(response.status, 201);
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signAccessToken } from '../../api/auth/access-tokens.ts';
import { hashPassword } from '../../api/auth/passwords.ts';
import type { Role } from '../../api/http/env.ts';
import { startApi, type RunningApi } from '../../api/index.ts';
import { loadConfig, type LoadedConfig } from '../../core/config/index.ts';
import { createLogger } from '../../core/log/index.ts';
import { requireService } from './index.ts';

// Tests read response bodies freely; the contract is asserted, not typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  /** The parsed JSON body (problem+json included); the text when it is not JSON; null when empty. */
  body: T;
}

export interface RequestOptions {
  token?: string;
  /** Sent as JSON unless it is a Buffer, Blob, FormData or string. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestApi extends RunningApi {
  config: LoadedConfig;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
}

/** Starts the API with the environment plus `env`; stop it in `after`. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const base = loadConfig({ LOG_LEVEL: 'warn', ...process.env, ...env });
  const config: LoadedConfig = { ...base, api: { ...base.api, port: 0 } };
  await requireService('postgres', config.postgres.url, async () => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: config.postgres.url });
    await client.connect();
    await client.end();
  });
  const api = await startApi(config, createLogger('api-test', config.log.level));
  return {
    ...api,
    config,
    async request(method, path, options = {}) {
      const headers = new Headers(options.headers);
      if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
      let body: RequestInit['body'];
      const raw = options.body;
      if (raw === undefined) body = undefined;
      else if (
        typeof raw === 'string' ||
        raw instanceof Blob ||
        raw instanceof FormData ||
        Buffer.isBuffer(raw)
      ) {
        body = raw as RequestInit['body'];
      } else {
        body = JSON.stringify(raw);
        if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
      }
      const response = await fetch(`${api.url}${path}`, { method, headers, body, redirect: 'manual' });
      const text = await response.text();
      let parsed: unknown = text === '' ? null : text;
      if (/json/.test(response.headers.get('Content-Type') ?? '') && text !== '') parsed = JSON.parse(text);
      return { status: response.status, headers: response.headers, body: parsed as never };
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  /** A valid access token of this user. */
  token: string;
}

/** Cheap scrypt parameters: tests create many users; the stored format keeps them verifiable. */
const testScryptCost = { N: 2 ** 12, r: 8, p: 1 };

/** Inserts a user straight into Postgres (as an admin tool would) and signs a token for it. */
export async function createTestUser(
  api: TestApi,
  role: Role,
  email = `${role}-${randomUUID()}@test.eshop`,
): Promise<TestUser> {
  const id = randomUUID();
  const password = `pw-${randomUUID()}`;
  await api.deps.postgres.query(
    'INSERT INTO users (id, email, password_hash, role) VALUES ($1, $2, $3, $4)',
    [id, email, await hashPassword(password, testScryptCost), role],
  );
  const { token } = await signAccessToken({ id, role }, api.config.api);
  return { id, email, password, role, token };
}

/** An access token that expired an hour ago, for the "expired token" cases. */
export async function expiredToken(api: TestApi, user: Pick<TestUser, 'id' | 'role'>): Promise<string> {
  const { token } = await signAccessToken(
    user,
    api.config.api,
    Date.now() - 3_600_000 - api.config.api.accessTokenTtlSeconds * 1000,
  );
  return token;
}

/**
 * Asserts a problem+json answer: status, content type, stable code, a detail, and - when `path`
 * is given - a field error naming it (`body.price.amountMinor`, `query.limit`).
 */
export function assertProblem(response: TestResponse, status: number, code: string, path?: string): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(response.body.code, code);
  assert.equal(response.body.status, status);
  assert.equal(typeof response.body.detail, 'string');
  if (path !== undefined) {
    const paths = (response.body.errors ?? []).map((e: { path: string }) => e.path);
    assert.ok(paths.includes(path), `errors name ${path}: ${JSON.stringify(response.body.errors)}`);
  }
}
