/**
 * Finding and measuring the stack's processes through /proc (Linux only, like the stack).
 *
 * Every process the stack starts carries ESHOP_STACK_HOME and ESHOP_STACK_SERVICE in its
 * environment. Environments are inherited, so this finds a service's whole process tree even when
 * a server forks workers, daemonises into a new session or changes user: `stack down` uses it to
 * prove that nothing was left behind, and `stack status` to sum memory per service.
 *
 * Some servers overwrite their environment block to set their process title (Redis does), so a
 * process also belongs to a service when its session is the one the service was started in: the
 * stack starts each server detached, which makes the server's pid its session id.
 */
import { readdir, readFile } from 'node:fs/promises';

export const STACK_HOME_VAR = 'ESHOP_STACK_HOME';
export const STACK_SERVICE_VAR = 'ESHOP_STACK_SERVICE';

export interface StackProcess {
  pid: number;
  service: string;
}

async function readEnviron(pid: number): Promise<Map<string, string> | undefined> {
  try {
    const raw = await readFile(`/proc/${pid}/environ`, 'utf8');
    const vars = new Map<string, string>();
    for (const entry of raw.split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0) vars.set(entry.slice(0, eq), entry.slice(eq + 1));
    }
    return vars;
  } catch {
    return undefined; // the process exited meanwhile, or is not ours to read
  }
}

/**
 * Every live process started by the stack at `home`, optionally only those of one service.
 * @param sessions session id → service, for the services the stack has started
 */
export async function findStackProcesses(
  home: string,
  sessions: ReadonlyMap<number, string>,
  service?: string,
): Promise<StackProcess[]> {
  const entries = await readdir('/proc');
  const found: StackProcess[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const stat = await readStat(pid);
    if (!stat || stat.state === 'Z') continue;
    const vars = await readEnviron(pid);
    const owner =
      vars?.get(STACK_HOME_VAR) === home ? (vars.get(STACK_SERVICE_VAR) ?? '') : sessions.get(stat.session);
    if (owner === undefined) continue;
    if (service !== undefined && owner !== service) continue;
    found.push({ pid, service: owner });
  }
  return found;
}

async function readStat(pid: number): Promise<{ state: string; session: number } | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields follow the parenthesised command name, which may itself contain spaces and parens.
    const [state, , , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '', session: Number(session) };
  } catch {
    return undefined; // exited meanwhile
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Proportional set size in bytes: resident memory with shared pages divided among the processes
 * sharing them, so summing a multi-process server (PostgreSQL) does not count shared buffers N times.
 * Falls back to RSS where smaps_rollup is missing.
 */
export async function memoryBytes(pid: number): Promise<number> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (pss?.[1]) return Number(pss[1]) * 1024;
  } catch {
    // fall through to RSS
  }
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return rss?.[1] ? Number(rss[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
