/**
 * Runs a load: takes events from {@link generateEvents} and hands them to a sink (the Kafka
 * producer, or anything else) in per-topic batches, paced in wall time.
 *
 * - The catalogue goes first and as fast as the sink takes it (a shop's catalogue exists before
 *   anyone browses it); the live stream after it is paced at `rate` events per second.
 * - Batches hold one topic's events in generation order, at most `batchSize`; the topics of one
 *   tick are sent concurrently, each topic's batches one after another, so every entity's changes
 *   reach its partition in order.
 * - When the sink is slower than the rate, the runner sends as fast as the sink allows and the
 *   figures show the rate reached; events are never dropped to keep up.
 * - `signal` stops the run after the batches in flight; `durationSeconds` ends it on time.
 */
import type { GeneratedEvent, LoadTopic } from './events.ts';
import { catalogueEventCount, generateEvents } from './generator.ts';
import { resolveLoadOptions, type LoadOptions } from './options.ts';

type ValueOf<T extends LoadTopic> = Extract<GeneratedEvent, { topic: T }>['value'];

/** One record as the sink receives it: key, value and its event time (the Kafka timestamp). */
export interface SinkRecord<T extends LoadTopic = LoadTopic> {
  readonly key: string;
  readonly value: ValueOf<T>;
  readonly timestamp: number;
}

/** One batch of one topic's records, typed by its topic. */
export type TopicBatch = {
  [T in LoadTopic]: { readonly topic: T; readonly records: SinkRecord<T>[] };
}[LoadTopic];

export interface EventSink {
  /** Sends one batch; resolves once it is stored (for Kafka: acknowledged by all replicas). */
  send(batch: TopicBatch): Promise<void>;
}

/** The wall clock, injectable so the runner can be tested without waiting. */
export interface WallClock {
  now(): number;
  /** Waits `ms`, or less when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: WallClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export interface LoadProgress {
  /** Wall time since the start, ms. */
  readonly elapsedMs: number;
  /** Events stored by the sink, per topic. */
  readonly sent: Readonly<Record<LoadTopic, number>>;
  readonly total: number;
  /** True while the catalogue is being sent. */
  readonly loadingCatalogue: boolean;
  /** Events per second since the previous report (the first: since the start). */
  readonly recentRate: number;
  /** Events per second of the live stream since it started (0 while loading the catalogue). */
  readonly streamRate: number;
  /** Event time of the last event sent, epoch ms (0 before the first). */
  readonly eventTime: number;
}

export interface LoadResult extends LoadProgress {
  /** Why the run ended: its duration was over, the signal aborted it, or the sink failed. */
  readonly stoppedBy: 'duration' | 'signal' | 'error';
  /** What the sink threw, when `stoppedBy` is 'error'. */
  readonly error?: unknown;
}

export interface RunLoadOptions {
  readonly options: Partial<LoadOptions>;
  readonly sink: EventSink;
  readonly signal?: AbortSignal;
  /** Called every `progressIntervalMs` of wall time. */
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Default 2000. */
  readonly progressIntervalMs?: number;
  /** Most records of one topic in one send. Default 100. */
  readonly batchSize?: number;
  readonly clock?: WallClock;
}

/** Splits events into per-topic batches of at most `batchSize`, each in generation order. */
export function batchByTopic(events: readonly GeneratedEvent[], batchSize: number): TopicBatch[] {
  const byTopic: { [T in LoadTopic]: SinkRecord<T>[] } = {
    sellers: [],
    items: [],
    comments: [],
    activity: [],
  };
  for (const event of events) {
    const { key } = event;
    const timestamp = event.value.occurredAt;
    // One case per topic keeps each value with its own topic's type.
    switch (event.topic) {
      case 'sellers':
        byTopic.sellers.push({ key, value: event.value, timestamp });
        break;
      case 'items':
        byTopic.items.push({ key, value: event.value, timestamp });
        break;
      case 'comments':
        byTopic.comments.push({ key, value: event.value, timestamp });
        break;
      case 'activity':
        byTopic.activity.push({ key, value: event.value, timestamp });
        break;
    }
  }
  const chunks = <R>(records: R[]): R[][] => {
    const result: R[][] = [];
    for (let i = 0; i < records.length; i += batchSize) result.push(records.slice(i, i + batchSize));
    return result;
  };
  return [
    ...chunks(byTopic.sellers).map((records): TopicBatch => ({ topic: 'sellers', records })),
    ...chunks(byTopic.items).map((records): TopicBatch => ({ topic: 'items', records })),
    ...chunks(byTopic.comments).map((records): TopicBatch => ({ topic: 'comments', records })),
    ...chunks(byTopic.activity).map((records): TopicBatch => ({ topic: 'activity', records })),
  ];
}

