/**
 * How many beacon events one API replica holds between reading them and Kafka acknowledging them.
 * A request takes its whole batch from the budget before producing, or is turned away at once: the
 * API never queues events in memory, so its memory does not grow with the request rate, and a flood
 * (or a slow Kafka) becomes 429s for the excess rather than a backlog.
 *
 * Per replica on purpose: what it bounds is this process's memory. Replicas share nothing.
 *
 * @example
 * const budget = new InFlightBudget(5000);
 * if (!budget.tryTake(events.length)) throw tooManyRequests();
 * try { await producer.send(...) } finally { budget.give(events.length) }
 */
export class InFlightBudget {
  private held = 0;

  constructor(
    readonly limit: number,
    /** Called with the new total after every change (a gauge). */
    private readonly onChange: (held: number) => void = () => undefined,
  ) {
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  /** Events held now. */
  get inFlight(): number {
    return this.held;
  }

  /** Takes `count` if they fit under the limit; false (and nothing taken) otherwise. */
  tryTake(count: number): boolean {
    if (!Number.isSafeInteger(count) || count < 1)
      throw new RangeError(`count must be a positive integer, got ${count}`);
    if (this.held + count > this.limit) return false;
    this.held += count;
    this.onChange(this.held);
    return true;
  }

  /** Gives back `count` taken earlier. */
  give(count: number): void {
    if (count > this.held)
      throw new RangeError(`giving back ${count} events, but only ${this.held} are held`);
    this.held -= count;
    this.onChange(this.held);
  }
}
