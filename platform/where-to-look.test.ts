import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../core/config/index.ts';
import { whereToLook } from './where-to-look.ts';

describe('whereToLook', () => {
  const config = loadConfig({});
  const text = whereToLook({
    config,
    logDir: '/srv/eshop/.stack/platform/logs',
    exampleItemId: '0b7e3a52-6a0e-4a5e-9d43-3f1c2b8d9e10',
    sessionId: 'c4a1f3de-5b2a-4c8e-9f0a-1d2e3f4a5b6c',
    now: 1_767_225_600_000,
    loadRunning: true,
  });

  it('names where each part of the platform can be seen', () => {
    for (const where of [
      'http://127.0.0.1:8080/docs',
      'http://127.0.0.1:8080/openapi.json',
      'http://127.0.0.1:8080/health/ready',
      'http://127.0.0.1:8080/metrics',
      'http://127.0.0.1:8081/apis/ccompat/v7/subjects',
      'registry UI runs in docker-compose',
      'http://127.0.0.1:9200/_cat/indices',
      'http://127.0.0.1:8123/',
      'http://127.0.0.1:9901',
      'http://127.0.0.1:9090',
      '/srv/eshop/.stack/platform/logs/',
    ]) {
      assert.ok(text.includes(where), `missing ${where}`);
    }
    assert.ok(!text.includes(config.minio.secretKey), 'no secret printed');
  });

  it('gives example requests that can be pasted into a shell', () => {
    const curls = text.split('\n').filter((line) => line.trim().startsWith('curl'));
    assert.equal(curls.length, 5);
    assert.ok(curls.some((line) => line.includes('/v1/search/items?q=')));
    assert.ok(curls.some((line) => line.includes('/v1/items/0b7e3a52-6a0e-4a5e-9d43-3f1c2b8d9e10')));
    assert.ok(curls.some((line) => line.includes('/v1/auth/register')));
    assert.ok(curls.some((line) => line.includes('/v1/auth/login')));
    // Each JSON body is single-quoted and parses.
    for (const line of curls.filter((l) => l.includes(' -d '))) {
      const body = /-d '(.*)'$/.exec(line)?.[1];
      assert.ok(body, line);
      assert.doesNotThrow(() => JSON.parse(body), line);
    }
    const beacon = curls.find((line) => line.includes('/v1/activity'))!;
    assert.deepEqual(JSON.parse(/-d '(.*)'$/.exec(beacon)![1]!), {
      events: [
        {
          type: 'PAGE_VIEW',
          sessionId: 'c4a1f3de-5b2a-4c8e-9f0a-1d2e3f4a5b6c',
          occurredAt: 1_767_225_600_000,
          page: '/',
        },
      ],
    });
  });

  it('says when no item is known yet', () => {
    const none = whereToLook({
      config,
      logDir: '/tmp',
      sessionId: 's',
      now: 0,
      loadRunning: false,
    });
    assert.match(none, /\/v1\/items\/<an item id from the search above>/);
    assert.match(none, /no load/);
  });
});