/**
 * Sends the batches: topics concurrently, each topic's batches in order, telling `onSent` about
 * each stored batch. Fails, after every topic has settled, with the first error.
 */
async function sendAll(
  sink: EventSink,
  batches: readonly TopicBatch[],
  onSent: (batch: TopicBatch) => void,
): Promise<void> {
  const byTopic = new Map<LoadTopic, TopicBatch[]>();
  for (const batch of batches) {
    const list = byTopic.get(batch.topic) ?? [];
    list.push(batch);
    byTopic.set(batch.topic, list);
  }
  const results = await Promise.allSettled(
    [...byTopic.values()].map(async (list) => {
      for (const batch of list) {
        await sink.send(batch);
        onSent(batch);
      }
    }),
  );
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * Runs a load until its duration is over, `signal` aborts or the sink fails, and returns the
 * figures (what was stored before a failure is counted; the error is in the result).
 * Throws CONFIG_INVALID for bad options.
 *
 * @example
 * const result = await runLoad({ options: { rate: 500, durationSeconds: 5 }, sink, onProgress: print });
 * result.total; // ≈ catalogue + 500 × (5 s − catalogue time)
 */
export async function runLoad(run: RunLoadOptions): Promise<LoadResult> {
  const options = resolveLoadOptions(run.options);
  const clock = run.clock ?? systemClock;
  const batchSize = run.batchSize ?? 100;
  const progressIntervalMs = run.progressIntervalMs ?? 2000;
  const events = generateEvents(options);
  const catalogueEvents = catalogueEventCount(options);
  const deadlineMs = options.durationSeconds > 0 ? options.durationSeconds * 1000 : Number.POSITIVE_INFINITY;
  // Ticks gather about one batch at the rate, within 10-100 ms: fewer, fuller sends at high rates,
  // no more than 100 ms of delay at low ones.
  const tickMs = Math.min(100, Math.max(10, (batchSize / options.rate) * 1000));
  // At most 20 batches per tick: a tick then takes well under a second even when the sink is the
  // bottleneck, so progress lines, the deadline and Ctrl-C are honoured on time.
  const maxPerTick = Math.max(batchSize, Math.min(Math.ceil(options.rate / 2), batchSize * 20));

  const sent: Record<LoadTopic, number> = { sellers: 0, items: 0, comments: 0, activity: 0 };
  const start = clock.now();
  let generated = 0;
  let streamStart: number | undefined;
  let eventTime = 0;
  let lastReport = { at: start, total: 0 };

  const progress = (now: number): LoadProgress => {
    const total = sent.sellers + sent.items + sent.comments + sent.activity;
    const sinceReport = (now - lastReport.at) / 1000;
    const streamSeconds = streamStart === undefined ? 0 : (now - streamStart) / 1000;
    return {
      elapsedMs: now - start,
      sent: { ...sent },
      total,
      loadingCatalogue: generated < catalogueEvents,
      recentRate: sinceReport > 0 ? (total - lastReport.total) / sinceReport : 0,
      streamRate: streamSeconds > 0 ? Math.max(0, total - catalogueEvents) / streamSeconds : 0,
      eventTime,
    };
  };

  let stoppedBy: LoadResult['stoppedBy'] = 'duration';
  for (;;) {
    if (run.signal?.aborted) {
      stoppedBy = 'signal';
      break;
    }
    const now = clock.now();
    if (now - start >= deadlineMs) break;
    if (run.onProgress && now - lastReport.at >= progressIntervalMs) {
      const report = progress(now);
      run.onProgress(report);
      lastReport = { at: now, total: report.total };
    }

    let due: number;
    if (generated < catalogueEvents) due = catalogueEvents - generated;
    else {
      streamStart ??= now;
      due = Math.floor((options.rate * (now - streamStart)) / 1000) - (generated - catalogueEvents);
    }
    if (due <= 0) {
      await clock.sleep(Math.min(tickMs, deadlineMs - (now - start)), run.signal);
      continue;
    }

    const batch: GeneratedEvent[] = [];
    for (let i = Math.min(due, maxPerTick); i > 0; i -= 1) batch.push(events.next().value);
    generated += batch.length;
    try {
      await sendAll(run.sink, batchByTopic(batch, batchSize), (stored) => {
        sent[stored.topic] += stored.records.length;
        eventTime = Math.max(eventTime, stored.records.at(-1)?.timestamp ?? 0);
      });
    } catch (error) {
      return { ...progress(clock.now()), stoppedBy: 'error', error };
    }
  }
  return { ...progress(clock.now()), stoppedBy };
}
