/**
 * Checks of the docker-compose deployment against the code: the process table
 * (platform/processes.ts), the configuration module (core/config), the clients each process
 * imports, the local stack's Prometheus configuration. Each check takes the parsed deployment and
 * returns its problems, one sentence each (empty when all is well), so a test can show that a
 * check finds a problem in a mutated copy.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { processorsFrom } from '../../cli/commands/run.ts';
import { loadConfig, projectRoot } from '../../core/config/index.ts';
import { API, FIRST_METRICS_PORT, platformProcesses, type PlatformProcess } from '../../platform/index.ts';
import { addressSettingsUsedBy } from './code-imports.ts';
import {
  fromEnvironment,
  hostPathOf,
  isPlatformService,
  listeningPorts,
  loadLocalPrometheus,
  parseAddresses,
  probedPorts,
  publishedPorts,
  resolvedEnvironment,
  type ComposeService,
  type Deployment,
} from './deployment-files.ts';

/** The configuration with every default: the ports and addresses the code expects. */
const defaults = loadConfig({});
const settings = new Map(defaults.settings.map((setting) => [setting.env, setting]));

/** Every process `eshop up` runs, but the load generator (a tool, not part of a deployment). */
export const deployedProcesses: PlatformProcess[] = platformProcesses({
  host: defaults.stack.host,
  apiPort: defaults.api.port,
  load: false,
});

/** Replicas other than one, and why: see the comments in docker-compose.yml. */
export const intendedReplicas: Readonly<Record<string, number>> = { api: 2, 'enrich-activity': 2 };

/** Datasource types Grafana has without a plugin (of those this deployment uses). */
const builtInDatasources = new Set(['prometheus']);

const HEALTHY = 'service_healthy';
const INIT = 'platform-init';

function serviceOf(deployment: Deployment, name: string): ComposeService | undefined {
  return deployment.compose.services[name];
}

/** The port a setting's default names (`http://127.0.0.1:9900` → 9900, `9000` → 9000). */
function defaultPortOf(setting: string): number | undefined {
  const value = settings.get(setting)?.default ?? '';
  return /^\d+$/.test(value) ? Number(value) : parseAddresses(value)[0]?.port;
}

/** Every process is a service of its own, built here, running `eshop run <name>`. */
export function missingComponents(deployment: Deployment): string[] {
  return deployedProcesses.flatMap((process) => {
    const service = serviceOf(deployment, process.name);
    if (!service) return [`${process.name} has no service`];
    const problems: string[] = [];
    if (JSON.stringify(service.command) !== JSON.stringify(process.args)) {
      problems.push(
        `${process.name} runs ${JSON.stringify(service.command)}, not ${JSON.stringify(process.args)}`,
      );
    }
    if (!isPlatformService(service)) problems.push(`${process.name} is not built from the Dockerfile here`);
    return problems;
  });
}

/** Every service named in a `depends_on` is declared. */
export function undeclaredDependencies(deployment: Deployment): string[] {
  const { services } = deployment.compose;
  return Object.entries(services).flatMap(([name, service]) =>
    Object.keys(service.depends_on ?? {})
      .filter((dependency) => !(dependency in services))
      .map((dependency) => `${name} depends on ${dependency}, which is not declared`),
  );
}

/**
 * Every process waits for the init job and for every service whose client its code imports
 * (Kafka, the schema registry, its stores), found at the address its settings give.
 */
export function missingDependencies(deployment: Deployment): string[] {
  return deployedProcesses.flatMap((process) => {
    const service = serviceOf(deployment, process.name);
    if (!service) return [];
    const dependsOn = service.depends_on ?? {};
    const problems: string[] = [];
    if (dependsOn[INIT]?.condition !== 'service_completed_successfully') {
      problems.push(`${process.name} does not wait for ${INIT} to complete`);
    }
    for (const setting of addressSettingsUsedBy(process)) {
      const value = service.environment?.[setting];
      if (value === undefined) {
        problems.push(`${process.name} uses ${setting} but leaves it at the local stack's default`);
        continue;
      }
      for (const { host } of parseAddresses(String(value))) {
        if (dependsOn[host]?.condition !== HEALTHY) {
          problems.push(`${process.name} uses ${host} (${setting}) but does not wait for it to be healthy`);
        }
      }
    }
    return problems;
  });
}

