/**
 * Starts services as detached background processes and stops them again.
 *
 * Each server runs in its own process group (detached), with stdout and stderr appended to its
 * log file, so it outlives the `stack up` command. Its state (pid, version, command) is kept in
 * `<home>/run/<service>.json`. Stopping sends SIGTERM to the group, waits, then SIGKILLs whatever
 * still carries the service's environment marker (see processes.ts).
 */
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { LaunchSpec } from '../service.ts';
import { findStackProcesses, isAlive, STACK_HOME_VAR, STACK_SERVICE_VAR } from './processes.ts';

export interface RunState {
  pid: number;
  startedAt: string;
  version: string;
  command: string;
}

export class Supervisor {
  constructor(
    private readonly home: string,
    private readonly runDir: string,
  ) {}

  private statePath(service: string): string {
    return `${this.runDir}/${service}.json`;
  }

  async readState(service: string): Promise<RunState | undefined> {
    try {
      return JSON.parse(await readFile(this.statePath(service), 'utf8')) as RunState;
    } catch {
      return undefined;
    }
  }

  /** Session id → service for every service with a state file (see findStackProcesses). */
  async sessions(): Promise<Map<number, string>> {
    const sessions = new Map<number, string>();
    const files = await readdir(this.runDir).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      const service = file.slice(0, -'.json'.length);
      const state = await this.readState(service);
      if (state) sessions.set(state.pid, service);
    }
    return sessions;
  }

  /** Live processes of one service, or of the whole stack. */
  async processes(service?: string) {
    return findStackProcesses(this.home, await this.sessions(), service);
  }

  /** True when the recorded main process of the service is alive. */
  async isRunning(service: string): Promise<boolean> {
    const state = await this.readState(service);
    return state !== undefined && isAlive(state.pid);
  }

  async start(service: string, spec: LaunchSpec, logFile: string, version: string): Promise<RunState> {
    const [command, args] = spec.user
      ? // setpriv changes user without a login shell and keeps the environment (and so our marker).
        [
          'setpriv',
          ['--reuid', spec.user, '--regid', spec.user, '--init-groups', '--', spec.command, ...spec.args],
        ]
      : [spec.command, spec.args];
    const out = openSync(logFile, 'a');
    try {
      const child = spawn(command, args as string[], {
        cwd: spec.cwd,
        env: { ...process.env, ...spec.env, [STACK_HOME_VAR]: this.home, [STACK_SERVICE_VAR]: service },
        detached: true,
        stdio: ['ignore', out, out],
      });
      const pid = await new Promise<number>((resolvePid, reject) => {
        child.once('error', (error) =>
          reject(
            new PlatformError(
              ErrorCodes.STACK_START_FAILED,
              `${service}: could not start ${command}: ${error.message}`,
              {
                cause: error,
                service,
              },
            ),
          ),
        );
        child.once('spawn', () => resolvePid(child.pid!));
      });
      child.unref();
      const state: RunState = {
        pid,
        startedAt: new Date().toISOString(),
        version,
        command: [command, ...(args as string[])].join(' '),
      };
      await writeFile(this.statePath(service), `${JSON.stringify(state, null, 2)}\n`);
      return state;
    } finally {
      closeSync(out);
    }
  }

  /**
   * Stops the service and everything it started. Resolves once no process of the service is left;
   * rejects with STACK_STOP_FAILED if even SIGKILL did not clear them.
   */
  async stop(service: string, timeoutSeconds: number): Promise<{ stopped: number; killed: number }> {
    const state = await this.readState(service);
    let stopped = 0;
    if (state && isAlive(state.pid)) {
      signalGroup(state.pid, 'SIGTERM');
      stopped = 1;
    }
    const deadline = Date.now() + timeoutSeconds * 1000;
    while (Date.now() < deadline && (await this.processes(service)).length > 0) {
      await sleep(200);
    }
    let killed = 0;
    for (const straggler of await this.processes(service)) {
      killed += 1;
      signalGroup(straggler.pid, 'SIGKILL');
      try {
        process.kill(straggler.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (let i = 0; i < 25 && (await this.processes(service)).length > 0; i += 1) await sleep(200);
    const left = await this.processes(service);
    if (left.length > 0) {
      throw new PlatformError(
        ErrorCodes.STACK_STOP_FAILED,
        `${service}: processes ${left.map((p) => p.pid).join(', ')} are still running after SIGKILL`,
        { service, pids: left.map((p) => p.pid) },
      );
    }
    await rm(this.statePath(service), { force: true });
    return { stopped, killed };
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}
