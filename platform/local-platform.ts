/**
 * Runs the platform's own processes (processes.ts) in the background on this machine, beside the
 * local stack, with the stack's supervisor (stack/process/supervisor.ts): each process detached in
 * its own process group, its pid file in `<STACK_HOME>/platform/run/<name>.json`, its output in
 * `<STACK_HOME>/platform/logs/<name>.log`, and an environment marker that finds everything it
 * started. `up` twice is harmless (running processes are left alone; exited ones start again);
 * `down` sends SIGTERM, waits, then SIGKILLs what is left.
 *
 * The marker names `<STACK_HOME>/platform`, not the stack home, so `stack down`'s sweep for
 * stack processes and this one never take each other's processes.
 *
 * @example
 * const platform = new LocalPlatform(loadConfig());
 * await platform.up();   // starts what is not running, waits for the API's readiness, then the load
 * await platform.down(); // load first, then the API, then the relay, processors and sinks
 */
import { jaegerPorts } from '../stack/services/jaeger.ts';
import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot, type LoadedConfig } from '../core/config/index.ts';
import { ErrorCodes, PlatformError } from '../core/errors/index.ts';
import { httpOk, portIsFree } from '../stack/health/probes.ts';
import { withLock } from '../stack/process/lock.ts';
import { isAlive, memoryBytes } from '../stack/process/processes.ts';
import { Supervisor } from '../stack/process/supervisor.ts';
import { readLogTail } from '../stack/logs.ts';
import { createConsoleProgress, type Progress } from '../stack/progress.ts';
import { API, LOAD, platformProcesses, probeHost, type PlatformProcess } from './processes.ts';

/**
 * ready: it serves (the API is ready, metrics answer); running: alive (the load, which serves nothing);
 * not ready: alive but not serving; exited: its pid file outlived it (crashed); stopped: not started.
 */
export type PlatformProcessState = 'ready' | 'running' | 'not ready' | 'exited' | 'stopped';

export interface PlatformProcessStatus {
  name: string;
  kind: PlatformProcess['kind'];
  state: PlatformProcessState;
  pid?: number;
  /** Proportional memory of the process and its children. */
  memoryBytes: number;
  metricsUrl?: string;
  logFile: string;
  /** Seconds from start (or from this `up`, when already running) to ready. */
  readySeconds?: number;
}

export interface PlatformUpReport {
  processes: PlatformProcessStatus[];
  /** Processes this `up` started. */
  started: string[];
  totalSeconds: number;
}

export interface PlatformDownReport {
  stopped: string[];
  /** Processes that ignored SIGTERM and were killed. */
  killed: number;
}

export interface LocalPlatformOptions {
  /** Default: the whole table for the configuration (processes.ts). */
  readonly processes?: readonly PlatformProcess[];
  readonly progress?: Progress;
  /** Environment every process gets on top of the caller's (tests: private namespaces). */
  readonly env?: Readonly<Record<string, string>>;
}

const POLL_MS = 500;
/** How long the load must stay up after starting to count as started (it checks the API at once). */
const LOAD_SETTLE_MS = 3_000;

/**
 * Where the processes send their spans: the stack's Jaeger, unless the caller's environment names
 * another OTLP endpoint.
 */
function tracingEnvironment(host: string): Record<string, string> {
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return {};
  return { OTEL_EXPORTER_OTLP_ENDPOINT: `http://${host}:${jaegerPorts.otlpHttp}` };
}

export class LocalPlatform {
  /** Marker and state directory of the platform's processes. */
  readonly home: string;
  readonly runDir: string;
  readonly logDir: string;
  readonly processes: readonly PlatformProcess[];
  private readonly supervisor: Supervisor;
  private readonly progress: Progress;
  private readonly env: Readonly<Record<string, string>>;

  constructor(
    readonly config: LoadedConfig,
    options: LocalPlatformOptions = {},
  ) {
    this.home = join(config.stack.home, 'platform');
    this.runDir = join(this.home, 'run');
    this.logDir = join(this.home, 'logs');
    this.supervisor = new Supervisor(this.home, this.runDir);
    this.processes =
      options.processes ?? platformProcesses({ host: config.api.host, apiPort: config.api.port });
    this.progress = options.progress ?? createConsoleProgress();
    this.env = options.env ?? {};
  }

  logFile(name: string): string {
    return join(this.logDir, `${name}.log`);
  }

  /** True when `name` is one of the platform's processes. */
  has(name: string): boolean {
    return this.processes.some((p) => p.name === name);
  }

