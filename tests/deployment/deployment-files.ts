/**
 * The docker-compose deployment's files as its tests read them: docker-compose.yml (merge keys
 * resolved, as Compose resolves them), the Prometheus configuration it mounts, Grafana's
 * provisioning, .env.example, and the helpers that read addresses and ports out of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../core/config/index.ts';
import { API } from '../../platform/index.ts';

export interface ComposeService {
  image?: string;
  build?: string;
  restart?: string;
  container_name?: string;
  command?: string[];
  entrypoint?: string[];
  deploy?: { replicas?: number };
  healthcheck?: { test?: unknown; disable?: boolean };
  environment?: Record<string, string | number>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string }>;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

export interface RelabelConfig {
  source_labels?: string[];
  target_label?: string;
  action?: string;
  regex?: string;
  replacement?: string;
}

export interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs?: { targets: string[]; labels?: Record<string, string> }[];
  dns_sd_configs?: { names: string[]; type?: string; port?: number }[];
  relabel_configs?: RelabelConfig[];
}

export interface PrometheusConfig {
  rule_files?: string[];
  scrape_configs: ScrapeConfig[];
}

export interface GrafanaDatasources {
  datasources: {
    name: string;
    type: string;
    url?: string;
    jsonData?: Record<string, unknown>;
    secureJsonData?: Record<string, unknown>;
  }[];
}

export interface GrafanaDashboardProviders {
  providers: { name: string; type: string; options: { path: string } }[];
}

/** Everything the deployment is made of; the checks take it whole, so a test can mutate a copy. */
export interface Deployment {
  compose: ComposeFile;
  prometheus: PrometheusConfig;
  datasources: GrafanaDatasources;
  dashboardProviders: GrafanaDashboardProviders;
}

export const readProjectFile = (path: string): string => readFileSync(join(projectRoot, path), 'utf8');

export function parseYaml<T>(text: string): T {
  return parse(text, { merge: true, maxAliasCount: -1 }) as T;
}

export const composeText = readProjectFile('docker-compose.yml');
export const envExample = readProjectFile('.env.example');
export const dockerfile = readProjectFile('Dockerfile');

export function loadDeployment(): Deployment {
  return {
    compose: parseYaml(composeText),
    prometheus: parseYaml(readProjectFile('dashboards/prometheus/prometheus.yml')),
    datasources: parseYaml(readProjectFile('dashboards/grafana/provisioning/datasources/datasources.yml')),
    dashboardProviders: parseYaml(
      readProjectFile('dashboards/grafana/provisioning/dashboards/dashboards.yml'),
    ),
  };
}

/** The local stack's Prometheus configuration, its placeholders filled as stack/services/prometheus.ts does. */
export function loadLocalPrometheus(): PrometheusConfig {
  return parseYaml(
    readProjectFile('dashboards/prometheus/local.yml')
      .replaceAll('{{rulesDir}}', join(projectRoot, 'dashboards/prometheus/rules'))
      .replaceAll(/\{\{\w+\}\}/g, '0'),
  );
}

/** `${VAR}` or `${VAR:?message}` (required): Compose fills them in from .env. */
export const variableReference = /\$\{([A-Z0-9_]+)(?::\?[^}]*)?\}/g;

/** A value that is only a variable reference: it comes from the environment, not from this file. */
export const fromEnvironment = /^\$\{[A-Z0-9_]+(:\?[^}]*)?\}$/;

/** The `NAME=value` lines of .env.example. */
export function envExampleValues(): Map<string, string> {
  return new Map(
    [...envExample.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!] as const),
  );
}

/** A service's environment as its process sees it, with .env.example's values filled in. */
export function resolvedEnvironment(service: ComposeService): Record<string, string> {
  const values = envExampleValues();
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [
      key,
      String(value).replace(variableReference, (_, name: string) => values.get(name) ?? ''),
    ]),
  );
}

/** A service that runs the platform's own image (the Dockerfile here). */
export const isPlatformService = (service: ComposeService): boolean => service.build === '.';

