/**
 * The platform's own processes as `eshop up` runs them on one machine, in start order: the outbox
 * relay, the four stream processors, the four sinks, the REST API, and a light load through the
 * API. docker-compose.yml runs the same `eshop run <name>` commands, one container each.
 *
 * Each process but the API serves Prometheus metrics on a fixed port of its own, from 9464 up
 * (9464 is the port registered for OpenTelemetry's Prometheus exporter); the API serves its
 * metrics at `/metrics` on its own port. Fixed ports let a Prometheus configuration scrape them:
 *
 * | process | metrics |
 * | --- | --- |
 * | outbox-relay | 9464 |
 * | normalise-items, enrich-items, score-comments, enrich-activity | 9465-9468 |
 * | search-sink, clickhouse-sink, redis-sink, archive-sink | 9469-9472 |
 * | api | the API's port (8080), `/metrics` |
 */

export type PlatformProcessKind = 'relay' | 'processor' | 'sink' | 'api' | 'load';

export interface PlatformProcess {
  readonly name: string;
  readonly kind: PlatformProcessKind;
  /** The `eshop` arguments that run it. */
  readonly args: readonly string[];
  /** Environment on top of the caller's. */
  readonly env: Readonly<Record<string, string>>;
  /** TCP ports it listens on: each must be free before it starts. */
  readonly ports: readonly number[];
  /** Its Prometheus metrics. */
  readonly metricsUrl?: string;
  /** Answers 200 once the process serves: the API's readiness, the others' metrics. */
  readonly readyUrl?: string;
}

/** The first of the fixed metrics ports (OpenTelemetry's registered Prometheus exporter port). */
export const FIRST_METRICS_PORT = 9464;

export const OUTBOX_RELAY = 'outbox-relay';
export const processorNames = [
  'normalise-items',
  'enrich-items',
  'score-comments',
  'enrich-activity',
] as const;
export const sinkNames = ['search-sink', 'clickhouse-sink', 'redis-sink', 'archive-sink'] as const;
export const API = 'api';
export const LOAD = 'load';

export interface LoadSettings {
  /** Events per second; the load generator's API default (20) when absent. */
  readonly rate?: number;
  readonly items?: number;
  readonly sellers?: number;
  readonly sessions?: number;
  readonly seed?: number;
}

export interface PlatformLayout {
  /** The address the local processes listen on and are probed at (loopback). */
  readonly host: string;
  /** The API's port. */
  readonly apiPort: number;
  /** Default {@link FIRST_METRICS_PORT}. */
  readonly firstMetricsPort?: number;
  /** The load through the API; false for none. Default: the load generator's API defaults. */
  readonly load?: LoadSettings | false;
}

/** Probing 0.0.0.0 or :: means any local address: ask loopback. */
export function probeHost(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
}

/**
 * The process table, in start order (stop in reverse).
 *
 * @example
 * platformProcesses({ host: '127.0.0.1', apiPort: 8080 }).map((p) => `${p.name} ${p.metricsUrl}`);
 * // ['outbox-relay http://127.0.0.1:9464/metrics', …, 'api http://127.0.0.1:8080/metrics', 'load undefined']
 */
export function platformProcesses(layout: PlatformLayout): PlatformProcess[] {
  const host = probeHost(layout.host);
  let port = layout.firstMetricsPort ?? FIRST_METRICS_PORT;
  const consumer = (name: string, kind: PlatformProcessKind): PlatformProcess => {
    const metricsPort = port;
    port += 1;
    const metricsUrl = `http://${host}:${metricsPort}/metrics`;
    return {
      name,
      kind,
      args: ['run', name],
      env: { METRICS_PORT: String(metricsPort) },
      ports: [metricsPort],
      metricsUrl,
      readyUrl: metricsUrl,
    };
  };
  const apiUrl = `http://${host}:${layout.apiPort}`;
  const processes: PlatformProcess[] = [
    consumer(OUTBOX_RELAY, 'relay'),
    ...processorNames.map((name) => consumer(name, 'processor')),
    ...sinkNames.map((name) => consumer(name, 'sink')),
    {
      name: API,
      kind: 'api',
      args: ['run', API],
      env: { API_PORT: String(layout.apiPort) },
      ports: [layout.apiPort],
      metricsUrl: `${apiUrl}/metrics`,
      readyUrl: `${apiUrl}/health/ready`,
    },
  ];
  if (layout.load !== false) {
    const load = layout.load ?? {};
    const flags = (['rate', 'items', 'sellers', 'sessions', 'seed'] as const).flatMap((name) =>
      load[name] === undefined ? [] : [`--${name}`, String(load[name])],
    );
    processes.push({
      name: LOAD,
      kind: 'load',
      args: ['load', '--via-api', apiUrl, '--duration', '0', ...flags],
      env: {},
      ports: [],
    });
  }
  return processes;
}
