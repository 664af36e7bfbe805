/**
 * The local service stack: provisions, starts, checks and stops the real servers the platform
 * needs, on loopback, without Docker. `eshop stack up|down|status|logs` is a thin shell over this.
 *
 * @example
 * const stack = new LocalStack(loadConfig());
 * const report = await stack.up();      // provisions what the cache lacks, starts, waits for health
 * console.log(renderStatusTable(report.services));
 * await stack.down();                   // stops everything; throws if a process is left behind
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedConfig } from '../core/config/index.ts';
import { ErrorCodes, PlatformError } from '../core/errors/index.ts';
import { portIsFree } from './health/probes.ts';
import { readCached, writeCached } from './provision/cache.ts';
import { withLock } from './process/lock.ts';
import { isAlive, memoryBytes } from './process/processes.ts';
import { Supervisor } from './process/supervisor.ts';
import { readLogTail } from './logs.ts';
import { createConsoleProgress, formatSeconds, type Progress } from './progress.ts';
import type { Provisioned, ServiceDefinition, ServiceName, StackContext } from './service.ts';
import { services as allServices } from './services/index.ts';

export type ServiceState = 'healthy' | 'unhealthy' | 'stopped' | 'failed';

export interface ServiceStatus {
  name: ServiceName;
  version: string;
  url: string;
  state: ServiceState;
  pid?: number;
  /** Proportional memory of all the service's processes. */
  memoryBytes: number;
  /** How the service was obtained (Maven Central, Debian package, Go module proxy). */
  route: string;
  /** Seconds from launch to healthy in this `up`, when it was started by it. */
  startSeconds?: number;
  /** Seconds spent provisioning in this `up`; 0 when the cache had it. */
  provisionSeconds?: number;
  error?: string;
}

export interface UpReport {
  services: ServiceStatus[];
  provisionSeconds: number;
  startSeconds: number;
  totalSeconds: number;
  ok: boolean;
}

export interface DownReport {
  stopped: ServiceName[];
  /** Processes that ignored SIGTERM and were killed. */
  killed: number;
  /** Processes of the stack still alive afterwards: always 0 unless down() threw. */
  left: number;
}

const HEALTH_POLL_MS = 500;

export class LocalStack {
  private readonly supervisor: Supervisor;
  private readonly ctx: StackContext;
  private readonly byName: Map<ServiceName, ServiceDefinition>;

  constructor(
    readonly config: LoadedConfig,
    readonly services: readonly ServiceDefinition[] = allServices,
    progress: Progress = createConsoleProgress(),
  ) {
    const { home, dataDir, cacheDir, host } = config.stack;
    this.supervisor = new Supervisor(home, join(home, 'run'));
    this.byName = new Map(services.map((service) => [service.name, service]));
    this.ctx = {
      config,
      host,
      progress,
      mavenRepo: join(cacheDir, 'm2'),
      dataDir: (name) => join(dataDir, name),
      cacheDir: (name) => join(cacheDir, name),
      logFile: (name) => join(home, 'logs', `${name}.log`),
      provisionLogFile: (name) => join(home, 'logs', `${name}-provision.log`),
    };
  }

  get context(): StackContext {
    return this.ctx;
  }

  /** Resolves service names, failing clearly on a typo. Empty means all. */
  select(names: readonly string[] = []): ServiceDefinition[] {
    if (names.length === 0) return [...this.services];
    return names.map((name) => {
      const service = this.byName.get(name as ServiceName);
      if (!service) {
        throw new PlatformError(
          ErrorCodes.NOT_FOUND,
          `unknown service "${name}"; the stack has: ${this.services.map((s) => s.name).join(', ')}`,
        );
      }
      return service;
    });
  }

  private async ensureDirectories(): Promise<void> {
    const { home, dataDir, cacheDir } = this.config.stack;
    for (const dir of [join(home, 'run'), join(home, 'logs'), dataDir, cacheDir, this.ctx.mavenRepo]) {
      await mkdir(dir, { recursive: true });
    }
  }

