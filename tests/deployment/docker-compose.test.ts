import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { projectRoot } from '../../core/config/index.ts';

interface ComposeService {
  image?: string;
  restart?: string;
  command?: string[];
  build?: string;
  healthcheck?: { test?: unknown; disable?: boolean };
  environment?: Record<string, string | number>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

const composeText = readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true, maxAliasCount: -1 }) as ComposeFile;
const envExample = readFileSync(join(projectRoot, '.env.example'), 'utf8');
const dockerfile = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8');

/** `${VAR}` or `${VAR:?message}` (required, no default): never `${VAR:-default}`. */
const fromEnvironment = /^\$\{[A-Z0-9_]+(:\?[^}]*)?\}$/;

/** The top-level folders of the repository that a module imports, following relative imports. */
function foldersImportedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const folders = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    folders.add(relative(projectRoot, file).split(sep)[0]!);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), specifier!);
      if (existsSync(target) && target.endsWith('.ts')) visit(target);
    }
  };
  visit(join(projectRoot, entry));
  return folders;
}

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

  it('runs every processor, sink and the outbox relay as a container of its own, built here', async () => {
    const { processorsFrom, sinksFrom, OUTBOX_RELAY } = await import('../../cli/commands/run.ts');
    const { loadConfig } = await import('../../core/config/index.ts');
    const config = loadConfig({});
    for (const name of [
      OUTBOX_RELAY,
      ...Object.keys(processorsFrom(config)),
      ...Object.keys(sinksFrom(config)),
    ]) {
      const service = compose.services[name];
      assert.ok(service, `service ${name} is missing`);
      assert.deepEqual(service.command, ['run', name]);
      assert.equal(service.build, '.');
    }
    assert.ok(existsSync(join(projectRoot, 'Dockerfile')), 'the Dockerfile the platform services build from');
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

  it('runs the REST API from the same image, published, with its own key and a readiness health check', () => {
    const api = compose.services.api;
    assert.ok(api, 'service api is missing');
    assert.deepEqual(api.command, ['run', 'api']);
    assert.equal(api.build, '.');
    assert.equal(api.environment?.API_HOST, '0.0.0.0', 'listens beyond the container');
    assert.match(
      String(api.environment?.API_JWT_SECRET),
      /^\$\{API_JWT_SECRET(:\?[^}]*)?\}$/,
      'no default key',
    );
    assert.ok(api.ports?.includes('8080:8080'));
    assert.match(JSON.stringify(api.healthcheck?.test), /\/health\/ready/);
    assert.equal(api.depends_on?.['platform-init']?.condition, 'service_completed_successfully');
    for (const store of ['postgres', 'redis', 'elasticsearch', 'clickhouse', 'minio', 'kafka']) {
      assert.equal(api.depends_on?.[store]?.condition, 'service_healthy', `api waits for ${store}`);
    }
    // The rest of the platform's settings are the other processes' (stores, credentials, traces).
    assert.equal(api.environment?.POSTGRES_URL, compose.services['outbox-relay']?.environment?.POSTGRES_URL);
  });

  it('builds an image holding every folder the eshop command imports', () => {
    const copied = new Set([...dockerfile.matchAll(/^COPY\s+(\S+)\s/gm)].map((m) => m[1]!));
    for (const folder of foldersImportedFrom('bin/eshop.js')) {
      assert.ok(
        copied.has(folder),
        `the Dockerfile does not COPY ${folder}/, which the eshop command imports`,
      );
    }
  });
});
