/**
 * What the stack needs to know about one service. Each file in services/ exports one of these;
 * the orchestrator (stack.ts) does the rest: provisioning with a cache, start in dependency order,
 * health checks, pid files, stop, status.
 */
import type { LoadedConfig } from '../core/config/index.ts';
import type { Progress } from './progress.ts';

export type ServiceName =
  | 'kafka'
  | 'schema-registry'
  | 'opensearch'
  | 'clickhouse'
  | 'redis'
  | 'postgres'
  | 'minio'
  | 'prometheus'
  | 'jaeger';

/** What provisioning produced; cached as JSON, so plain data only. */
export interface Provisioned {
  /** The version of the server that will run, as the server reports it. */
  version: string;
  /** How it was obtained, e.g. "Maven Central org.apache.kafka:kafka_2.13:4.1.1". */
  route: string;
  /** Paths the launch step needs (jar directories, binaries). */
  paths: Record<string, string>;
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Run as this OS user instead of the caller (PostgreSQL refuses to run as root). */
  user?: string;
}

export interface StackContext {
  readonly config: LoadedConfig;
  readonly host: string;
  readonly progress: Progress;
  /** The service's own data directory (created before prepare()). */
  dataDir(service: ServiceName): string;
  /** The service's own cache directory (created before provision()). */
  cacheDir(service: ServiceName): string;
  /** A cache shared by the JVM services: the local Maven repository. */
  readonly mavenRepo: string;
  /** The running server's stdout and stderr. */
  logFile(service: ServiceName): string;
  /** Output of provisioning commands (downloads, builds, installs). */
  provisionLogFile(service: ServiceName): string;
}

export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly description: string;
  /** Services that must be healthy before this one starts. */
  readonly dependsOn?: readonly ServiceName[];
  /**
   * Bump when the provisioning recipe changes, so cached results from an older recipe are redone.
   * Part of the cache key together with the service name.
   */
  readonly recipe: string;
  /** Downloads, builds or installs the service. Only called when the cache has no valid entry. */
  provision(ctx: StackContext): Promise<Provisioned>;
  /**
   * Checks that a cached provisioning result is still usable (files present, package installed).
   * Defaults to "yes". When it says no, provision() runs again.
   */
  isProvisioned?(ctx: StackContext, provisioned: Provisioned): Promise<boolean>;
  /** Writes config files and initialises the data directory. Runs before every start; idempotent. */
  prepare?(ctx: StackContext, provisioned: Provisioned): Promise<void>;
  /** The foreground server process. */
  launch(ctx: StackContext, provisioned: Provisioned): LaunchSpec;
  /** One health probe. Must resolve (never reject) to true once the service serves requests. */
  isHealthy(ctx: StackContext): Promise<boolean>;
  /** Idempotent set-up once healthy (databases, users, buckets). */
  afterStart?(ctx: StackContext): Promise<void>;
  /** Where a user reaches the service. */
  url(ctx: StackContext): string;
  /** Every TCP port the service listens on; each must be free before it starts. */
  ports(ctx: StackContext): number[];
}
