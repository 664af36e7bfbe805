/**
 * The one error base of the platform. Every error we raise on purpose is a PlatformError with a
 * stable string `code` (see codes.ts) and a `retriable` flag, so that callers (the stream runtime,
 * the sinks, the API) decide retry / dead-letter / fail from the classification alone, never by
 * matching message strings.
 *
 * @example
 * throw new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, 'kafka is not reachable at 127.0.0.1:9092', {
 *   retriable: true,
 *   cause: err,
 *   service: 'kafka',
 * });
 */
import type { ErrorCode } from './codes.ts';

export interface PlatformErrorOptions {
  cause?: unknown;
  /** True when the same operation may succeed if tried again later. Defaults to false. */
  retriable?: boolean;
  /** Structured fields that go to logs and problem+json responses. */
  [field: string]: unknown;
}

export class PlatformError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: PlatformErrorOptions = {}) {
    const { cause, retriable = false, ...details } = options;
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PlatformError';
    this.code = code;
    this.retriable = retriable;
    this.details = details;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retriable: this.retriable,
      ...this.details,
    };
  }
}

/** True when `error` is a PlatformError, optionally with the given code. Never throws. */
export function isPlatformError(error: unknown, code?: ErrorCode): error is PlatformError {
  return error instanceof PlatformError && (code === undefined || error.code === code);
}

/**
 * Classifies any thrown value as retriable or not. Unknown errors are treated as not retriable:
 * retrying a bug only delays the dead-letter. Never throws.
 */
export function isRetriable(error: unknown): boolean {
  return error instanceof PlatformError ? error.retriable : false;
}
