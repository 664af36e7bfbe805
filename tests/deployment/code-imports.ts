/**
 * What the code of a platform process loads, found by following its relative imports from its
 * entry modules: the repository files it reaches and the npm packages they import. The deployment
 * tests use it to tell which folders the image needs and which services a process talks to (the
 * clients it imports), so docker-compose.yml is checked against the code rather than a hand-kept list.
 *
 * Static imports and `import('…')` with a literal are followed; `import type` is not (erased at
 * run time).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { projectRoot } from '../../core/config/index.ts';
import type { PlatformProcess } from '../../platform/index.ts';

export interface ImportGraph {
  /** Repository files reached, relative to the root (`core/log/index.ts`). */
  readonly files: ReadonlySet<string>;
  /** npm packages imported (`pg`, `@clickhouse/client`); `node:` built-ins left out. */
  readonly packages: ReadonlySet<string>;
}

const importPattern =
  /(?:^|[;\n])\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * @example
 * importGraph(['connectors/outbox/index.ts']).packages; // Set { 'avsc', 'kafkajs', 'pg', … }
 */
export function importGraph(entries: readonly string[]): ImportGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    const path = relative(projectRoot, file);
    if (files.has(path)) return;
    files.add(path);
    for (const [, typeOnly, specifier, dynamic] of readFileSync(file, 'utf8').matchAll(importPattern)) {
      if (typeOnly) continue;
      const target = (specifier ?? dynamic)!;
      if (target.startsWith('.')) {
        const resolved = resolve(dirname(file), target);
        if (resolved.endsWith('.ts') && existsSync(resolved)) visit(resolved);
      } else if (!target.startsWith('node:')) {
        packages.add(packageName(target));
      }
    }
  };
  for (const entry of entries) {
    const file = join(projectRoot, entry);
    if (!existsSync(file)) throw new Error(`entry module ${entry} does not exist`);
    visit(file);
  }
  return { files, packages };
}

/** The modules `eshop run <name>` starts a process from (cli/commands/run.ts). */
export function entryModules(process: PlatformProcess): string[] {
  switch (process.kind) {
    case 'relay':
      return ['connectors/outbox/index.ts'];
    case 'processor':
      return ['streams/runtime/run-main.ts', `streams/processors/${process.name}/index.ts`];
    case 'sink':
      return [
        'connectors/sinks/runtime/run-sink.ts',
        `connectors/sinks/${process.name.replace(/-sink$/, '')}/index.ts`,
      ];
    case 'api':
      return ['api/index.ts'];
    case 'load':
      throw new Error('the load generator is a tool, not a deployed process');
  }
}

/**
 * The client of each service the platform talks to (an npm package, or the repository module for
 * the schema registry's HTTP API), and the setting holding that service's address.
 */
export const clientSettings: Readonly<Record<string, string>> = {
  kafkajs: 'KAFKA_BROKERS',
  'core/events/registry-http.ts': 'SCHEMA_REGISTRY_URL',
  pg: 'POSTGRES_URL',
  ioredis: 'REDIS_URL',
  '@opensearch-project/opensearch': 'SEARCH_URL',
  '@clickhouse/client': 'CLICKHOUSE_URL',
  minio: 'S3_ENDPOINT',
};

/**
 * The address settings of the services a process talks to: those whose client its code imports.
 *
 * @example
 * addressSettingsUsedBy(searchSink); // ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'SEARCH_URL']
 */
export function addressSettingsUsedBy(process: PlatformProcess): string[] {
  const graph = importGraph(entryModules(process));
  return Object.entries(clientSettings)
    .filter(([client]) => graph.packages.has(client) || graph.files.has(client))
    .map(([, setting]) => setting);
}