  /**
   * Starts every process that is not running, waits until each serves (the API's readiness, the
   * others' metrics), then starts the load. Throws STACK_START_FAILED naming each process that
   * exited or did not get ready in time, with the end of its log.
   */
  async up(): Promise<PlatformUpReport> {
    await mkdir(this.runDir, { recursive: true });
    await mkdir(this.logDir, { recursive: true });
    return withLock(join(this.runDir, 'platform.lock'), () => this.upLocked());
  }

  private async upLocked(): Promise<PlatformUpReport> {
    const began = Date.now();
    const version = await packageVersion();
    const started: string[] = [];
    const services = this.processes.filter((p) => p.kind !== 'load');
    const load = this.processes.filter((p) => p.kind === 'load');

    for (const entry of services) {
      if (await this.start(entry, version)) started.push(entry.name);
    }
    const outcomes = await Promise.allSettled(
      services.map((entry) => this.waitReady(entry, started.includes(entry.name))),
    );
    const readySeconds = new Map<string, number>();
    const failures: string[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') readySeconds.set(services[i]!.name, outcome.value);
      else failures.push((outcome.reason as Error).message);
    });
    if (failures.length > 0) {
      throw new PlatformError(ErrorCodes.STACK_START_FAILED, failures.join('\n\n'), {
        processes: failures.length,
      });
    }

    // The load goes last: it checks the API at once, and its first calls register accounts.
    for (const entry of load) {
      if (!(await this.start(entry, version))) continue;
      started.push(entry.name);
      const step = this.progress.step(entry.name, 'starting');
      await sleep(LOAD_SETTLE_MS);
      if (!(await this.supervisor.isRunning(entry.name))) {
        step.done('exited');
        throw new PlatformError(
          ErrorCodes.STACK_START_FAILED,
          `${entry.name} exited at start. Last lines of ${this.logFile(entry.name)}:\n${await readLogTail(this.logFile(entry.name), 20)}`,
          { process: entry.name },
        );
      }
      step.done(`sending through the API (progress in ${this.logFile(entry.name)})`);
    }

