/** Redis from Debian's redis-server package: cache, counters, trending. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tcpProbe } from '../health/probes.ts';
import { fromDebianPackages } from '../provision/debian.ts';
import type { ServiceDefinition } from '../service.ts';

export const redis: ServiceDefinition = {
  name: 'redis',
  description: "Redis from Debian's redis-server package",
  recipe: 'debian:redis-server:2',

  ...fromDebianPackages('redis', ['redis-server']),

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
