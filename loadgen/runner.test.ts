import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GeneratedEvent } from './events.ts';
import { catalogueEventCount, generateEvents } from './generator.ts';
import type { LoadOptions } from './options.ts';
import { formatProgress, formatSummary } from './progress.ts';
import { batchByTopic, runLoad, type EventSink, type TopicBatch, type WallClock } from './runner.ts';

const options: Partial<LoadOptions> = {
  seed: 3,
  items: 120,
  sellers: 12,
  sessions: 20,
  rate: 400,
  durationSeconds: 5,
};

/** Virtual time: sleeping and sending advance it, so the runner is tested without waiting. */
function virtualClock(): WallClock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A sink that records every batch and takes `latencyMs` of virtual time per send. */
function recordingSink(
  clock: ReturnType<typeof virtualClock>,
  latencyMs = 2,
): EventSink & { batches: TopicBatch[] } {
  const batches: TopicBatch[] = [];
  return {
    batches,
    send: async (batch) => {
      clock.advance(latencyMs);
      batches.push(batch);
    },
  };
}

function first(n: number): GeneratedEvent[] {
  const events: GeneratedEvent[] = [];
  for (const event of generateEvents(options)) {
    events.push(event);
    if (events.length === n) break;
  }
  return events;
}

describe('batchByTopic', () => {
  it('splits events into batches of one topic, in order, keyed and timestamped', () => {
    const events = first(700);
    const batches = batchByTopic(events, 100);
    for (const batch of batches) assert.ok(batch.records.length >= 1 && batch.records.length <= 100);
    for (const topic of ['sellers', 'items', 'comments', 'activity'] as const) {
      const expected = events.filter((event) => event.topic === topic);
      const got = batches
        .filter((batch) => batch.topic === topic)
        .flatMap((batch): readonly unknown[] => batch.records);
      assert.deepEqual(
        got,
        expected.map((event) => ({ key: event.key, value: event.value, timestamp: event.value.occurredAt })),
      );
    }
  });
});

describe('runLoad', () => {
  it('sends the catalogue first, then the stream at the rate, in generation order per topic', async () => {
    const clock = virtualClock();
    const sink = recordingSink(clock);
    const reports: string[] = [];
    const result = await runLoad({
      options,
      sink,
      clock,
      onProgress: (p) => reports.push(formatProgress(p)),
    });

    assert.equal(result.stoppedBy, 'duration');
    const catalogue = catalogueEventCount(options);
    // Sending takes a little virtual time, so the stream runs for nearly the whole duration.
    assert.ok(
      result.total > catalogue + 400 * 4.5 && result.total <= catalogue + 400 * 5,
      `sent ${result.total}`,
    );
    const sent = sink.batches.flatMap((batch) =>
      batch.records.map((record) => ({ topic: batch.topic, record })),
    );
    assert.equal(sent.length, result.total);
    const firstActivity = sent.findIndex((entry) => entry.topic === 'activity' || entry.topic === 'comments');
    assert.equal(firstActivity, catalogue, 'the whole catalogue goes before any activity or review');
    const expected = first(result.total);
    for (const topic of ['sellers', 'items', 'comments', 'activity'] as const) {
      assert.deepEqual(
        sent.filter((entry) => entry.topic === topic).map((entry) => entry.record.value),
        expected.filter((event) => event.topic === topic).map((event) => event.value),
      );
      assert.equal(result.sent[topic], expected.filter((event) => event.topic === topic).length);
    }
    assert.ok(Math.abs(result.streamRate - 400) < 20, `stream rate ${result.streamRate}`);
    assert.ok(reports.length >= 2, 'progress every 2 s');
    assert.match(
      reports[0] ?? '',
      /^load \d+\.\ds {2}sent [\d,]+ \(sellers \d+, items \d+, comments \d+, activity [\d,]+\)/u,
    );
    const summary = formatSummary(result, { ...(options as LoadOptions), startTime: 0 });
    assert.match(summary[0] ?? '', /stopped after 5\.\d s \(the duration is over\)/u);
  });

  it('stops after the batches in flight when the signal aborts', async () => {
    const clock = virtualClock();
    const controller = new AbortController();
    const batches: TopicBatch[] = [];
    const sink: EventSink = {
      send: async (batch) => {
        clock.advance(2);
        batches.push(batch);
        // Ctrl-C while the first stream batch is in flight.
        if (batch.topic === 'activity') controller.abort();
      },
    };
    const result = await runLoad({
      options: { ...options, durationSeconds: 0 },
      sink,
      clock,
      signal: controller.signal,
    });
    assert.equal(result.stoppedBy, 'signal');
    // Everything handed to the sink was stored and counted; nothing was sent after the abort.
    assert.equal(
      result.total,
      batches.reduce((sum, batch) => sum + batch.records.length, 0),
    );
    assert.ok(result.total < catalogueEventCount(options) + 400);
  });

  it('stops at a sink failure and reports what was stored before it', async () => {
    const clock = virtualClock();
    let sends = 0;
    let stored = 0;
    const failure = new Error('broker gone');
    const sink: EventSink = {
      send: async (batch) => {
        clock.advance(1);
        sends += 1;
        if (sends === 3) throw failure;
        stored += batch.records.length;
      },
    };
    const result = await runLoad({ options, sink, clock, batchSize: 10 });
    assert.equal(result.stoppedBy, 'error');
    assert.equal(result.error, failure);
    // The failed topic stops at its failed batch; the topics already in flight finish theirs.
    assert.equal(result.total, stored);
    assert.ok(result.total < catalogueEventCount(options));
  });

  it('rejects bad options', async () => {
    const clock = virtualClock();
    await assert.rejects(
      runLoad({ options: { rate: 0 }, sink: recordingSink(clock), clock }),
      /--rate must be/u,
    );
  });
});
