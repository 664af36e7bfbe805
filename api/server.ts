/**
 * `eshop run api`: the API as a long-lived process. Start several (on different ports, or behind a
 * load balancer) to scale it: replicas share nothing but the stores.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { PlatformConfig } from '../core/config/index.ts';
import { exitOnSignal } from '../core/lifecycle.ts';
import { createLogger, type Logger } from '../core/log/index.ts';
import { startTracing } from '../core/telemetry/tracing.ts';
import { createApp } from './app.ts';
import { closeApiDependencies, openApiDependencies, type ApiDependencies } from './dependencies.ts';
import { ApiMetrics } from './http/request-metrics.ts';

export interface RunningApi {
  /** The URL it listens at (with the real port when 0 was asked for). */
  readonly url: string;
  readonly deps: ApiDependencies;
  stop(): Promise<void>;
}

/** Opens the stores' clients and listens; resolves once the port is bound. */
export async function startApi(
  config: PlatformConfig,
  log: Logger = createLogger('api', config.log.level),
): Promise<RunningApi> {
  const deps = await openApiDependencies(config, log);
  const app = createApp(deps, { metrics: new ApiMetrics() });
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.api.port, hostname: config.api.host }, (info) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', reject);
  });
  const url = `http://${config.api.host}:${port}`;
  log.info({ url, docs: `${url}/docs` }, 'api listening');
  return {
    url,
    deps,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open until their clients hang up.
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      await closed;
      await closeApiDependencies(deps);
    },
  };
}

export async function runApi(config: PlatformConfig): Promise<void> {
  const log = createLogger('api', config.log.level);
  const stopTracing = startTracing('api');
  const api = await startApi(config, log);
  exitOnSignal(api, log, stopTracing);
}
