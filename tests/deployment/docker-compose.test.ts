/**
 * The docker-compose deployment (docker-compose.yml, Dockerfile, .env.example, the Prometheus and
 * Grafana files it mounts) checked against the code, since no Docker engine runs here: every
 * process present, every dependency declared and waited for, every variable and port one the
 * configuration module and platform/processes.ts know. Each check runs once on the real files
 * and once on a copy with a fault put in, to show it would catch that fault.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { projectRoot } from '../../core/config/index.ts';
import { importGraph } from './code-imports.ts';
import {
  addressDisagreements,
  deployedProcesses,
  grafanaProblems,
  intendedReplicas,
  invalidConfigurations,
  missingComponents,
  missingDependencies,
  portDisagreements,
  replicaProblems,
  ruleProblems,
  scrapeProblems,
  tracingProblems,
  undeclaredDependencies,
  unknownVariables,
} from './compose-checks.ts';
import {
  composeText,
  dockerfile,
  envExample,
  fromEnvironment,
  hostPathOf,
  loadDeployment,
  type ComposeService,
  type Deployment,
} from './deployment-files.ts';

const deployment = loadDeployment();
const { compose } = deployment;

/** A copy of the deployment with one fault put in. */
function withFault(fault: Fault): Deployment {
  const copy = structuredClone(deployment);
  fault(copy);
  return copy;
}

type Fault = (copy: Deployment) => void;

/** Asserts the check passes on the real files, and names the fault in the faulty copy. */
function assertCatches(check: (deployment: Deployment) => string[], fault: Fault, expected: RegExp): void {
  assert.deepEqual(check(deployment), []);
  const problems = check(withFault(fault));
  assert.ok(
    problems.some((problem) => expected.test(problem)),
    `expected a problem matching ${expected}, got ${JSON.stringify(problems)}`,
  );
}

// Faults change one service. The parsed YAML shares the objects of its aliases between services
// (`<<: *platform`): a fault replaces a service's map, never edits it in place.
function service(copy: Deployment, name: string): ComposeService {
  const found = copy.compose.services[name];
  assert.ok(found, `service ${name} is missing`);
  return found;
}

const changing =
  (name: string, change: (service: ComposeService) => void): Fault =>
  (copy) =>
    change(service(copy, name));

const setting = (name: string, variable: string, value: string | number): Fault =>
  changing(name, (found) => (found.environment = { ...found.environment, [variable]: value }));

const unsetting = (name: string, variable: string): Fault =>
  changing(name, (found) => {
    const { [variable]: _, ...rest } = found.environment ?? {};
    found.environment = rest;
  });

const PROMTOOL = '/usr/bin/promtool';

