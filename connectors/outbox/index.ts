/**
 * The Postgres outbox source: writers enqueue events in the transaction that changes their
 * entity; the relay publishes them to the CRUD topics in order per entity, at least once.
 */
export { enqueueEvent, type OutboxEvent } from './enqueue.ts';
export { OutboxRelay, type OutboxRelayHooks, type OutboxRelayOptions } from './relay.ts';
export { runOutboxRelay } from './run-relay.ts';
export type { OutboxRow } from './claim.ts';
export { OutboxMetrics } from './metrics.ts';
export { outboxStatus, outboxLagSeconds, type OutboxStatus } from './status.ts';
export {
  outboxTopicKeys,
  type OutboxTopicKey,
  type OutboxTopicName,
  type RelayTopics,
} from './outbox-topics.ts';
export { EVENT_ID_HEADER } from './row-message.ts';
