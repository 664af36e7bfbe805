/**
 * Servers that refuse to run as root (PostgreSQL, OpenSearch) run as a system user of their own.
 * Their directories must be reachable by that user. A stack home below a private directory (a
 * clone under /root, say) is not; then the private ancestors get the search bit for others
 * (o+x: pass through, not list), which is announced, rather than failing the start.
 */
import { chmod, chown, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { runCommand } from '../process/run-command.ts';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

export async function systemUser(name: string): Promise<SystemUser | undefined> {
  try {
    const { stdout: uid } = await runCommand('id', ['-u', name]);
    const { stdout: gid } = await runCommand('id', ['-g', name]);
    return { name, uid: Number(uid.trim()), gid: Number(gid.trim()) };
  } catch {
    return undefined;
  }
}

/** The user, created as a locked system account without a home if it does not exist yet. */
export async function ensureSystemUser(name: string): Promise<SystemUser> {
  const existing = await systemUser(name);
  if (existing) return existing;
  await runCommand('useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--home-dir',
    '/nonexistent',
    '--shell',
    '/usr/sbin/nologin',
    name,
  ]);
  const created = await systemUser(name);
  if (!created) throw new Error(`useradd ${name} succeeded but the user cannot be found`);
  return created;
}

/**
 * Gives `user` ownership of `dirs` and lets it traverse every directory from them up to
 * `stackHome`. If it still cannot reach them, the private directories above get the search bit
 * for others (o+x: pass through, not list), announced through `announce`.
 */
export async function handOver(
  user: SystemUser,
  stackHome: string,
  dirs: readonly string[],
  announce: (message: string) => void = () => {},
): Promise<void> {
  const canWrite = (dir: string) =>
    runCommand('setpriv', [
      '--reuid',
      user.name,
      '--regid',
      user.name,
      '--init-groups',
      '--',
      'test',
      '-w',
      dir,
    ]).then(
      () => true,
      () => false,
    );
  for (const dir of dirs) {
    await chown(dir, user.uid, user.gid);
    for (let up = dirname(dir); up.startsWith(stackHome) && up !== dirname(up); up = dirname(up)) {
      await chmod(up, 0o755);
    }
    if (await canWrite(dir)) continue;
    for (let up = dirname(dir); up !== dirname(up); up = dirname(up)) {
      const { mode } = await stat(up);
      if ((mode & 0o001) === 0) {
        announce(`letting ${user.name} pass through ${up} (chmod o+x) to reach ${dir}`);
        await chmod(up, (mode & 0o7777) | 0o001);
      }
    }
    if (!(await canWrite(dir))) {
      throw new PlatformError(
        ErrorCodes.STACK_START_FAILED,
        `the ${user.name} user cannot reach ${dir}; set STACK_HOME to a directory other users can traverse (e.g. STACK_HOME=/var/lib/eshop-stack)`,
        { user: user.name, dir },
      );
    }
  }
}
