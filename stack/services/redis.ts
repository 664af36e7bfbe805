/** Redis from Debian's redis-server package: cache, counters, trending. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tcpProbe } from '../health/probes.ts';
import { ensureDebianPackages, installedVersion } from '../provision/debian.ts';
import type { ServiceDefinition } from '../service.ts';

const PACKAGE = 'redis-server';

export const redis: ServiceDefinition = {
  name: 'redis',
  description: "Redis from Debian's redis-server package",
  recipe: 'debian:redis-server:1',

  async provision(ctx) {
    await ensureDebianPackages(ctx, 'redis', [PACKAGE], ctx.provisionLogFile('redis'));
    const version = (await installedVersion(PACKAGE)) ?? 'unknown';
    return {
      version: debianUpstreamVersion(version),
      route: `Debian package ${PACKAGE} ${version}`,
      paths: {},
    };
  },

  async isProvisioned() {
    return (await installedVersion(PACKAGE)) !== undefined;
  },

  async prepare(ctx) {
    const dir = ctx.dataDir('redis');
    // Append-only persistence so counters survive a restart of the stack, like a production Redis.
    const conf = [
      `bind ${ctx.host}`,
      `port ${ctx.config.stack.ports.redis}`,
      'protected-mode yes',
      'daemonize no',
      `dir ${dir}`,
      'appendonly yes',
      'appendfsync everysec',
      'save ""',
      'logfile ""',
    ].join('\n');
    await writeFile(join(dir, 'redis.conf'), `${conf}\n`);
  },

  launch(ctx) {
    return { command: '/usr/bin/redis-server', args: [join(ctx.dataDir('redis'), 'redis.conf')] };
  },

  isHealthy(ctx) {
    return tcpProbe(ctx.host, ctx.config.stack.ports.redis, 'PING\r\n', (reply) =>
      reply.toString().startsWith('+PONG'),
    );
  },

  ports(ctx) {
    return [ctx.config.stack.ports.redis];
  },

  url(ctx) {
    return `redis://${ctx.host}:${ctx.config.stack.ports.redis}`;
  },
};

/** "5:7.0.15-1~deb12u10" → "7.0.15": the upstream version, as the server reports it. */
export function debianUpstreamVersion(debianVersion: string): string {
  return debianVersion.replace(/^\d+:/, '').replace(/[-+~].*$/, '');
}
