import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from '../../stack/process/processes.ts';
import { Supervisor } from '../../stack/process/supervisor.ts';

// Real processes, no services: proves that `stack down` leaves nothing behind, including forked
// children and processes that ignore SIGTERM.
describe('Supervisor', async () => {
  const home = await mkdtemp(join(tmpdir(), 'eshop-supervisor-'));
  const supervisor = new Supervisor(home, home);
  after(() => rm(home, { recursive: true, force: true }));

  async function waitForProcesses(service: string, count: number) {
    for (let i = 0; i < 50 && (await supervisor.processes(service)).length < count; i += 1) await sleep(100);
    return supervisor.processes(service);
  }

  it('finds a service with the children it forked, and stops them all', async () => {
    const state = await supervisor.start(
      'forker',
      { command: 'sh', args: ['-c', 'sleep 300 & sleep 300 & wait'] },
      join(home, 'forker.log'),
      'test',
    );
    const processes = await waitForProcesses('forker', 3);
    assert.equal(processes.length, 3, 'the shell and its two children');
    assert.ok(processes.some((p) => p.pid === state.pid));
    const result = await supervisor.stop('forker', 5);
    assert.equal(result.killed, 0);
    assert.deepEqual(await supervisor.processes('forker'), []);
    assert.equal(await supervisor.readState('forker'), undefined);
  });

  it('kills what ignores SIGTERM once the timeout has passed', async () => {
    const state = await supervisor.start(
      'stubborn',
      { command: 'sh', args: ['-c', "trap '' TERM; while true; do sleep 1; done"] },
      join(home, 'stubborn.log'),
      'test',
    );
    await waitForProcesses('stubborn', 1);
    const result = await supervisor.stop('stubborn', 1);
    assert.ok(result.killed >= 1);
    assert.equal(isAlive(state.pid), false);
    assert.deepEqual(await supervisor.processes('stubborn'), []);
  });

  it('finds processes that start a session of their own through the environment marker', async () => {
    await supervisor.start(
      'daemon',
      { command: 'sh', args: ['-c', 'setsid sleep 300 & wait'] },
      join(home, 'daemon.log'),
      'test',
    );
    const processes = await waitForProcesses('daemon', 2);
    assert.equal(processes.length, 2);
    await supervisor.stop('daemon', 2);
    assert.deepEqual(await supervisor.processes('daemon'), []);
  });
});