  /** Provisions one service unless the cache already holds a valid result. */
  async provision(service: ServiceDefinition): Promise<{ provisioned: Provisioned; seconds: number }> {
    await this.ensureDirectories();
    const cacheDir = this.ctx.cacheDir(service.name);
    await mkdir(cacheDir, { recursive: true });
    const cacheFile = join(cacheDir, 'provisioned.json');
    const cached = await readCached(cacheFile, service.recipe);
    if (cached && (await (service.isProvisioned?.(this.ctx, cached) ?? true))) {
      return { provisioned: cached, seconds: 0 };
    }
    const started = Date.now();
    this.ctx.progress.info(service.name, `provisioning (${service.description})`);
    let provisioned: Provisioned;
    try {
      provisioned = await service.provision(this.ctx);
    } catch (error) {
      throw new PlatformError(
        ErrorCodes.STACK_PROVISION_FAILED,
        `${service.name}: provisioning failed: ${(error as Error).message}\n  (full output: ${this.ctx.provisionLogFile(service.name)})`,
        { cause: error, service: service.name },
      );
    }
    await writeCached(cacheFile, service.recipe, provisioned);
    const seconds = (Date.now() - started) / 1000;
    this.ctx.progress.info(service.name, `provisioned ${provisioned.version} in ${seconds.toFixed(1)}s`);
    return { provisioned, seconds };
  }

  /** Provisions the services (all by default) one after another: installs and builds compete for 2 cores. */
  async provisionAll(
    names: readonly string[] = [],
  ): Promise<Map<ServiceName, { provisioned: Provisioned; seconds: number }>> {
    const result = new Map<ServiceName, { provisioned: Provisioned; seconds: number }>();
    for (const service of this.withDependencies(this.select(names))) {
      result.set(service.name, await this.provision(service));
    }
    return result;
  }

  /** The selection plus everything it depends on, in start order. */
  private withDependencies(selection: readonly ServiceDefinition[]): ServiceDefinition[] {
    const wanted = new Set<ServiceName>();
    const visit = (service: ServiceDefinition) => {
      for (const dep of service.dependsOn ?? []) visit(this.select([dep])[0]!);
      wanted.add(service.name);
    };
    selection.forEach(visit);
    return this.services.filter((service) => wanted.has(service.name));
  }

  /**
   * Provisions and starts the services (all by default) and waits until each is healthy. Services
   * start as soon as their dependencies are healthy, so independent servers boot in parallel.
   * Running services are left alone, which makes `up` twice harmless.
   */
  async up(names: readonly string[] = []): Promise<UpReport> {
    await this.ensureDirectories();
    return withLock(this.lockFile, () => this.upLocked(names));
  }

  private get lockFile(): string {
    return join(this.config.stack.home, 'run', 'stack.lock');
  }

  private async upLocked(names: readonly string[]): Promise<UpReport> {
    const began = Date.now();
    const selection = this.withDependencies(this.select(names));
    const provisioned = await this.provisionAll(selection.map((s) => s.name));
    const provisionSeconds = (Date.now() - began) / 1000;

    const startedAt = Date.now();
    const starts = new Map<ServiceName, Promise<number | undefined>>();
    const startOne = (service: ServiceDefinition): Promise<number | undefined> => {
      let promise = starts.get(service.name);
      if (!promise) {
        promise = Promise.all((service.dependsOn ?? []).map((dep) => startOne(this.select([dep])[0]!))).then(
          () => this.start(service, provisioned.get(service.name)!.provisioned),
        );
        starts.set(service.name, promise);
      }
      return promise;
    };
    const outcomes = await Promise.allSettled(selection.map(startOne));
    const startSeconds = (Date.now() - startedAt) / 1000;

    const statuses = await this.status(selection.map((s) => s.name));
    outcomes.forEach((outcome, index) => {
      const status = statuses[index]!;
      status.provisionSeconds = provisioned.get(status.name)?.seconds;
      if (outcome.status === 'fulfilled') status.startSeconds = outcome.value;
      else {
        status.state = 'failed';
        status.error = (outcome.reason as Error).message;
      }
    });
    return {
      services: statuses,
      provisionSeconds,
      startSeconds,
      totalSeconds: (Date.now() - began) / 1000,
      ok: statuses.every((s) => s.state === 'healthy'),
    };
  }