export interface Address {
  host: string;
  port: number | undefined;
}

/**
 * The hosts and ports an address setting's value names: a URL, or `host:port[,host:port]` (Kafka
 * brokers). Empty for a value that is no address.
 *
 * @example
 * parseAddresses('postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres:5432/eshop');
 * // [{ host: 'postgres', port: 5432 }]
 */
export function parseAddresses(value: string): Address[] {
  const text = value.replace(variableReference, 'x');
  if (text.includes('://')) {
    if (!URL.canParse(text)) return [];
    const url = new URL(text);
    return [{ host: url.hostname, port: url.port === '' ? undefined : Number(url.port) }];
  }
  const brokers = text.split(',').map((broker) => /^([A-Za-z0-9.-]+):(\d+)$/.exec(broker.trim()));
  return brokers.every((match) => match !== null)
    ? brokers.map((match) => ({ host: match![1]!, port: Number(match![2]) }))
    : [];
}

/**
 * Ports the backing services' images listen on where this file does not set them (each image's
 * documented default).
 */
const imagePorts: Readonly<Record<string, readonly number[]>> = {
  elasticsearch: [9200],
  clickhouse: [8123, 9000],
  redis: [6379],
  postgres: [5432],
  prometheus: [9090],
  grafana: [3000],
  'schema-registry-ui': [8080],
  jaeger: [16686, 14269],
};

/**
 * The ports a service listens on for other containers: the image's defaults, those its settings
 * choose (`…LISTENERS`, `…_HOST_PORT`, `--address`, unless bound to loopback), and for a platform
 * process its metrics port, or the API's port for the API.
 */
export function listeningPorts(name: string, service: ComposeService): Set<number> {
  const environment = service.environment ?? {};
  if (isPlatformService(service)) {
    const port = service.command?.[1] === API ? environment.API_PORT : environment.METRICS_PORT;
    return new Set(port === undefined ? [] : [Number(port)]);
  }
  const ports = new Set(imagePorts[name] ?? []);
  const add = (bindings: string) => {
    for (const binding of bindings.split(',')) {
      if (/\b(127\.0\.0\.1|localhost)\b/.test(binding)) continue;
      for (const [, port] of binding.matchAll(/:(\d+)\b/g)) ports.add(Number(port));
    }
  };
  for (const [key, value] of Object.entries(environment)) {
    if (/LISTENERS$|_HOST_PORT$/.test(key)) add(String(value));
  }
  const command = service.command ?? [];
  command.forEach((argument, index) => {
    if (/^--(console-)?address$/.test(argument)) add(command[index + 1] ?? '');
  });
  return ports;
}

/** `'8080'` (a host port Docker picks), `'8082:8080'`, `'127.0.0.1:8082:8080'`. */
export function publishedPorts(service: ComposeService): { host: number | undefined; container: number }[] {
  return (service.ports ?? []).map((mapping) => {
    const parts = String(mapping).split(':');
    const container = Number(parts.at(-1));
    return { host: parts.length > 1 ? Number(parts.at(-2)) : undefined, container };
  });
}

/** The ports a service's health check probes on its own container. */
export function probedPorts(service: ComposeService): number[] {
  const test = JSON.stringify(service.healthcheck?.test ?? '');
  return [...test.matchAll(/(?:localhost|127\.0\.0\.1):(\d+)/g)].map(([, port]) => Number(port));
}

/**
 * The repository path a container path of a service comes from through its bind mounts, or
 * undefined when no mount of a repository folder or file covers it.
 *
 * @example
 * hostPathOf(prometheus, '/etc/prometheus/rules/alerts.yml'); // 'dashboards/prometheus/rules/alerts.yml'
 */
export function hostPathOf(service: ComposeService, containerPath: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':');
    if (!source?.startsWith('.') || !target) continue;
    if (containerPath === target || containerPath.startsWith(`${target}/`)) {
      return join(source, containerPath.slice(target.length));
    }
  }
  return undefined;
}
