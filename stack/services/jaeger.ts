/**
 * Jaeger v2 (an OpenTelemetry Collector distribution), built from its Go module through the Go
 * module proxy: receives the platform's spans over OTLP and serves them on its UI and HTTP API.
 *
 * `go install github.com/jaegertracing/jaeger/cmd/jaeger@v1.76.0` is refused: Jaeger's go.mod has a
 * `replace` directive (sarama), which `go install module@version` does not allow. So the module is
 * downloaded from the proxy (`go mod download`) and built inside it with `go build`, with GOMODCACHE,
 * GOCACHE and the binary in the service's stack cache like MinIO. The first build takes minutes
 * (6.5 min on 2 cores, 2.2 GB peak).
 *
 * Runs all-in-one with in-memory storage (traces are gone after a restart), every listener on the
 * stack's host. Ports (Jaeger's defaults; not yet in the configuration module):
 * OTLP gRPC 4317, OTLP HTTP 4318 (point OTEL_EXPORTER_OTLP_ENDPOINT at http://127.0.0.1:4318),
 * UI and HTTP API 16686 (GET /api/traces/<traceId>), query gRPC 16685, health 13133 (/status),
 * its own Prometheus metrics 8888.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpOk } from '../health/probes.ts';
import { exists } from '../provision/files.ts';
import { runCommand } from '../process/run-command.ts';
import type { ServiceDefinition, StackContext } from '../service.ts';

const MODULE = 'github.com/jaegertracing/jaeger';
const VERSION = 'v1.76.0';
const PACKAGE = './cmd/jaeger';

export const jaegerPorts = {
  otlpGrpc: 4317,
  otlpHttp: 4318,
  query: 16686,
  queryGrpc: 16685,
  health: 13133,
  metrics: 8888,
} as const;

function binary(ctx: StackContext): string {
  return join(ctx.cacheDir('jaeger'), 'bin', 'jaeger');
}

function goEnv(ctx: StackContext): Record<string, string> {
  const dir = ctx.cacheDir('jaeger');
  return {
    GOMODCACHE: join(dir, 'gomodcache'),
    GOCACHE: join(dir, 'gocache'),
    // A module cache that plain `rm -rf` can delete, and a module tree `go build` may use.
    GOFLAGS: '-modcacherw',
  };
}

/** The all-in-one configuration, every listener on the stack's host. */
function configYaml(host: string): string {
  const p = jaegerPorts;
  return `# Written by stack/services/jaeger.ts before every start.
service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    metrics:
      level: basic
      readers:
        - pull:
            exporter:
              prometheus:
                host: ${host}
                port: ${p.metrics}
    logs:
      level: info
extensions:
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: ${host}:${p.query}
    grpc:
      endpoint: ${host}:${p.queryGrpc}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000
  healthcheckv2:
    use_v2: true
    http:
      endpoint: ${host}:${p.health}
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: ${host}:${p.otlpGrpc}
      http:
        endpoint: ${host}:${p.otlpHttp}
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}

function queryUrl(ctx: StackContext): string {
  return `http://${ctx.host}:${jaegerPorts.query}`;
}

export const jaeger: ServiceDefinition = {
  name: 'jaeger',
  description: 'Jaeger v2 all-in-one built from its Go module (in-memory traces)',
  recipe: `go-build:${MODULE}@${VERSION}/${PACKAGE}`,

  async provision(ctx) {
    const dir = ctx.cacheDir('jaeger');
    const env = goEnv(ctx);
    const step = ctx.progress.step('jaeger', `building ${MODULE}@${VERSION} with go build (takes minutes)`);
    const logFile = ctx.provisionLogFile('jaeger');
    const { stdout } = await runCommand('go', ['mod', 'download', '-json', `${MODULE}@${VERSION}`], {
      cwd: dir,
      env,
      logFile,
      service: 'jaeger',
    });
    const moduleDir = (JSON.parse(stdout) as { Dir: string }).Dir;
    await runCommand('go', ['build', '-o', binary(ctx), PACKAGE], {
      cwd: moduleDir,
      env,
      step,
      logFile,
      service: 'jaeger',
    });
    step.done();
    return {
      version: VERSION,
      route: `Go module proxy ${MODULE}@${VERSION} (go mod download, go build ${PACKAGE})`,
      paths: { binary: binary(ctx) },
    };
  },

  async isProvisioned(ctx) {
    return exists(binary(ctx));
  },

  async prepare(ctx) {
    await writeFile(join(ctx.dataDir('jaeger'), 'jaeger.yaml'), configYaml(ctx.host));
  },

  launch(ctx, provisioned) {
    return {
      command: provisioned.paths.binary!,
      args: ['--config', join(ctx.dataDir('jaeger'), 'jaeger.yaml')],
      cwd: ctx.dataDir('jaeger'),
    };
  },

  async isHealthy(ctx) {
    return (
      (await httpOk(`http://${ctx.host}:${jaegerPorts.health}/status`)) &&
      httpOk(`${queryUrl(ctx)}/api/services`)
    );
  },

  url(ctx) {
    return queryUrl(ctx);
  },

  ports() {
    return Object.values(jaegerPorts);
  },
};
