import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isPlatformError } from '../../core/errors/index.ts';
import { withLock } from '../../stack/process/lock.ts';

describe('stack lock', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'eshop-lock-'));
  const file = join(dir, 'stack.lock');
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs the action and releases the lock', async () => {
    assert.equal(await withLock(file, async () => 'done'), 'done');
    await assert.rejects(access(file));
  });

  it('refuses while a live process holds the lock', async () => {
    const holder = spawn('sleep', ['30']);
    try {
      await writeFile(file, String(holder.pid));
      await assert.rejects(
        withLock(file, async () => 'should not run'),
        (error) => isPlatformError(error, 'STACK_START_FAILED') && error.message.includes(String(holder.pid)),
      );
    } finally {
      holder.kill();
      await rm(file, { force: true });
    }
  });

  it('takes over a lock whose owner has died', async () => {
    const dead = spawn('true');
    await new Promise((resolve) => dead.once('exit', resolve));
    await writeFile(file, String(dead.pid));
    assert.equal(await withLock(file, async () => 'recovered'), 'recovered');
  });
});