/** A platform service sets only variables the configuration module reads, and OpenTelemetry's. */
export function unknownVariables(deployment: Deployment): string[] {
  return Object.entries(deployment.compose.services)
    .filter(([, service]) => isPlatformService(service))
    .flatMap(([name, service]) =>
      Object.keys(service.environment ?? {})
        .filter((key) => !settings.has(key) && !key.startsWith('OTEL_'))
        .map((key) => `${name} sets ${key}, which the configuration module does not know`),
    );
}

/** Each platform service's environment, with .env.example's values, passes loadConfig(). */
export function invalidConfigurations(deployment: Deployment): string[] {
  return Object.entries(deployment.compose.services)
    .filter(([, service]) => isPlatformService(service))
    .flatMap(([name, service]) => {
      try {
        loadConfig(resolvedEnvironment(service));
        return [];
      } catch (error) {
        return [`${name}: ${(error as Error).message}`];
      }
    });
}

interface AddressReference {
  where: string;
  value: string;
  /** The setting whose default port the address must use. */
  setting?: string;
}

/** Every place the deployment names another service by address. */
function addressReferences(deployment: Deployment): AddressReference[] {
  const references: AddressReference[] = [];
  for (const [name, service] of Object.entries(deployment.compose.services)) {
    if (!isPlatformService(service)) continue;
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      const text = String(value);
      // An address of the local stack by default, set here to a service's (not one from .env).
      const local = parseAddresses(settings.get(key)?.default ?? '')[0]?.host === defaults.stack.host;
      if (local && !fromEnvironment.test(text))
        references.push({ where: `${name}.${key}`, value: text, setting: key });
      if (key.startsWith('OTEL_') && key.endsWith('ENDPOINT'))
        references.push({ where: `${name}.${key}`, value: text });
    }
  }
  const ui = serviceOf(deployment, 'schema-registry-ui')?.environment ?? {};
  for (const [key, setting] of [
    ['KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS', 'KAFKA_BROKERS'],
    ['KAFKA_CLUSTERS_0_SCHEMAREGISTRY', 'SCHEMA_REGISTRY_URL'],
  ] as const) {
    references.push({ where: `schema-registry-ui.${key}`, value: String(ui[key] ?? ''), setting });
  }
  for (const datasource of deployment.datasources.datasources) {
    const where = `Grafana datasource ${datasource.name}`;
    if (datasource.type === 'prometheus') {
      references.push({ where, value: datasource.url ?? '', setting: 'PROMETHEUS_URL' });
    } else if (datasource.type === 'grafana-clickhouse-datasource') {
      const { host, port, protocol } = datasource.jsonData ?? {};
      const setting = protocol === 'http' ? 'CLICKHOUSE_HTTP_PORT' : 'CLICKHOUSE_NATIVE_PORT';
      references.push({ where, value: `${String(host)}:${String(port)}`, setting });
    }
  }
  return references;
}

/**
 * Every address names a declared service, at a port it listens on, which is the port the
 * configuration module gives that service by default.
 */
export function addressDisagreements(deployment: Deployment): string[] {
  const { services } = deployment.compose;
  return addressReferences(deployment).flatMap(({ where, value, setting }) => {
    const addresses = parseAddresses(value);
    if (addresses.length === 0) return [`${where} = ${JSON.stringify(value)} is no address`];
    return addresses.flatMap(({ host, port }) => {
      const service = services[host];
      if (!service) return [`${where} names ${host}, which is not declared`];
      const problems: string[] = [];
      if (port === undefined || !listeningPorts(host, service).has(port)) {
        problems.push(`${where} reaches ${host} at port ${port ?? '(none)'}, where it does not listen`);
      }
      const expected = setting === undefined ? undefined : defaultPortOf(setting);
      if (expected !== undefined && port !== expected) {
        problems.push(`${where} uses port ${port}, the configuration's default is ${expected} (${setting})`);
      }
      return problems;
    });
  });
}

/**
 * The platform's ports agree with platform/processes.ts and the configuration: each process's
 * metrics port (every container has the first one to itself), the API's port; every health check
 * probes a port its service listens on; a published port is one its service listens on, and a
 * platform process publishes none at a fixed host port (it could not be scaled).
 */
