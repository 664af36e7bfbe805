/**
 * Figures of a load run through the API: calls by operation and outcome, events skipped and why.
 * A failed call is counted and logged, never thrown: the first few of each kind in full, then one
 * in a hundred, so a down API does not flood the log.
 */
import type { ApiAnswer } from './api-client.ts';
import type { Operation } from './api-requests.ts';

/** Failures of one kind logged in full before sampling starts. */
const LOGGED_IN_FULL = 3;
const LOG_ONE_IN = 100;

export interface ApiFigures {
  /** Calls made (each retry is a call). */
  readonly calls: number;
  readonly ok: number;
  readonly failed: number;
  /** Beacon events the API accepted. */
  readonly beaconEvents: number;
  /** Failed calls by operation and status (0: no answer), most frequent first. */
  readonly failures: readonly { operation: Operation; status: number; count: number }[];
  /** Events with no call to make, by operation and reason, most frequent first. */
  readonly skips: readonly { operation: Operation; reason: string; count: number }[];
}

const count = new Intl.NumberFormat('en-US');

/** What a problem+json answer says, briefly. */
export function describeAnswer(answer: ApiAnswer): string {
  if (answer.status === 0) return `no answer (${answer.error ?? 'unknown'})`;
  const body = answer.body as { code?: unknown; detail?: unknown; title?: unknown } | undefined;
  const code = typeof body?.code === 'string' ? ` ${body.code}` : '';
  const text =
    typeof body?.detail === 'string' ? body.detail : typeof body?.title === 'string' ? body.title : '';
  return `${answer.status}${code}${text ? `: ${text.slice(0, 200)}` : ''}`;
}

export class CallFigures {
  private calls = 0;
  private ok = 0;
  private beaconEvents = 0;
  private readonly failures = new Map<string, { operation: Operation; status: number; count: number }>();
  private readonly skips = new Map<string, { operation: Operation; reason: string; count: number }>();

  constructor(private readonly log: (line: string) => void = () => {}) {}

  /** Counts one call; a failure is logged (sampled). */
  record(operation: Operation, answer: ApiAnswer, what?: string): void {
    this.calls += 1;
    if (answer.status >= 200 && answer.status < 300) {
      this.ok += 1;
      return;
    }
    const key = `${operation}\0${answer.status}`;
    const entry = this.failures.get(key) ?? { operation, status: answer.status, count: 0 };
    entry.count += 1;
    this.failures.set(key, entry);
    if (entry.count <= LOGGED_IN_FULL || entry.count % LOG_ONE_IN === 0) {
      const nth = entry.count <= LOGGED_IN_FULL ? '' : ` (${count.format(entry.count)} so far)`;
      const tail = entry.count === LOGGED_IN_FULL ? '; more of these are counted, 1 in 100 logged' : '';
      this.log(`load: ${operation}${what ? ` ${what}` : ''} failed: ${describeAnswer(answer)}${nth}${tail}`);
    }
  }

  /** Counts beacon events the API accepted. */
  accepted(events: number): void {
    this.beaconEvents += events;
  }

  /** Counts an event that has no call to make. */
  skipped(operation: Operation, reason: string): void {
    const key = `${operation}\0${reason}`;
    const entry = this.skips.get(key) ?? { operation, reason, count: 0 };
    entry.count += 1;
    this.skips.set(key, entry);
  }

  snapshot(): ApiFigures {
    const byCount = <T extends { count: number }>(entries: Iterable<T>): T[] =>
      [...entries].map((entry) => ({ ...entry })).sort((a, b) => b.count - a.count);
    return {
      calls: this.calls,
      ok: this.ok,
      failed: this.calls - this.ok,
      beaconEvents: this.beaconEvents,
      failures: byCount(this.failures.values()),
      skips: byCount(this.skips.values()),
    };
  }
}

/**
 * The progress line of the API calls.
 *
 * @example
 * formatApiFigures(figures);
 * // 'api   1,234 calls: 1,230 ok, 4 failed (create review 409 ×3, beacon 0 ×1); 2,910 beacon events accepted; 12 events skipped'
 */
export function formatApiFigures(figures: ApiFigures): string {
  const failures =
    figures.failed === 0
      ? ''
      : ` (${figures.failures
          .slice(0, 4)
          .map((f) => `${f.operation} ${f.status} ×${count.format(f.count)}`)
          .join(', ')}${figures.failures.length > 4 ? ', …' : ''})`;
  const skipped = figures.skips.reduce((sum, s) => sum + s.count, 0);
  return (
    `api   ${count.format(figures.calls)} calls: ${count.format(figures.ok)} ok, ${count.format(figures.failed)} failed${failures}; ` +
    `${count.format(figures.beaconEvents)} beacon events accepted; ${count.format(skipped)} events skipped`
  );
}

/** The summary lines of the API calls, for the end of a run. */
export function formatApiSummary(figures: ApiFigures): string[] {
  return [
    `  ${formatApiFigures(figures).replace(/^api +/u, 'API: ')}`,
    ...figures.failures.map(
      (f) =>
        `    failed: ${f.operation} → ${f.status === 0 ? 'no answer' : f.status} ×${count.format(f.count)}`,
    ),
    ...figures.skips.map((s) => `    skipped: ${s.operation}: ${s.reason} ×${count.format(s.count)}`),
  ];
}