    const statuses = await this.status();
    for (const status of statuses) status.readySeconds = readySeconds.get(status.name);
    const dead = statuses.filter((s) => s.state === 'exited' || s.state === 'stopped');
    if (dead.length > 0) {
      throw new PlatformError(
        ErrorCodes.STACK_START_FAILED,
        `${dead.map((s) => s.name).join(', ')} exited after starting; see ${dead.map((s) => s.logFile).join(', ')}`,
        { processes: dead.map((s) => s.name) },
      );
    }
    return { processes: statuses, started, totalSeconds: (Date.now() - began) / 1000 };
  }

  /** Starts the process unless it runs; true when it was started. */
  private async start(entry: PlatformProcess, version: string): Promise<boolean> {
    if (await this.supervisor.isRunning(entry.name)) {
      this.progress.info(entry.name, 'already running');
      return false;
    }
    const host = probeHost(this.config.api.host);
    for (const port of entry.ports) {
      if (!(await portIsFree(host, port))) {
        throw new PlatformError(
          ErrorCodes.STACK_START_FAILED,
          `${entry.name}: port ${port} on ${host} is taken by a process the platform did not start; stop it, or stop a platform started from another STACK_HOME`,
          { process: entry.name, port },
        );
      }
    }
    await this.supervisor.start(
      entry.name,
      {
        // The same entry point as `npx eshop`: tsx runs the TypeScript in-process.
        command: process.execPath,
        args: [join(projectRoot, 'bin', 'eshop.js'), ...entry.args],
        cwd: projectRoot,
        env: { ...tracingEnvironment(this.config.stack.host), ...this.env, ...entry.env },
      },
      this.logFile(entry.name),
      version,
    );
    return true;
  }

  /**
   * Resolves to seconds until the process served; rejects when it exits or times out.
   * @param starting false for a process that was running already (quiet when it serves)
   */
  private async waitReady(entry: PlatformProcess, starting: boolean): Promise<number> {
    const began = Date.now();
    if (!starting && (entry.readyUrl === undefined || (await httpOk(entry.readyUrl)))) return 0;
    const step = this.progress.step(entry.name, starting ? 'starting' : 'waiting until it serves');
    const deadline = began + this.config.stack.startTimeoutSeconds * 1000;
    for (;;) {
      if (entry.readyUrl === undefined || (await httpOk(entry.readyUrl))) break;
      const failure = !(await this.supervisor.isRunning(entry.name))
        ? 'exited while starting'
        : Date.now() > deadline
          ? `did not get ready within ${this.config.stack.startTimeoutSeconds}s (STACK_START_TIMEOUT_SECONDS) at ${entry.readyUrl}`
          : undefined;
      if (failure) {
        step.done(failure);
        throw new PlatformError(
          ErrorCodes.STACK_START_FAILED,
          `${entry.name} ${failure}. Last lines of ${this.logFile(entry.name)}:\n${await readLogTail(this.logFile(entry.name), 20)}`,
          { process: entry.name },
        );
      }
      await sleep(POLL_MS);
    }
    const seconds = (Date.now() - began) / 1000;
    step.done(entry.kind === 'api' ? `ready at ${entry.readyUrl}` : `metrics at ${entry.metricsUrl}`);
    return seconds;
  }

  /**
   * Stops the load, then the API, then the relay, processors and sinks (side by side): SIGTERM,
   * up to STACK_STOP_TIMEOUT_SECONDS for a clean exit, then SIGKILL. Throws STACK_STOP_FAILED
   * when a process survives SIGKILL.
   */
  async down(): Promise<PlatformDownReport> {
    await mkdir(this.runDir, { recursive: true });
    return withLock(join(this.runDir, 'platform.lock'), () => this.downLocked());
  }

  private async downLocked(): Promise<PlatformDownReport> {
    const stopped: string[] = [];
    let killed = 0;
    const stop = async (entry: PlatformProcess): Promise<void> => {
      const wasRunning = await this.supervisor.isRunning(entry.name);
      const result = await this.supervisor.stop(entry.name, this.config.stack.stopTimeoutSeconds);
      killed += result.killed;
      if (wasRunning || result.killed > 0) {
        stopped.push(entry.name);
        this.progress.info(entry.name, result.killed > 0 ? `stopped (${result.killed} killed)` : 'stopped');
      }
    };
    // The load stops sending before the API goes, and the API stops writing before the relay goes.
    for (const kind of ['load', 'api'] as const) {
      for (const entry of this.processes.filter((p) => p.kind === kind)) await stop(entry);
    }
    await Promise.all(this.processes.filter((p) => p.kind !== 'load' && p.kind !== 'api').map(stop));
    // Anything else carrying the platform's marker (a process since removed from the table).
    for (const straggler of await this.supervisor.processes()) {
      killed += 1;
      try {
        process.kill(straggler.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    if (killed > 0) await sleep(500);
    const left = await this.supervisor.processes();
    if (left.length > 0) {
      throw new PlatformError(
        ErrorCodes.STACK_STOP_FAILED,
        `platform processes ${left.map((p) => `${p.service} (${p.pid})`).join(', ')} are still running after SIGKILL`,
        { pids: left.map((p) => p.pid) },
      );
    }
    return { stopped, killed };
  }

  /** Each process: state (probing whether it serves), pid, memory, where its metrics and log are. */
  async status(): Promise<PlatformProcessStatus[]> {
    return Promise.all(
      this.processes.map(async (entry): Promise<PlatformProcessStatus> => {
        const state = await this.supervisor.readState(entry.name);
        const alive = state !== undefined && isAlive(state.pid);
        const base = {
          name: entry.name,
          kind: entry.kind,
          metricsUrl: entry.metricsUrl,
          logFile: this.logFile(entry.name),
        };
        if (!alive) return { ...base, state: state ? 'exited' : 'stopped', memoryBytes: 0 };
        const members = await this.supervisor.processes(entry.name);
        const memory = (await Promise.all(members.map((p) => memoryBytes(p.pid)))).reduce((a, b) => a + b, 0);
        const serving = entry.readyUrl === undefined ? undefined : await httpOk(entry.readyUrl);
        return {
          ...base,
          state: serving === undefined ? 'running' : serving ? 'ready' : 'not ready',
          pid: state.pid,
          memoryBytes: memory,
        };
      }),
    );
  }

  /** The API's entry, when the table has one. */
  get api(): PlatformProcess | undefined {
    return this.processes.find((p) => p.name === API);
  }

  /** The load's entry, when the table has one. */
  get load(): PlatformProcess | undefined {
    return this.processes.find((p) => p.name === LOAD);
  }
}

let version: Promise<string> | undefined;

function packageVersion(): Promise<string> {
  version ??= readFile(join(projectRoot, 'package.json'), 'utf8').then(
    (text) => `eshop ${(JSON.parse(text) as { version: string }).version}`,
  );
  return version;
}
