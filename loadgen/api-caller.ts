/**
 * Every API call of a load run goes through here: counted in the figures, and retried a couple of
 * times when the API says it may work later (no answer, 429, 502-504), honouring Retry-After up
 * to a cap — the load should ride out an API restart, not hammer it.
 */
import type { ApiAnswer, ApiCall, ApiClient } from './api-client.ts';
import type { CallFigures } from './api-figures.ts';
import type { Operation } from './api-requests.ts';

export interface RetryOptions {
  /** Attempts after the first. Default 2. */
  readonly retries?: number;
  /** Wait before the first retry, doubled for each next one. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Longest wait, also for a Retry-After. Default 5 s. */
  readonly maxDelayMs?: number;
  /** Injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const RETRIABLE = new Set([0, 429, 502, 503, 504]);

export function isRetriable(status: number): boolean {
  return RETRIABLE.has(status);
}

export class ApiCaller {
  private readonly retries: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: ApiClient,
    readonly figures: CallFigures,
    options: RetryOptions = {},
  ) {
    this.retries = options.retries ?? 2;
    this.initialDelayMs = options.initialDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Makes the call, retrying what may succeed later; resolves to the last answer (never rejects).
   * @param what names the entity in a logged failure, e.g. a generated id
   */
  async call(operation: Operation, call: ApiCall, what?: string): Promise<ApiAnswer> {
    for (let attempt = 0; ; attempt += 1) {
      const answer = await this.client.call(call);
      this.figures.record(operation, answer, what);
      if (!isRetriable(answer.status) || attempt >= this.retries) return answer;
      await this.sleep(this.delay(answer, attempt));
    }
  }

  private delay(answer: ApiAnswer, attempt: number): number {
    const asked = (answer.retryAfterSeconds ?? 0) * 1000;
    return Math.min(this.maxDelayMs, Math.max(asked, this.initialDelayMs * 2 ** attempt));
  }
}
