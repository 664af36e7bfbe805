/**
 * One request to a Confluent-compatible schema registry. Network failures become a retriable
 * SERVICE_UNAVAILABLE; HTTP statuses are returned for the caller to judge (404 means different
 * things to different calls).
 */
import { ErrorCodes, PlatformError } from '../errors/index.ts';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export async function registryRequest<T>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': CONTENT_TYPE, Accept: CONTENT_TYPE },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new PlatformError(
      ErrorCodes.SERVICE_UNAVAILABLE,
      `schema registry at ${baseUrl} is not reachable: ${(error as Error).message}`,
      { cause: error, retriable: true },
    );
  }
  const text = await response.text();
  let json = {} as T;
  try {
    json = (text ? JSON.parse(text) : {}) as T;
  } catch {
    // a proxy's HTML error page: the status says enough
  }
  return { status: response.status, json };
}
