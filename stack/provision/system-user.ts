/**
 * Servers that refuse to run as root (PostgreSQL, OpenSearch) run as a system user of their own.
 * Their directories must be reachable by that user, which a stack home under a private directory
 * (such as /root) is not: that case is reported, not papered over by loosening /root.
 */
import { chmod, chown } from 'node:fs/promises';
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
 * `stackHome`; then checks, as that user, that it can really reach them.
 */
export async function handOver(user: SystemUser, stackHome: string, dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    await chown(dir, user.uid, user.gid);
    for (let up = dirname(dir); up.startsWith(stackHome) && up !== dirname(up); up = dirname(up)) {
      await chmod(up, 0o755);
    }
    try {
      await runCommand('setpriv', [
        '--reuid',
        user.name,
        '--regid',
        user.name,
        '--init-groups',
        '--',
        'test',
        '-w',
        dir,
      ]);
    } catch {
      throw new PlatformError(
        ErrorCodes.STACK_START_FAILED,
        `the ${user.name} user cannot reach ${dir}: a directory above the stack home is private. Set STACK_HOME to a directory other users can traverse (e.g. STACK_HOME=/var/lib/eshop-stack)`,
        { user: user.name, dir },
      );
    }
  }
}