export function portDisagreements(deployment: Deployment): string[] {
  const problems: string[] = [];
  for (const process of deployedProcesses) {
    const environment = serviceOf(deployment, process.name)?.environment ?? {};
    const [name, expected] =
      process.name === API ? ['API_PORT', defaults.api.port] : ['METRICS_PORT', FIRST_METRICS_PORT];
    if (Number(environment[name]) !== expected) {
      problems.push(
        `${process.name} sets ${name}=${environment[name]}, platform/processes.ts has ${expected}`,
      );
    }
    const hostName = process.name === API ? 'API_HOST' : 'METRICS_HOST';
    if (environment[hostName] !== '0.0.0.0') {
      problems.push(`${process.name} must listen beyond its container (${hostName}=0.0.0.0)`);
    }
  }
  for (const [name, service] of Object.entries(deployment.compose.services)) {
    const listening = listeningPorts(name, service);
    for (const port of probedPorts(service)) {
      if (!listening.has(port))
        problems.push(`${name}'s health check probes port ${port}, where it does not listen`);
    }
    for (const { host, container } of publishedPorts(service)) {
      if (!listening.has(container))
        problems.push(`${name} publishes port ${container}, where it does not listen`);
      if (isPlatformService(service) && host !== undefined) {
        problems.push(`${name} publishes fixed host port ${host}: a second replica could not start`);
      }
    }
  }
  return problems;
}

/** The job and component label of each platform process in the local stack's Prometheus. */
function localJobs(): Map<string, string> {
  return new Map(
    loadLocalPrometheus().scrape_configs.flatMap((job) =>
      (job.static_configs ?? []).flatMap((group) =>
        group.labels?.component ? [[group.labels.component, job.job_name] as const] : [],
      ),
    ),
  );
}

const componentFromServiceName = (deployment: Deployment, jobName: string): boolean =>
  (deployment.prometheus.scrape_configs.find((job) => job.job_name === jobName)?.relabel_configs ?? []).some(
    (rule) =>
      JSON.stringify(rule.source_labels) === '["__meta_dns_name"]' &&
      rule.target_label === 'component' &&
      (rule.action ?? 'replace') === 'replace' &&
      (rule.regex ?? '(.*)') === '(.*)' &&
      (rule.replacement ?? '$1') === '$1',
  );

/**
 * Prometheus finds every replica of every process by DNS, scrapes it at its metrics port and path,
 * under the local configuration's job and `component` label (the alert rules and dashboards select
 * on them); each name it looks up, and each static target, is a service of the deployment.
 */
export function scrapeProblems(deployment: Deployment): string[] {
  const problems: string[] = [];
  const jobs = localJobs();
  const { scrape_configs: scrapeConfigs } = deployment.prometheus;
  for (const process of deployedProcesses) {
    const found = scrapeConfigs.flatMap((job) =>
      (job.dns_sd_configs ?? []).filter((sd) => sd.names.includes(process.name)).map((sd) => ({ job, sd })),
    );
    if (found.length !== 1) {
      problems.push(`${process.name} is looked up by ${found.length} DNS service discoveries, not 1`);
      continue;
    }
    const { job, sd } = found[0]!;
    if (job.job_name !== jobs.get(process.name)) {
      problems.push(`${process.name} is in job ${job.job_name}; local.yml has ${jobs.get(process.name)}`);
    }
    const metricsUrl = new URL(process.metricsUrl!);
    const service = serviceOf(deployment, process.name);
    const port = service && listeningPorts(process.name, service);
    if ((sd.type ?? 'SRV') !== 'A' || sd.port === undefined || !port?.has(sd.port)) {
      problems.push(`${process.name} is scraped at port ${sd.port} (type ${sd.type}), not its metrics port`);
    }
    if ((job.metrics_path ?? '/metrics') !== metricsUrl.pathname) {
      problems.push(`${process.name} is scraped at ${job.metrics_path}, it serves ${metricsUrl.pathname}`);
    }
    if (!componentFromServiceName(deployment, job.job_name)) {
      problems.push(`job ${job.job_name} does not label its targets with component = the DNS name`);
    }
  }
  const { services } = deployment.compose;
  for (const job of scrapeConfigs) {
    for (const name of (job.dns_sd_configs ?? []).flatMap((sd) => sd.names)) {
      if (!(name in services)) problems.push(`job ${job.job_name} looks up ${name}, which is not declared`);
    }
    for (const target of (job.static_configs ?? []).flatMap((group) => group.targets)) {
      const [address] = parseAddresses(target);
      // Prometheus scrapes itself at localhost.
      const host = address?.host === 'localhost' ? 'prometheus' : address?.host;
      const service = host === undefined ? undefined : services[host];
      if (!address?.port || !service || !listeningPorts(host!, service).has(address.port)) {
        problems.push(`job ${job.job_name} scrapes ${target}, where no service listens`);
      }
    }
  }
  return problems;
}

