/**
 * The topics the outbox feeds: the CRUD topics whose events are written in the same Postgres
 * transaction as the entity they describe. `outbox.topic` holds a topic's platform name
 * (`shop.items`); the relay maps it back to its declaration, which tests may override with a
 * private topic of the same schema.
 */
import { topics, type TopicDeclaration } from '../../schemas/topics.ts';

export const outboxTopicKeys = ['items', 'sellers', 'comments'] as const;

export type OutboxTopicKey = (typeof outboxTopicKeys)[number];

/** The platform name of an outbox topic, as stored in `outbox.topic`. */
export type OutboxTopicName = (typeof topics)[OutboxTopicKey]['name'];

/** Where the relay publishes: each outbox topic and the dead-letter topic, overridable for tests. */
export type RelayTopics = Record<OutboxTopicKey | 'deadLetter', TopicDeclaration>;

/** The key of the outbox topic named `name` (a platform name or a key), or undefined. */
export function outboxTopicKey(name: string): OutboxTopicKey | undefined {
  return outboxTopicKeys.find((key) => key === name || topics[key].name === name);
}

/** The platform's topics, with `overrides` in place of some (tests publish to private topics). */
export function relayTopics(overrides: Partial<RelayTopics> = {}): RelayTopics {
  return {
    items: overrides.items ?? topics.items,
    sellers: overrides.sellers ?? topics.sellers,
    comments: overrides.comments ?? topics.comments,
    deadLetter: overrides.deadLetter ?? topics.deadLetter,
  };
}
