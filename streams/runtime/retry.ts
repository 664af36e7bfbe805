/**
 * Retry as a higher-order function that decides from the error alone (kafkajs' habit): retriable
 * PlatformErrors are retried with exponential backoff and jitter, anything else fails at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isRetriable } from '../../core/errors/index.ts';

export interface RetryOptions {
  /** Attempts after the first. */
  retries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Called before each wait, e.g. to log and count. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Stops retrying early (shutdown). */
  signal?: AbortSignal;
}

export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetriable(error) || attempt >= options.retries || options.signal?.aborted) throw error;
      const base = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt);
      const delayMs = Math.round(base / 2 + Math.random() * (base / 2));
      options.onRetry?.(error, attempt + 1, delayMs);
      await sleep(delayMs, undefined, { signal: options.signal }).catch(() => undefined);
    }
  }
}
