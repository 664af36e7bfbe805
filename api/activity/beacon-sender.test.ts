/**
 * The sender's bookkeeping with a producer whose sends the test settles by hand. (The real
 * producer against Kafka is exercised by tests/integration/api/activity.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCodes, isPlatformError } from '../../core/errors/index.ts';
import { samples } from '../../schemas/samples.ts';
import type { UserActivity } from '../../schemas/types.generated.ts';
import { BeaconSender } from './beacon-sender.ts';
import { InFlightBudget } from './in-flight-budget.ts';

const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const batch = (n: number): UserActivity[] =>
  Array.from({ length: n }, (_, i) => ({ ...samples['user-activity'], sessionId: `s-${i}` }));

/** A producer whose every send waits until the test resolves or rejects it. */
function heldProducer() {
  const pending: { resolve(): void; reject(error: Error): void; records: unknown[] }[] = [];
  return {
    pending,
    send(_topic: string, records: readonly unknown[]) {
      return new Promise<void>((resolve, reject) => pending.push({ resolve, reject, records: [...records] }));
    },
  };
}

const code = (expected: string) => (error: unknown) => isPlatformError(error) && error.code === expected;

describe('BeaconSender', () => {
  it('keys each record by session and carries the traceparent', async () => {
    const producer = heldProducer();
    const sender = new BeaconSender(producer as never, new InFlightBudget(10));
    const sent = sender.send(batch(2), traceparent);
    await Promise.resolve();
    producer.pending[0]!.resolve();
    await sent;
    assert.deepEqual(
      producer.pending[0]!.records.map((r) => {
        const { key, traceparent: header } = r as { key: string; traceparent: string };
        return [key, header];
      }),
      [
        ['s-0', traceparent],
        ['s-1', traceparent],
      ],
    );
  });

  it('answers 429 while the budget is held, 413 for a batch larger than the whole budget', async () => {
    const producer = heldProducer();
    const budget = new InFlightBudget(5);
    const sender = new BeaconSender(producer as never, budget);
    const first = sender.send(batch(4), traceparent);
    await assert.rejects(sender.send(batch(2), traceparent), code(ErrorCodes.RATE_LIMITED));
    await assert.rejects(sender.send(batch(6), traceparent), code(ErrorCodes.PAYLOAD_TOO_LARGE));
    assert.equal(budget.inFlight, 4);
    producer.pending[0]!.resolve();
    await first;
    assert.equal(budget.inFlight, 0);
    const second = sender.send(batch(5), traceparent);
    producer.pending[1]!.resolve();
    await second;
  });

  it('answers 503 when Kafka refuses, and gives the budget back', async () => {
    const producer = heldProducer();
    const budget = new InFlightBudget(5);
    const sender = new BeaconSender(producer as never, budget);
    const sent = sender.send(batch(3), traceparent);
    producer.pending[0]!.reject(new Error('Connection refused'));
    await assert.rejects(sent, (error: unknown) => {
      assert.ok(isPlatformError(error, ErrorCodes.SERVICE_UNAVAILABLE));
      assert.equal(error.retriable, true);
      return true;
    });
    assert.equal(budget.inFlight, 0);
  });

  it('answers 503 at the deadline but holds the budget until the send settles', async () => {
    const producer = heldProducer();
    const budget = new InFlightBudget(5);
    const sender = new BeaconSender(producer as never, budget, { ackDeadlineMs: 20 });
    await assert.rejects(sender.send(batch(3), traceparent), code(ErrorCodes.SERVICE_UNAVAILABLE));
    assert.equal(budget.inFlight, 3, 'the events are still in the producer');
    await assert.rejects(sender.send(batch(3), traceparent), code(ErrorCodes.RATE_LIMITED));
    producer.pending[0]!.reject(new Error('gave up'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(budget.inFlight, 0);
  });

  it('sends the requests that arrive during a send together in the next one, in order', async () => {
    const producer = heldProducer();
    const budget = new InFlightBudget(100);
    const sender = new BeaconSender(producer as never, budget);
    const first = sender.send(batch(1), traceparent);
    const second = sender.send(batch(2), traceparent);
    const third = sender.send(batch(3), traceparent);
    assert.equal(producer.pending.length, 1, 'one send in flight; the others wait for it');
    producer.pending[0]!.resolve();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(producer.pending.length, 2);
    assert.deepEqual(
      producer.pending[1]!.records.map((r) => (r as { key: string }).key),
      ['s-0', 's-1', 's-0', 's-1', 's-2'],
    );
    assert.equal(budget.inFlight, 5);
    producer.pending[1]!.resolve();
    await Promise.all([second, third]);
    assert.equal(budget.inFlight, 0);
  });

  it('keeps each send under its byte bound, and drops a request still queued at its deadline', async () => {
    const producer = heldProducer();
    const budget = new InFlightBudget(100);
    // About 200 bytes an event: a send takes at most two 1-event requests.
    const sender = new BeaconSender(producer as never, budget, { ackDeadlineMs: 50, maxSendBytes: 450 });
    const sends = [1, 2, 3, 4].map(() =>
      sender.send(batch(1), traceparent).then(
        () => 'ok',
        (e) => e.code,
      ),
    );
    producer.pending[0]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      producer.pending.map((p) => p.records.length),
      [1, 2],
    );
    // The fourth request never leaves the queue: at the deadline it is dropped and its budget given back.
    assert.deepEqual(await Promise.all(sends), [
      'ok',
      'SERVICE_UNAVAILABLE',
      'SERVICE_UNAVAILABLE',
      'SERVICE_UNAVAILABLE',
    ]);
    assert.equal(producer.pending.length, 2, 'the dropped request was never sent');
    assert.equal(budget.inFlight, 2, 'only the records handed to the producer still count');
    producer.pending[1]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(budget.inFlight, 0);
  });
});
