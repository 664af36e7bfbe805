import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../core/config/index.ts';
import { LocalStack } from '../../stack/local-stack.ts';
import { silentProgress } from '../../stack/progress.ts';
import { redis } from '../../stack/services/redis.ts';
import { freePort } from '../support/index.ts';

// The stack's own promises, on a private stack home and port with the cheapest real server
// (Redis from its Debian package, which `stack up` installs): up twice is harmless, down leaves
// nothing behind, a port held by a stranger is reported.
describe('LocalStack with a real Redis', async () => {
  const home = await mkdtemp(join(tmpdir(), 'eshop-stack-'));
  const port = await freePort();
  const config = loadConfig({ ...process.env, STACK_HOME: home, REDIS_PORT: String(port) });
  const stack = new LocalStack(config, [redis], silentProgress);
  after(async () => {
    await stack.down().catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  });

  it(
    'starts a service and reports it healthy with its version and memory',
    { timeout: 120_000 },
    async () => {
      const report = await stack.up();
      assert.equal(report.ok, true, report.services[0]?.error);
      const [status] = report.services;
      assert.equal(status!.state, 'healthy');
      assert.match(status!.version, /^\d+\.\d+/);
      assert.equal(status!.url, `redis://127.0.0.1:${port}`);
      assert.ok(status!.memoryBytes > 0);
      assert.ok(status!.startSeconds !== undefined);
    },
  );

  it('leaves a running service alone on a second up', async () => {
    const before = await stack.status();
    const report = await stack.up();
    assert.equal(report.ok, true);
    assert.equal(report.services[0]!.startSeconds, undefined, 'not started again');
    assert.equal(report.services[0]!.provisionSeconds, 0, 'provisioned from the cache');
    assert.equal(report.services[0]!.pid, before[0]!.pid);
  });

  it('stops everything on down and says so in status', async () => {
    const report = await stack.down();
    assert.deepEqual(report.stopped, ['redis']);
    assert.equal(report.left, 0);
    const [status] = await stack.status();
    assert.equal(status!.state, 'stopped');
    assert.equal(status!.memoryBytes, 0);
    assert.equal((await stack.down()).stopped.length, 0, 'a second down has nothing to do');
  });

  it('refuses to start on a port another process holds, naming the port', async () => {
    const stranger: Server = createServer();
    await new Promise<void>((resolve) => stranger.listen(port, '127.0.0.1', resolve));
    try {
      const report = await stack.up();
      assert.equal(report.ok, false);
      assert.equal(report.services[0]!.state, 'failed');
      assert.match(report.services[0]!.error!, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is taken`));
    } finally {
      await new Promise((resolve) => stranger.close(resolve));
    }
  });
});
