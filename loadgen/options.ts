/**
 * The load generator's options, with their defaults and limits in one place. The CLI checks each
 * flag with {@link optionProblem}; {@link resolveLoadOptions} fills in defaults and rejects bad
 * values for programmatic callers, naming every bad option at once.
 */
import { ErrorCodes, PlatformError } from '../core/errors/index.ts';

export interface GenerateOptions {
  /** Seed of every random choice: the same seed and options give the same events. Default 42. */
  seed: number;
  /**
   * Events per second. The event clock advances by this rate (a Poisson process), and the CLI
   * sends at this rate in wall time, so with `startTime` now, event times follow the wall clock.
   * Default 200.
   */
  rate: number;
  /** Items in the catalogue. Default 500. */
  items: number;
  /** Sellers. Default 50. */
  sellers: number;
  /** Shopper sessions browsing at the same time. Default 50. */
  sessions: number;
  /**
   * Event time of the first event, epoch milliseconds. Default 2026-01-01T00:00:00Z, so that
   * programmatic runs are reproducible; the CLI defaults to the time it starts.
   */
  startTime: number;
}

export interface LoadOptions extends GenerateOptions {
  /** How long to send, in seconds; 0 runs until interrupted. Default 60. */
  durationSeconds: number;
}

export const defaultLoadOptions: Readonly<LoadOptions> = {
  seed: 42,
  rate: 200,
  items: 500,
  sellers: 50,
  sessions: 50,
  startTime: Date.UTC(2026, 0, 1),
  durationSeconds: 60,
};

interface Limit {
  /** The CLI flag, for messages. */
  readonly flag: string;
  readonly min: number;
  /** Whether `min` itself is allowed. */
  readonly minInclusive: boolean;
  readonly max: number;
  readonly integer: boolean;
}

/**
 * Limits. The upper ones keep a run within one machine's memory (the catalogue, the sessions and
 * the search index are held in full: about 2 KB per item and 1 KB per session).
 */
export const optionLimits: Readonly<Record<keyof LoadOptions, Limit>> = {
  seed: { flag: '--seed', min: 0, minInclusive: true, max: Number.MAX_SAFE_INTEGER, integer: true },
  rate: { flag: '--rate', min: 0, minInclusive: false, max: 1_000_000, integer: false },
  items: { flag: '--items', min: 1, minInclusive: true, max: 200_000, integer: true },
  sellers: { flag: '--sellers', min: 1, minInclusive: true, max: 10_000, integer: true },
  sessions: { flag: '--sessions', min: 1, minInclusive: true, max: 100_000, integer: true },
  startTime: { flag: '--start', min: 0, minInclusive: true, max: 8.64e15, integer: true },
  durationSeconds: { flag: '--duration', min: 0, minInclusive: true, max: 31 * 24 * 3600, integer: false },
};

/**
 * What is wrong with `value` for option `name`, or undefined when it is fine.
 *
 * @example
 * optionProblem('rate', 0);     // '--rate must be a number above 0 and at most 1000000, got 0'
 * optionProblem('items', 2.5);  // '--items must be a whole number from 1 to 200000, got 2.5'
 */
export function optionProblem(name: keyof LoadOptions, value: unknown): string | undefined {
  const limit = optionLimits[name];
  const range = limit.minInclusive
    ? `from ${limit.min} to ${limit.max}`
    : `above ${limit.min} and at most ${limit.max}`;
  const wanted = limit.integer ? `a whole number ${range}` : `a number ${range}`;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!limit.integer || Number.isInteger(value)) &&
    (limit.minInclusive ? value >= limit.min : value > limit.min) &&
    value <= limit.max;
  return ok
    ? undefined
    : `${limit.flag} must be ${wanted}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
}

/**
 * The options with defaults filled in; throws CONFIG_INVALID naming every bad one.
 *
 * @example
 * resolveLoadOptions({ seed: 7 }).rate; // 200
 * resolveLoadOptions({ items: 0 });     // throws: --items must be a whole number from 1 to 200000, got 0
 */
export function resolveLoadOptions(options: Partial<LoadOptions> = {}): LoadOptions {
  const resolved: LoadOptions = { ...defaultLoadOptions };
  for (const [name, value] of Object.entries(options) as [keyof LoadOptions, number | undefined][]) {
    if (value !== undefined && name in optionLimits) resolved[name] = value;
  }
  const problems = (Object.keys(optionLimits) as (keyof LoadOptions)[])
    .map((name) => optionProblem(name, resolved[name]))
    .filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) {
    throw new PlatformError(ErrorCodes.CONFIG_INVALID, `invalid load options: ${problems.join('; ')}`, {
      problems,
    });
  }
  return resolved;
}