  /** Starts one service and waits for its health check. Resolves to seconds to healthy, or undefined if it was already running. */
  private async start(service: ServiceDefinition, provisioned: Provisioned): Promise<number | undefined> {
    const { name } = service;
    const running = await this.supervisor.isRunning(name);
    if (running && (await service.isHealthy(this.ctx))) {
      this.ctx.progress.info(name, 'already running');
      return undefined;
    }
    if (!running) {
      for (const port of service.ports(this.ctx)) {
        if (!(await portIsFree(this.ctx.host, port))) {
          throw new PlatformError(
            ErrorCodes.STACK_START_FAILED,
            `${name}: port ${port} on ${this.ctx.host} is taken by a process the stack did not start; stop it or choose other ports (see \`eshop config\`)`,
            { service: name, port },
          );
        }
      }
      await mkdir(this.ctx.dataDir(name), { recursive: true });
      await service.prepare?.(this.ctx, provisioned);
      const spec = service.launch(this.ctx, provisioned);
      await this.supervisor.start(name, spec, this.ctx.logFile(name), provisioned.version);
    }
    const began = Date.now();
    const step = this.ctx.progress.step(name, running ? 'waiting for health' : 'starting');
    const deadline = began + this.config.stack.startTimeoutSeconds * 1000;
    for (;;) {
      if (await service.isHealthy(this.ctx)) break;
      const state = await this.supervisor.readState(name);
      if (!state || !isAlive(state.pid)) {
        step.done('exited');
        throw new PlatformError(
          ErrorCodes.STACK_START_FAILED,
          `${name} exited while starting. Last lines of ${this.ctx.logFile(name)}:\n${await readLogTail(this.ctx.logFile(name), 20)}`,
          { service: name },
        );
      }
      if (Date.now() > deadline) {
        step.done('timed out');
        throw new PlatformError(
          ErrorCodes.STACK_START_FAILED,
          `${name} did not become healthy within ${this.config.stack.startTimeoutSeconds}s (STACK_START_TIMEOUT_SECONDS). Last lines of ${this.ctx.logFile(name)}:\n${await readLogTail(this.ctx.logFile(name), 20)}`,
          { service: name },
        );
      }
      await sleep(HEALTH_POLL_MS);
    }
    await service.afterStart?.(this.ctx);
    const seconds = (Date.now() - began) / 1000;
    step.done(`healthy at ${service.url(this.ctx)}`);
    return seconds;
  }

  /**
   * Stops every service (dependents first) and then sweeps for any process still carrying the
   * stack's marker. Throws STACK_STOP_FAILED if anything survives SIGKILL.
   */
  async down(): Promise<DownReport> {
    await this.ensureDirectories();
    return withLock(this.lockFile, () => this.downLocked());
  }

  private async downLocked(): Promise<DownReport> {
    const stopped: ServiceName[] = [];
    let killed = 0;
    const order = [...this.services].reverse();
    // Dependents first: the registry keeps its schemas in Kafka and must flush before Kafka goes.
    const stops = new Map<ServiceName, Promise<void>>();
    const stopOne = (service: ServiceDefinition): Promise<void> => {
      let promise = stops.get(service.name);
      if (!promise) {
        const dependents = this.services.filter((s) => s.dependsOn?.includes(service.name));
        promise = Promise.all(dependents.map(stopOne)).then(async () => {
          const wasRunning = await this.supervisor.isRunning(service.name);
          const result = await this.supervisor.stop(service.name, this.config.stack.stopTimeoutSeconds);
          killed += result.killed;
          if (wasRunning || result.killed > 0) {
            stopped.push(service.name);
            this.ctx.progress.info(
              service.name,
              result.killed > 0 ? `stopped (${result.killed} killed)` : 'stopped',
            );
          }
        });
        stops.set(service.name, promise);
      }
      return promise;
    };
    await Promise.all(order.map(stopOne));
    // Anything else carrying the marker (a service since removed from the list, say).
    for (const straggler of await this.supervisor.processes()) {
      killed += 1;
      try {
        process.kill(straggler.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await sleep(killed > 0 ? 500 : 0);
    const left = (await this.supervisor.processes()).length;
    if (left > 0) {
      throw new PlatformError(
        ErrorCodes.STACK_STOP_FAILED,
        `${left} stack processes are still running after stack down`,
      );
    }
    return { stopped, killed, left };
  }

  /** Current state of the services (all by default), probing each one's health. */
  async status(names: readonly string[] = []): Promise<ServiceStatus[]> {
    return Promise.all(
      this.select(names).map(async (service): Promise<ServiceStatus> => {
        const cached = await readCached(
          join(this.ctx.cacheDir(service.name), 'provisioned.json'),
          service.recipe,
        );
        const state = await this.supervisor.readState(service.name);
        const alive = state !== undefined && isAlive(state.pid);
        const healthy = alive && (await service.isHealthy(this.ctx));
        const processes = alive ? await this.supervisor.processes(service.name) : [];
        const memory = (await Promise.all(processes.map((p) => memoryBytes(p.pid)))).reduce(
          (a, b) => a + b,
          0,
        );
        return {
          name: service.name,
          version: state?.version ?? cached?.version ?? 'not provisioned',
          url: service.url(this.ctx),
          state: alive ? (healthy ? 'healthy' : 'unhealthy') : 'stopped',
          pid: alive ? state.pid : undefined,
          memoryBytes: memory,
          route: cached?.route ?? '',
        };
      }),
    );
  }

  logFile(name: string): string {
    return this.ctx.logFile(this.select([name])[0]!.name);
  }
}

export { formatSeconds };
