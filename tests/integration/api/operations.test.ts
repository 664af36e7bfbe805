/**
 * What every request goes through, on the real stack: operations endpoints, the OpenAPI document and
 * its docs page, problem+json for unknown paths, bad tokens, bodies too large and malformed JSON.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApi, type TestApi } from '../../support/api.ts';

describe('API operations and edge behaviour', () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ API_MAX_BODY_BYTES: '2048' });
  });
  after(() => api?.stop());

  it('is live, and ready when every store answers', async () => {
    assert.deepEqual((await api.request('GET', '/health/live')).body, { status: 'live' });
    const ready = await api.request('GET', '/health/ready');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ready');
    assert.deepEqual(Object.keys(ready.body.checks).sort(), [
      'clickhouse',
      'kafka',
      'postgres',
      'redis',
      's3',
      'search',
    ]);
    for (const check of Object.values(ready.body.checks) as { ok: boolean }[]) assert.equal(check.ok, true);
  });

  it('is not ready, naming the store, when one does not answer', async () => {
    const broken = await startTestApi({ SEARCH_URL: 'http://127.0.0.1:9' });
    try {
      const ready = await broken.request('GET', '/health/ready');
      assert.equal(ready.status, 503);
      assert.equal(ready.body.status, 'not-ready');
      assert.equal(ready.body.checks.search.ok, false);
      assert.equal(ready.body.checks.postgres.ok, true);
    } finally {
      await broken.stop();
    }
  });

  it('serves Prometheus metrics labelled by route pattern', async () => {
    await api.request('GET', '/health/live');
    const metrics = await api.request('GET', '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(
      metrics.body,
      /eshop_api_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/,
    );
    assert.match(metrics.body, /eshop_api_request_duration_seconds_bucket/);
  });

  it('serves an OpenAPI 3.1 document with the bearer scheme, and a docs page whose assets load', async () => {
    const doc = await api.request('GET', '/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.1.0');
    assert.equal(doc.body.components.securitySchemes.bearerAuth.scheme, 'bearer');
    assert.ok(doc.body.paths['/health/ready']);
    const page = await api.request('GET', '/docs');
    assert.equal(page.status, 200);
    for (const asset of page.body.match(/\/docs\/assets\/[\w.-]+/g) as string[]) {
      assert.equal((await api.request('GET', asset)).status, 200, asset);
    }
  });

  it('answers an unknown path with a 404 problem', async () => {
    const response = await api.request('GET', '/v1/no-such-thing');
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(response.body.code, 'NOT_FOUND');
    assert.equal(response.body.instance, '/v1/no-such-thing');
  });

  it('refuses a malformed or forged bearer token with 401, asking for a bearer token', async () => {
    for (const authorization of ['Bearer not-a-token', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const response = await api.request('GET', '/health/live', {
        headers: { Authorization: authorization },
      });
      assert.equal(response.status, 401, authorization);
      assert.equal(response.body.code, 'UNAUTHENTICATED');
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    }
  });

  it('continues the caller’s trace and returns its traceparent', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await api.request('GET', '/health/live', {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    assert.match(response.headers.get('traceparent') ?? '', new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it('refuses a body over the limit with 413, and malformed JSON with 400', async () => {
    const tooLarge = await api.request('POST', '/v1/auth/login', {
      body: { email: 'x'.repeat(4096), password: 'y' },
    });
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.code, 'PAYLOAD_TOO_LARGE');
    const malformed = await api.request('POST', '/v1/auth/login', {
      body: '{"email": ',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.headers.get('content-type'), 'application/problem+json');
  });

  it('answers CORS preflights for browser storefronts', async () => {
    const response = await fetch(`${api.url}/v1/activity`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });
});
