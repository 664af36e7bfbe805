/**
 * RFC 9457 problem details: every error the API answers with is `application/problem+json`, built
 * from the platform's one error base. The status follows from the error's stable code alone, so a
 * handler never picks a status by hand; anything that is not a PlatformError is a bug and becomes a
 * 500 that names nothing internal.
 *
 * @example
 * throw new PlatformError(ErrorCodes.FORBIDDEN, 'This item belongs to another seller', { itemId });
 * // 403 {"type":"urn:eshop:problem:forbidden","title":"Forbidden","status":403,
 * //      "detail":"This item belongs to another seller","code":"FORBIDDEN","itemId":"…"}
 */
import { HTTPException } from 'hono/http-exception';
import { ErrorCodes, isPlatformError, PlatformError, type ErrorCode } from '../../core/errors/index.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** HTTP status of each error code an API handler may raise. Codes not listed answer 500. */
const statusOfCode: Partial<Record<ErrorCode, number>> = {
  [ErrorCodes.VALIDATION_FAILED]: 400,
  [ErrorCodes.UNAUTHENTICATED]: 401,
  [ErrorCodes.FORBIDDEN]: 403,
  [ErrorCodes.NOT_FOUND]: 404,
  [ErrorCodes.CONFLICT]: 409,
  [ErrorCodes.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCodes.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCodes.RATE_LIMITED]: 429,
  [ErrorCodes.SERVICE_UNAVAILABLE]: 503,
};

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** One field that failed validation: where it is (`body.price.amountMinor`) and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  traceId?: string;
  [field: string]: unknown;
}

/** Details fields that stay in logs: they are internal or already said by other members. */
const privateDetails = new Set(['cause', 'service', 'url', 'retryAfterSeconds', 'headers']);

/** The status a PlatformError answers with. */
export function statusOf(error: PlatformError): number {
  return statusOfCode[error.code] ?? 500;
}

/** Turns anything thrown by a handler into a problem (never throws). */
export function toProblem(error: unknown, instance?: string): Problem {
  if (isPlatformError(error)) {
    const status = statusOf(error);
    const extra = Object.fromEntries(
      Object.entries(error.details).filter(([key]) => !privateDetails.has(key)),
    );
    return {
      ...extra,
      type: typeOf(error.code),
      title: titles[status] ?? 'Error',
      status,
      // A 500 or 503 carries a store's message, which is not the client's business.
      detail: status >= 500 ? publicDetail(status) : error.message,
      code: error.code,
      ...(instance ? { instance } : {}),
    };
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx: a malformed JSON body, a missing multipart boundary.
    const code =
      error.status === 413
        ? ErrorCodes.PAYLOAD_TOO_LARGE
        : error.status === 415
          ? ErrorCodes.UNSUPPORTED_MEDIA_TYPE
          : ErrorCodes.VALIDATION_FAILED;
    return {
      type: typeOf(code),
      title: titles[error.status] ?? 'Bad request',
      status: error.status,
      detail: error.message || titles[error.status] || 'Bad request',
      code,
      ...(instance ? { instance } : {}),
    };
  }
  return {
    type: 'urn:eshop:problem:internal',
    title: titles[500]!,
    status: 500,
    detail: publicDetail(500),
    code: 'INTERNAL',
    ...(instance ? { instance } : {}),
  };
}

function publicDetail(status: number): string {
  return status === 503
    ? 'A store the API depends on is unavailable; try again shortly'
    : 'The server failed to answer this request; it has been logged';
}

function typeOf(code: string): string {
  return `urn:eshop:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

/** The response for a problem, with the headers its status calls for. */
export function problemResponse(problem: Problem, error?: unknown): Response {
  const headers = new Headers({ 'Content-Type': PROBLEM_CONTENT_TYPE });
  if (problem.status === 401) headers.set('WWW-Authenticate', 'Bearer');
  const retryAfter = isPlatformError(error) ? error.details.retryAfterSeconds : undefined;
  if (typeof retryAfter === 'number') headers.set('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}

/** A VALIDATION_FAILED error listing each bad field. */
export function validationError(detail: string, errors: FieldError[]): PlatformError {
  return new PlatformError(ErrorCodes.VALIDATION_FAILED, detail, { errors });
}
