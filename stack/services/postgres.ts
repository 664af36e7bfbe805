/**
 * PostgreSQL from Debian's packages: the API's system of record and its outbox.
 *
 * PostgreSQL refuses to run as root, so the cluster is owned by and runs as Debian's `postgres`
 * user. Superuser access is over the cluster's own Unix socket (peer-less "trust" for that socket
 * only); TCP on loopback requires the platform role's password, as in production.
 */
import { chown, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { runCommand } from '../process/run-command.ts';
import { exists } from '../provision/files.ts';
import { handOver, systemUser } from '../provision/system-user.ts';
import { debianUpstreamVersion, ensureDebianPackages, installedVersion } from '../provision/debian.ts';
import type { ServiceDefinition, StackContext } from '../service.ts';

const PACKAGE = 'postgresql';
const OS_USER = 'postgres';

async function binDir(): Promise<string> {
  // Debian installs each major version side by side; take the newest.
  const majors = (await readdir('/usr/lib/postgresql'))
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a));
  if (!majors[0]) throw new Error('no PostgreSQL server under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${majors[0]}/bin`;
}

function clusterDir(ctx: StackContext): string {
  return join(ctx.dataDir('postgres'), 'cluster');
}

function socketDir(ctx: StackContext): string {
  return join(ctx.dataDir('postgres'), 'socket');
}

/** The platform role and database named in POSTGRES_URL. */
function platformRole(ctx: StackContext): { user: string; password: string; database: string } {
  const url = new URL(ctx.config.postgres.url);
  return {
    user: decodeURIComponent(url.username || 'eshop'),
    password: decodeURIComponent(url.password || 'eshop'),
    database: url.pathname.replace(/^\//, '') || 'eshop',
  };
}

function superuserClient(ctx: StackContext, database = 'postgres'): pg.Client {
  return new pg.Client({
    host: socketDir(ctx),
    port: ctx.config.stack.ports.postgres,
    user: OS_USER,
    database,
    connectionTimeoutMillis: 2_000,
  });
}

export const postgres: ServiceDefinition = {
  name: 'postgres',
  description: "PostgreSQL from Debian's postgresql package",
  recipe: 'debian:postgresql:1',

  async provision(ctx) {
    await ensureDebianPackages(ctx, 'postgres', [PACKAGE], ctx.provisionLogFile('postgres'));
    const bin = await binDir();
    const { stdout } = await runCommand(join(bin, 'postgres'), ['--version']);
    const version =
      /(\d+\.\d+)/.exec(stdout)?.[1] ?? debianUpstreamVersion((await installedVersion(PACKAGE)) ?? '');
    return { version, route: `Debian package ${PACKAGE} (${stdout.trim()})`, paths: { bin } };
  },

  async isProvisioned(_ctx, provisioned) {
    return exists(join(provisioned.paths.bin!, 'postgres'));
  },

  async prepare(ctx, provisioned) {
    const cluster = clusterDir(ctx);
    const sockets = socketDir(ctx);
    const user = await systemUser(OS_USER);
    if (!user) throw new Error(`the ${OS_USER} user is missing: reinstall the postgresql package`);
    await mkdir(sockets, { recursive: true });
    await mkdir(cluster, { recursive: true, mode: 0o700 });
    await handOver(user, ctx.config.stack.home, [ctx.dataDir('postgres'), sockets, cluster], (message) =>
      ctx.progress.info('postgres', message),
    );
    if (await exists(join(cluster, 'PG_VERSION'))) return;
    const step = ctx.progress.step('postgres', 'initdb');
    await runCommand(
      'setpriv',
      [
        '--reuid',
        OS_USER,
        '--regid',
        OS_USER,
        '--init-groups',
        '--',
        join(provisioned.paths.bin!, 'initdb'),
        '--pgdata',
        cluster,
        '--username',
        OS_USER,
        '--encoding',
        'UTF8',
        '--locale',
        'C.UTF-8',
        '--auth-local',
        'trust',
        '--auth-host',
        'scram-sha-256',
      ],
      { step, logFile: ctx.provisionLogFile('postgres'), service: 'postgres', cwd: '/tmp' },
    );
    step.done();
    await writeFile(
      join(cluster, 'postgresql.auto.conf'),
      [
        '# Written by the eshop stack; port and addresses come from the command line.',
        // Logical decoding is available for outbox relays that prefer it to polling.
        'wal_level = logical',
        'max_connections = 100',
        'shared_buffers = 64MB',
        '',
      ].join('\n'),
    );
    await chown(join(cluster, 'postgresql.auto.conf'), user.uid, user.gid);
  },

  launch(ctx, provisioned) {
    return {
      command: join(provisioned.paths.bin!, 'postgres'),
      args: [
        '-D',
        clusterDir(ctx),
        '-p',
        String(ctx.config.stack.ports.postgres),
        '-c',
        `listen_addresses=${ctx.host}`,
        '-c',
        `unix_socket_directories=${socketDir(ctx)}`,
      ],
      cwd: '/tmp',
      user: OS_USER,
    };
  },

  async isHealthy(ctx) {
    const client = superuserClient(ctx);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  },

  /** Creates the platform role and database from POSTGRES_URL, once. */
  async afterStart(ctx) {
    const { user, password, database } = platformRole(ctx);
    const admin = superuserClient(ctx);
    await admin.connect();
    try {
      const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
      const ident = pg.escapeIdentifier(user);
      if (role.rowCount === 0)
        await admin.query(`CREATE ROLE ${ident} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
      else await admin.query(`ALTER ROLE ${ident} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
      const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (db.rowCount === 0)
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER ${ident}`);
    } finally {
      await admin.end();
    }
  },

  ports(ctx) {
    return [ctx.config.stack.ports.postgres];
  },

  url(ctx) {
    const { user, database } = platformRole(ctx);
    return `postgres://${user}@${ctx.host}:${ctx.config.stack.ports.postgres}/${database}`;
  },
};
