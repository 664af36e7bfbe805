/**
 * The search engine client and how its failures are classified for the sink runtime: anything
 * transient (no connection, a timeout, 429 back-pressure, a 5xx) is a retriable
 * SERVICE_UNAVAILABLE, so the runner retries the batch; a 4xx on a whole request is our bug or a
 * request the engine will never take, and is not retried.
 */
import { Client, errors } from '@opensearch-project/opensearch';
import type { PlatformConfig } from '../../../core/config/index.ts';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';

export interface SearchClientOptions {
  /** Milliseconds before one request fails as a timeout (retriable). Default 30000. */
  requestTimeoutMs?: number;
}

/**
 * @example
 * const client = createSearchClient(loadConfig());
 * await client.cluster.health();
 */
export function createSearchClient(
  config: Pick<PlatformConfig, 'search'>,
  options: SearchClientOptions = {},
): Client {
  return new Client({
    node: config.search.url,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    // The runtime retries whole batches with backoff; client-side retries would only hide time.
    maxRetries: 0,
  });
}

/** True for HTTP statuses worth retrying: back-pressure and server-side failures. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Turns a client failure into a PlatformError: retriable SERVICE_UNAVAILABLE unless the engine
 * answered with a 4xx other than 429. Never throws.
 */
export function searchFailure(error: unknown, doing: string, url: string): PlatformError {
  if (error instanceof PlatformError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.ResponseError && !isTransientStatus(error.statusCode)) {
    return new PlatformError(
      ErrorCodes.WRITE_REJECTED,
      `search engine refused ${doing}: HTTP ${error.statusCode} ${message}`,
      { cause: error, status: error.statusCode, service: 'search' },
    );
  }
  return new PlatformError(
    ErrorCodes.SERVICE_UNAVAILABLE,
    `search engine at ${url} failed ${doing}: ${message}`,
    { cause: error, retriable: true, service: 'search' },
  );
}