describe('docker-compose.yml', () => {
  it('names every backing service of the platform', () => {
    for (const name of [
      'kafka',
      'schema-registry',
      'schema-registry-ui',
      'elasticsearch',
      'clickhouse',
      'redis',
      'postgres',
      'minio',
      'prometheus',
      'grafana',
      'jaeger',
    ]) {
      assert.ok(compose.services[name], `service ${name} is missing`);
    }
  });

  it('runs every process of platform/processes.ts but the load as a service of its own, built here', () => {
    assert.equal(deployedProcesses.length, 10);
    assertCatches(
      missingComponents,
      (copy) => delete copy.compose.services['search-sink'],
      /^search-sink has no service$/,
    );
    assertCatches(
      missingComponents,
      changing('score-comments', (found) => (found.command = ['run', 'scores'])),
      /^score-comments runs \["run","scores"\], not \["run","score-comments"\]$/,
    );
  });

  it('declares every service a service depends on', () => {
    assertCatches(
      undeclaredDependencies,
      changing('outbox-relay', (found) => {
        found.depends_on = { ...found.depends_on, zookeeper: { condition: 'service_healthy' } };
      }),
      /^outbox-relay depends on zookeeper, which is not declared$/,
    );
  });

  it('makes every process wait for the init job and each service its code has a client of', () => {
    assertCatches(
      missingDependencies,
      changing('search-sink', (found) => {
        const { elasticsearch: _, ...rest } = found.depends_on ?? {};
        found.depends_on = rest;
      }),
      /^search-sink uses elasticsearch \(SEARCH_URL\) but does not wait for it to be healthy$/,
    );
    assertCatches(
      missingDependencies,
      unsetting('outbox-relay', 'POSTGRES_URL'),
      /^outbox-relay uses POSTGRES_URL but leaves it at the local stack's default$/,
    );
  });

  it('sets only variables the configuration module knows (and OTEL_*), with values it accepts', () => {
    assertCatches(
      unknownVariables,
      setting('api', 'API_REQUEST_TIMEOUT_MS', 5000),
      /^api sets API_REQUEST_TIMEOUT_MS, which the configuration module does not know$/,
    );
    assertCatches(
      invalidConfigurations,
      setting('redis-sink', 'REDIS_URL', 'http://redis:6379'),
      /^redis-sink: .*REDIS_URL="http:\/\/redis:6379": must be a URL starting with redis:\/\//s,
    );
  });

  it('points every address at a declared service, at the port the configuration gives it', () => {
    assertCatches(
      addressDisagreements,
      setting('archive-sink', 'S3_ENDPOINT', 'http://minio:9000'),
      /^archive-sink\.S3_ENDPOINT reaches minio at port 9000, where it does not listen$/,
    );
    assertCatches(
      addressDisagreements,
      setting('api', 'SEARCH_URL', 'http://opensearch:9200'),
      /^api\.SEARCH_URL names opensearch, which is not declared$/,
    );
  });

  it('uses the metrics and API ports of platform/processes.ts, probes and publishes only ports that listen', () => {
    assertCatches(
      portDisagreements,
      setting('outbox-relay', 'METRICS_PORT', 9470),
      /^outbox-relay sets METRICS_PORT=9470, platform\/processes.ts has 9464$/,
    );
    assertCatches(
      portDisagreements,
      changing('api', (found) => (found.ports = ['8080:8080'])),
      /^api publishes fixed host port 8080: a second replica could not start$/,
    );
  });

  it('runs the replicas intended, and none that cannot be scaled', () => {
    assert.ok(Object.values(intendedReplicas).some((replicas) => replicas > 1));
    assertCatches(
      replicaProblems,
      changing('enrich-activity', (found) => (found.deploy = { replicas: 4 })),
      /^enrich-activity runs 4 replicas for 3 input partitions$/,
    );
    assertCatches(
      replicaProblems,
      changing('redis-sink', (found) => (found.container_name = 'redis-sink')),
      /^redis-sink has a container_name: it cannot be scaled$/,
    );
  });

  it('exports every process’s traces to Jaeger over OTLP, on a port Jaeger opens to the network', () => {
    assertCatches(
      tracingProblems,
      unsetting('clickhouse-sink', 'OTEL_EXPORTER_OTLP_ENDPOINT'),
      /^clickhouse-sink does not export traces/,
    );
    assertCatches(
      addressDisagreements,
      setting('jaeger', 'COLLECTOR_OTLP_HTTP_HOST_PORT', '127.0.0.1:4318'),
      /^api\.OTEL_EXPORTER_OTLP_ENDPOINT reaches jaeger at port 4318, where it does not listen$/,
    );
  });

  it('points the schema registry UI at the registry and the broker the platform uses', () => {
    assertCatches(
      addressDisagreements,
      setting('schema-registry-ui', 'KAFKA_CLUSTERS_0_SCHEMAREGISTRY', 'http://registry:8081'),
      /^schema-registry-ui\.KAFKA_CLUSTERS_0_SCHEMAREGISTRY names registry, which is not declared$/,
    );
  });

  it('provisions Grafana with the dashboards, its datasources at the services and their plugin', () => {
    assertCatches(
      grafanaProblems,
      changing('grafana', (found) => {
        found.volumes = (found.volumes ?? []).filter((volume) => !volume.includes('grafana/dashboards'));
      }),
      /^dashboard provider eshop reads \/etc\/grafana\/dashboards, which holds no dashboards$/,
    );
    assertCatches(
      addressDisagreements,
      (copy) => {
        const [clickhouse] = copy.datasources.datasources.filter(
          (d) => d.type === 'grafana-clickhouse-datasource',
        );
        clickhouse!.jsonData = { ...clickhouse!.jsonData, port: 8123 };
      },
      /^Grafana datasource ClickHouse uses port 8123, the configuration's default is 9000/,
    );
  });

  it('pins every image to an explicit version', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      assert.ok(service.image, `${name} has no image`);
      const tag = service.image.slice(service.image.lastIndexOf(':') + 1);
      assert.ok(
        service.image.includes(':') && tag !== 'latest' && /\d/.test(tag),
        `${name}: ${service.image} is not pinned`,
      );
    }
  });

  it('gives every long-running service a health check', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.restart === 'no') continue; // a one-shot job: it succeeds or fails
      assert.ok(service.healthcheck?.test, `${name} has no healthcheck`);
    }
  });

  it('keeps data in named volumes that are declared', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.')) {
          assert.ok(existsSync(join(projectRoot, source)), `${name} mounts missing ${source}`);
        } else {
          assert.ok(source in compose.volumes, `${name} uses undeclared volume ${source}`);
        }
      }
    }
  });

  it('holds no secrets: credentials are ${VARIABLES} documented in .env.example', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|KEY$/.test(key) && !/^KAFKA_/.test(key)) {
          assert.match(String(value), fromEnvironment, `${name}.${key} must come from the environment`);
        }
      }
    }
    const referenced = new Set(
      [...composeText.matchAll(/\$\{([A-Z0-9_]+)(?::\?[^}]*)?\}/g)].map((m) => m[1]!),
    );
    for (const variable of referenced) {
      assert.match(envExample, new RegExp(`^${variable}=`, 'm'), `${variable} is not in .env.example`);
    }
  });

  it('runs the REST API with its own key, its public URL and a readiness health check', () => {
    const api = compose.services.api;
    assert.ok(api, 'service api is missing');
    for (const variable of ['API_JWT_SECRET', 'API_PUBLIC_URL']) {
      assert.match(
        String(api.environment?.[variable]),
        new RegExp(`^\\$\\{${variable}:\\?[^}]+\\}$`),
        `${variable}: required from .env, no default`,
      );
    }
    assert.match(JSON.stringify(api.healthcheck?.test), /\/health\/ready/);
    // The rest of the platform's settings are the other processes' (stores, credentials, traces).
    assert.equal(api.environment?.POSTGRES_URL, compose.services['outbox-relay']?.environment?.POSTGRES_URL);
  });

  it('builds an image holding every folder the eshop command imports', () => {
    const copied = new Set([...dockerfile.matchAll(/^COPY\s+(\S+)\s/gm)].map((m) => m[1]!));
    const folders = new Set([...importGraph(['bin/eshop.js']).files].map((file) => file.split('/')[0]!));
    assert.ok(folders.has('streams') && folders.has('api'), 'the imports are followed');
    for (const folder of folders) {
      assert.ok(
        copied.has(folder),
        `the Dockerfile does not COPY ${folder}/, which the eshop command imports`,
      );
    }
  });
});

