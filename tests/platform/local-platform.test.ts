import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../core/config/index.ts';
import { isPlatformError } from '../../core/errors/index.ts';
import { LocalPlatform, platformProcesses, type PlatformProcess } from '../../platform/index.ts';
import { isAlive } from '../../stack/process/processes.ts';
import { silentProgress } from '../../stack/progress.ts';
import { freePort, uniqueName } from '../support/index.ts';

// The supervisor of the platform's processes with one real one: the REST API as `eshop up` runs
// it (`eshop run api` in the background), against the running stack, on a private stack home and
// port. The relay, processors and sinks are left out: they would join the shared consumer groups.
describe('LocalPlatform with the real API process', async () => {
  const home = await mkdtemp(join(tmpdir(), 'eshop-platform-'));
  const apiPort = await freePort();
  const env = { STACK_HOME: home, API_PORT: String(apiPort), LOG_LEVEL: 'info' };
  const config = loadConfig({ ...process.env, ...env });
  const privateEnv = { ...env, REDIS_KEY_PREFIX: `${uniqueName('platform')}:` };
  const api = platformProcesses({ host: '127.0.0.1', apiPort, load: false }).filter((p) => p.kind === 'api');
  const platform = new LocalPlatform(config, { processes: api, progress: silentProgress, env: privateEnv });
  after(async () => {
    await platform.down().catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  });

  it('starts the API in the background and waits until it is ready', { timeout: 180_000 }, async () => {
    const report = await platform.up();
    assert.deepEqual(report.started, ['api']);
    const [status] = report.processes;
    assert.equal(status!.state, 'ready');
    assert.ok(status!.pid && isAlive(status!.pid));
    assert.ok(status!.memoryBytes > 0);
    assert.ok(status!.readySeconds !== undefined);
    const ready = await fetch(`http://127.0.0.1:${apiPort}/health/ready`);
    assert.equal(ready.status, 200);
    assert.ok(existsSync(join(home, 'platform', 'run', 'api.json')), 'pid file under the stack home');
    assert.match(await readFile(platform.logFile('api'), 'utf8'), /api listening/);
  });

  it('leaves a running process alone on a second up', async () => {
    const before = await platform.status();
    const report = await platform.up();
    assert.deepEqual(report.started, []);
    assert.equal(report.processes[0]!.pid, before[0]!.pid);
  });

  it('refuses to start when a port is taken by a process it did not start', async () => {
    const otherHome = await mkdtemp(join(tmpdir(), 'eshop-platform-'));
    try {
      const other = new LocalPlatform(loadConfig({ ...process.env, ...env, STACK_HOME: otherHome }), {
        processes: api,
        progress: silentProgress,
      });
      await assert.rejects(other.up(), (error) => {
        assert.ok(isPlatformError(error));
        assert.equal(error.code, 'STACK_START_FAILED');
        assert.match(error.message, new RegExp(`port ${apiPort} .* is taken`));
        return true;
      });
    } finally {
      await rm(otherHome, { recursive: true, force: true });
    }
  });

  it('stops it on down, leaving no process and no pid file', async () => {
    const [running] = await platform.status();
    const report = await platform.down();
    assert.deepEqual(report.stopped, ['api']);
    assert.equal(report.killed, 0, 'the API exits on SIGTERM');
    assert.equal(isAlive(running!.pid!), false);
    const [status] = await platform.status();
    assert.equal(status!.state, 'stopped');
    assert.equal(existsSync(join(home, 'platform', 'run', 'api.json')), false);
  });

  it('names a process that exits while starting, with the end of its log', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const broken: PlatformProcess = {
      name: 'broken',
      kind: 'processor',
      args: ['run', 'no-such-process'],
      env: {},
      ports: [port],
      readyUrl: `http://127.0.0.1:${port}/metrics`,
      metricsUrl: `http://127.0.0.1:${port}/metrics`,
    };
    const failing = new LocalPlatform(config, { processes: [broken], progress: silentProgress });
    await assert.rejects(failing.up(), (error) => {
      assert.ok(isPlatformError(error));
      assert.match(error.message, /broken exited while starting/);
      assert.match(error.message, /unknown name "no-such-process"/);
      return true;
    });
    assert.equal((await failing.status())[0]!.state, 'exited');
    await failing.down();
  });
});
