/**
 * Produces checked batches to the activity topic within the replica's in-flight budget, and tells
 * the outcome as the error the client should see:
 * - the batch alone is larger than the budget → 413 PAYLOAD_TOO_LARGE (retrying can never help, so
 *   a 429 would be a lie; with the defaults, 100 events a batch and 5000 in flight, it cannot happen);
 * - the budget has no room now → 429 RATE_LIMITED, Retry-After 1 s, nothing buffered;
 * - Kafka did not acknowledge (acks=all) in time → 503 SERVICE_UNAVAILABLE, retriable.
 *
 * Group commit: the producer is idempotent with one request in flight per broker, so concurrent
 * sends would queue inside it one Kafka round trip each. Instead, the requests that arrive while a
 * send is in flight wait here and go together in the next send (bounded by `maxSendBytes`, well
 * under the broker's 1 MiB batch limit); each request is answered when its own send is acknowledged.
 * Nothing waits here that the budget has not counted, so memory stays bounded.
 *
 * The budget is given back when a request's events leave memory: acknowledged, refused, or dropped
 * from the queue at the deadline before being sent. Events already handed to the producer when the
 * deadline passes (Kafka down: the idempotent producer retries without limit) keep counting until
 * the producer settles, so a Kafka outage turns into 429s rather than a growing backlog.
 */
import { ErrorCodes, isPlatformError, PlatformError } from '../../core/errors/index.ts';
import type { EventProducer, EventRecord } from '../../core/events/producer.ts';
import type { UserActivity } from '../../schemas/types.generated.ts';
import type { InFlightBudget } from './in-flight-budget.ts';

export interface BeaconSenderOptions {
  /** How long a request waits for Kafka's acknowledgement before answering 503. Default 10 s. */
  ackDeadlineMs?: number;
  /** Most (estimated) bytes of records in one producer send. Default 512 KiB. */
  maxSendBytes?: number;
}

interface Waiting {
  records: EventRecord<UserActivity>[];
  bytes: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** A generous estimate of a record's Avro size: its strings plus the fixed fields. */
function estimatedBytes(value: UserActivity): number {
  const text = [value.sessionId, value.userAgent, value.referrer, value.page, value.search?.query];
  return 160 + text.reduce((sum, s) => sum + (s ? Buffer.byteLength(s) : 0), 0);
}

export class BeaconSender {
  private readonly queue: Waiting[] = [];
  private flushing = false;
  private readonly ackDeadlineMs: number;
  private readonly maxSendBytes: number;

  constructor(
    private readonly producer: Pick<EventProducer, 'send'>,
    private readonly budget: InFlightBudget,
    options: BeaconSenderOptions = {},
  ) {
    this.ackDeadlineMs = options.ackDeadlineMs ?? 10_000;
    this.maxSendBytes = options.maxSendBytes ?? 512 * 1024;
  }

  /** Resolves once Kafka has every record of the batch; throws a PlatformError otherwise. */
  async send(records: readonly UserActivity[], traceparent: string): Promise<void> {
    const count = records.length;
    if (count > this.budget.limit) {
      throw new PlatformError(
        ErrorCodes.PAYLOAD_TOO_LARGE,
        `A batch of ${count} events is more than this server holds in flight (${this.budget.limit}); send at most ${this.budget.limit} per request`,
        { limit: this.budget.limit },
      );
    }
    if (!this.budget.tryTake(count)) {
      throw new PlatformError(
        ErrorCodes.RATE_LIMITED,
        'Too many activity events are on their way to Kafka; send this batch again in a second',
        { retryAfterSeconds: 1 },
      );
    }
    let waiting!: Waiting;
    const acknowledged = new Promise<void>((resolve, reject) => {
      waiting = {
        // Session id as key: one session's actions stay in order on one partition.
        records: records.map((value) => ({ key: value.sessionId, value, traceparent })),
        bytes: records.reduce((sum, value) => sum + estimatedBytes(value), 0),
        resolve,
        reject,
      };
    });
    const settled = acknowledged.finally(() => this.budget.give(count));
    this.queue.push(waiting);
    void this.flush();

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Not sent yet: drop it, so the client's retry is the only copy.
        const queued = this.queue.indexOf(waiting);
        if (queued >= 0) this.queue.splice(queued, 1);
        const error = new Error(`Kafka did not acknowledge within ${this.ackDeadlineMs} ms`);
        if (queued >= 0) waiting.reject(error);
        reject(error);
      }, this.ackDeadlineMs);
    });
    try {
      await Promise.race([settled, deadline]);
    } catch (error) {
      settled.catch(() => undefined); // settled later (or already): its outcome has been answered
      throw unacknowledged(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends what is queued, one group at a time, until the queue is empty. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.nextGroup();
        try {
          await this.producer.send(
            'activity',
            group.flatMap((waiting) => waiting.records),
          );
          for (const waiting of group) waiting.resolve();
        } catch (error) {
          for (const waiting of group) waiting.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The oldest queued requests that fit in one send (always at least one). */
  private nextGroup(): Waiting[] {
    let bytes = this.queue[0]!.bytes;
    let n = 1;
    while (n < this.queue.length && bytes + this.queue[n]!.bytes <= this.maxSendBytes) {
      bytes += this.queue[n]!.bytes;
      n += 1;
    }
    return this.queue.splice(0, n);
  }
}

function unacknowledged(error: unknown): PlatformError {
  // The records were checked against the schema before: a refusal now is the server's fault.
  if (isPlatformError(error, ErrorCodes.SERVICE_UNAVAILABLE)) return error;
  return new PlatformError(
    ErrorCodes.SERVICE_UNAVAILABLE,
    `Kafka did not take the activity batch: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error, retriable: true, service: 'kafka', retryAfterSeconds: 5 },
  );
}
