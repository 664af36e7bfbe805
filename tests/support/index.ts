/**
 * Helpers shared by the integration tests. Integration tests run against the real local stack
 * (`npx eshop stack up`); when a service is down they fail at once with a message naming it,
 * rather than timing out somewhere inside a client.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { loadConfig, type LoadedConfig } from '../../core/config/index.ts';

let config: LoadedConfig | undefined;

/** The platform configuration the tests use: the environment's, defaulting to the local stack. */
export function testConfig(): LoadedConfig {
  config ??= loadConfig();
  return config;
}

/** A name no other test run uses, for topics, indices, tables, buckets and keys. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

const PROBE_TIMEOUT_MS = 10_000;

/**
 * Runs `probe` (a cheap real request with the service's client) and turns any failure into an
 * error that names the service, where it was expected, and how to start it.
 *
 * @example
 * before(() => requireService('redis', config.redis.url, () => redis.ping()));
 */
export async function requireService(
  service: string,
  url: string,
  probe: () => Promise<unknown>,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000}s`)),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([probe(), timeout]);
  } catch (error) {
    throw new Error(
      `${service} is not reachable at ${url}: ${describe(error)}. Start the local stack with \`npx eshop stack up\` (or \`npx eshop stack up ${service}\`).`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message || String(code);
  }
  return String(error);
}

/** A TCP port nothing listens on right now (for a private server in a test). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
