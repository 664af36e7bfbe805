/**
 * One stack command at a time per stack home: two concurrent `stack up`s would both see a service
 * as stopped and start it twice. The lock is a file holding the owner's pid; a lock whose owner
 * has died is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { isAlive } from './processes.ts';

export async function withLock<T>(file: string, action: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new PlatformError(
          ErrorCodes.STACK_START_FAILED,
          `another stack command (pid ${owner}) is running on this stack; wait for it or stop it`,
          { pid: owner },
        );
      }
      await rm(file, { force: true }); // stale: its owner is gone
    }
  }
  try {
    return await action();
  } finally {
    await rm(file, { force: true });
  }
}