/** Prometheus is given the repository's configuration and evaluates every rule file the local stack's does. */
export function ruleProblems(deployment: Deployment): string[] {
  const prometheus = serviceOf(deployment, 'prometheus');
  if (!prometheus) return ['prometheus has no service'];
  const problems: string[] = [];
  const configFile = prometheus.command?.find((flag) => flag.startsWith('--config.file='))?.split('=')[1];
  if (!configFile || hostPathOf(prometheus, configFile) !== 'dashboards/prometheus/prometheus.yml') {
    problems.push(
      `prometheus does not read dashboards/prometheus/prometheus.yml (--config.file=${configFile})`,
    );
  }
  const loaded = new Set(
    (deployment.prometheus.rule_files ?? []).map((file) => {
      const source = hostPathOf(prometheus, file);
      if (!source || !existsSync(join(projectRoot, source)))
        problems.push(`rule file ${file} is not mounted`);
      return source;
    }),
  );
  for (const file of loadLocalPrometheus().rule_files ?? []) {
    const source = file.slice(projectRoot.length + 1);
    if (!loaded.has(source)) problems.push(`prometheus.yml does not load ${source}`);
  }
  return problems;
}

/**
 * Grafana reads the provisioning folder, finds the dashboards where the provisioning says, has the
 * plugins of its datasources and the variables they reference.
 */
export function grafanaProblems(deployment: Deployment): string[] {
  const grafana = serviceOf(deployment, 'grafana');
  if (!grafana) return ['grafana has no service'];
  const problems: string[] = [];
  if (hostPathOf(grafana, '/etc/grafana/provisioning') !== 'dashboards/grafana/provisioning') {
    problems.push('grafana does not mount dashboards/grafana/provisioning at /etc/grafana/provisioning');
  }
  for (const provider of deployment.dashboardProviders.providers) {
    const source = hostPathOf(grafana, provider.options.path);
    const dashboards =
      source && existsSync(join(projectRoot, source)) ? readdirSync(join(projectRoot, source)) : [];
    if (source !== 'dashboards/grafana/dashboards' || !dashboards.some((file) => file.endsWith('.json'))) {
      problems.push(
        `dashboard provider ${provider.name} reads ${provider.options.path}, which holds no dashboards`,
      );
    }
  }
  const plugins = String(grafana.environment?.GF_INSTALL_PLUGINS ?? '');
  for (const { name, type } of deployment.datasources.datasources) {
    if (!builtInDatasources.has(type) && !plugins.includes(type)) {
      problems.push(`datasource ${name} needs plugin ${type}, which grafana does not install`);
    }
  }
  for (const [, variable] of JSON.stringify(deployment.datasources).matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)) {
    if (grafana.environment?.[variable!] === undefined) {
      problems.push(`the datasources use $${variable}, which grafana's environment does not set`);
    }
  }
  return problems;
}

/**
 * Every platform process says how many replicas it runs (one unless intended otherwise), none
 * has a container name (Compose could not start a second), and no processor runs more replicas
 * than its inputs have partitions (the rest would stand idle).
 */
export function replicaProblems(deployment: Deployment): string[] {
  const processors = processorsFrom(defaults);
  return deployedProcesses.flatMap((process) => {
    const service = serviceOf(deployment, process.name);
    if (!service) return [];
    const problems: string[] = [];
    const replicas = service.deploy?.replicas;
    const intended = intendedReplicas[process.name] ?? 1;
    if (replicas !== intended)
      problems.push(`${process.name} runs ${replicas} replicas, intended ${intended}`);
    if (service.container_name) problems.push(`${process.name} has a container_name: it cannot be scaled`);
    const inputs = processors[process.name]?.inputs ?? [];
    const partitions = Math.min(...inputs.map((topic) => topic.partitions));
    if (replicas !== undefined && replicas > partitions) {
      problems.push(`${process.name} runs ${replicas} replicas for ${partitions} input partitions`);
    }
    return problems;
  });
}

/** Every platform process exports its traces over OTLP (the address itself is checked with the others). */
export function tracingProblems(deployment: Deployment): string[] {
  return deployedProcesses
    .filter(
      (process) =>
        serviceOf(deployment, process.name)?.environment?.OTEL_EXPORTER_OTLP_ENDPOINT === undefined,
    )
    .map((process) => `${process.name} does not export traces (OTEL_EXPORTER_OTLP_ENDPOINT)`);
}