describe('the Prometheus of docker-compose.yml', () => {
  it('scrapes every replica of every platform process, with the local jobs and component labels', () => {
    assertCatches(
      scrapeProblems,
      (copy) => {
        const [sinks] = copy.prometheus.scrape_configs.filter((job) => job.job_name === 'eshop-sinks');
        sinks!.dns_sd_configs = [
          { names: ['search-sink', 'clickhouse-sink', 'redis-sink'], type: 'A', port: 9464 },
        ];
      },
      /^archive-sink is looked up by 0 DNS service discoveries, not 1$/,
    );
    assertCatches(
      scrapeProblems,
      (copy) => {
        const [api] = copy.prometheus.scrape_configs.filter((job) => job.job_name === 'eshop-api');
        api!.dns_sd_configs = [{ names: ['api'], type: 'A', port: 9464 }];
      },
      /^api is scraped at port 9464 \(type A\), not its metrics port$/,
    );
    assertCatches(
      scrapeProblems,
      (copy) => {
        const [processors] = copy.prometheus.scrape_configs.filter(
          (job) => job.job_name === 'eshop-processors',
        );
        processors!.relabel_configs = [];
      },
      /^job eshop-processors does not label its targets with component = the DNS name$/,
    );
  });

  it('reads the repository’s configuration and evaluates the alert rules', () => {
    assertCatches(
      ruleProblems,
      (copy) => (copy.prometheus.rule_files = []),
      /^prometheus\.yml does not load dashboards\/prometheus\/rules\/alerts\.yml$/,
    );
  });

  it('is a configuration promtool accepts, with its rule files', async () => {
    assert.ok(existsSync(PROMTOOL), `${PROMTOOL} comes with the stack's prometheus package`);
    const prometheus = compose.services.prometheus!;
    // promtool resolves the container's paths: lay the mounted files out under a scratch root.
    const root = mkdtempSync(join(tmpdir(), 'eshop-compose-prometheus-'));
    try {
      const inRoot = (path: string) => join(root, path);
      const rules = (deployment.prometheus.rule_files ?? []).map(inRoot);
      for (const [file, container] of rules.map(
        (file, i) => [file, deployment.prometheus.rule_files![i]!] as const,
      )) {
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(file, readFileSync(join(projectRoot, hostPathOf(prometheus, container)!)));
      }
      const config = inRoot('prometheus.yml');
      writeFileSync(config, stringify({ ...deployment.prometheus, rule_files: rules }));
      const { stdout, stderr } = await promisify(execFile)(PROMTOOL, ['check', 'config', config]);
      assert.match(stdout + stderr, /SUCCESS: .*is valid prometheus config file syntax/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
