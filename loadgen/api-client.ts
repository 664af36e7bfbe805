/**
 * The HTTP side of a load run through the REST API: one JSON call, answered with its status and
 * body. A call never throws: a refused connection or a timeout is status 0 with the reason, so
 * the load generator counts it like any other failed call and goes on.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiCall {
  readonly method: HttpMethod;
  /** Path and query under the API's base URL, e.g. `/v1/items`. */
  readonly path: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** A bearer access token. */
  readonly token?: string;
}

export interface ApiAnswer {
  /** The HTTP status; 0 when no answer came (connection refused, timeout). */
  readonly status: number;
  /** The parsed JSON body (problem+json included); undefined when empty or not JSON. */
  readonly body: unknown;
  /** Why no answer came, for status 0. */
  readonly error?: string;
  /** The Retry-After header in seconds, when the API sent one (429, 503). */
  readonly retryAfterSeconds?: number;
}

export interface ApiClient {
  call(call: ApiCall): Promise<ApiAnswer>;
}

export interface HttpApiClientOptions {
  /** Give up on a call after this long. Default 10 s. */
  readonly timeoutMs?: number;
  /** Sent as User-Agent, so the API's logs tell load from browsers. Default `eshop-loadgen`. */
  readonly userAgent?: string;
}

/**
 * A client of the API at `baseUrl` over fetch (keep-alive connections are pooled by Node).
 *
 * @example
 * const api = httpApiClient('http://127.0.0.1:8080');
 * const { status, body } = await api.call({ method: 'POST', path: '/v1/items', token, body: item });
 */
export function httpApiClient(baseUrl: string, options: HttpApiClientOptions = {}): ApiClient {
  const base = baseUrl.replace(/\/+$/u, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const userAgent = options.userAgent ?? 'eshop-loadgen';
  return {
    async call({ method, path, body, token }) {
      const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': userAgent };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        let parsed: unknown;
        if (text !== '' && /json/u.test(response.headers.get('Content-Type') ?? '')) {
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined; // a broken body is still an answer with a status
          }
        }
        const retryAfter = Number(response.headers.get('Retry-After') ?? Number.NaN);
        return Number.isFinite(retryAfter) && retryAfter > 0
          ? { status: response.status, body: parsed, retryAfterSeconds: retryAfter }
          : { status: response.status, body: parsed };
      } catch (error) {
        return { status: 0, body: undefined, error: describeFetchError(error) };
      }
    },
  };
}

/** fetch hides the reason (ECONNREFUSED, a timeout) one or two causes deep. */
function describeFetchError(error: unknown): string {
  let current: unknown = error;
  let message = String(error);
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code) return code;
    if (current.name === 'TimeoutError') return 'timeout';
    message = current.message;
    current = current.cause;
  }
  return message;
}
