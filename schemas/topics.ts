/**
 * Every Kafka topic of the platform, declared once: name, schema of its values, partitions,
 * cleanup policy and retention. `eshop topics create` makes the broker match this list.
 *
 * Keys are the entity id as UTF-8 (item, seller, comment id; the session id for activity), so all
 * events of one entity land in order on one partition. Values are Avro in the Confluent wire
 * format, registered under `<topic>-value` (the topic-name strategy).
 */
import type { SchemaName } from './catalog.ts';

export interface TopicDeclaration {
  name: string;
  schema: SchemaName;
  partitions: number;
  /** compact: reference data read in full as a table (latest value per key); delete: an event stream. */
  cleanupPolicy: 'compact' | 'delete';
  /** Retention of a delete topic, in days. */
  retentionDays?: number;
  doc: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const topics = {
  items: {
    name: 'shop.items',
    schema: 'item-changed',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionDays: 30,
    doc: 'Item changes from the catalogue (outbox relay)',
  },
  sellers: {
    name: 'shop.sellers',
    schema: 'seller-changed',
    partitions: 3,
    cleanupPolicy: 'compact',
    doc: 'Seller changes; compacted: the latest state of every seller, joined onto items',
  },
  comments: {
    name: 'shop.comments',
    schema: 'comment-changed',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionDays: 30,
    doc: 'Review changes (outbox relay)',
  },
  activity: {
    name: 'shop.activity',
    schema: 'user-activity',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionDays: 7,
    doc: 'Shopper actions from browsers and services',
  },
  itemsNormalised: {
    name: 'shop.items.normalised',
    schema: 'normalised-item',
    partitions: 3,
    cleanupPolicy: 'compact',
    doc: 'Normalised items; compacted: the table that seller changes are joined back onto',
  },
  itemsEnriched: {
    name: 'shop.items.enriched',
    schema: 'enriched-item',
    partitions: 3,
    cleanupPolicy: 'compact',
    doc: 'Items with seller and category; compacted: the item dimensions activity is enriched with',
  },
  commentsScored: {
    name: 'shop.comments.scored',
    schema: 'scored-comment',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionDays: 30,
    doc: 'Reviews with language and sentiment',
  },
  activityEnriched: {
    name: 'shop.activity.enriched',
    schema: 'enriched-activity',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionDays: 7,
    doc: 'Shopper actions with item dimensions and normalised queries',
  },
  deadLetter: {
    name: 'shop.dead-letter',
    schema: 'dead-letter',
    partitions: 1,
    cleanupPolicy: 'delete',
    retentionDays: 30,
    doc: 'Records that can never be processed, with the reason and the original bytes',
  },
} as const satisfies Record<string, TopicDeclaration>;

export type TopicKey = keyof typeof topics;

export const allTopics: readonly TopicDeclaration[] = Object.values(topics);

/** The subject a topic's value schema is registered under (Confluent's TopicNameStrategy). */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

/** Broker configuration entries for a topic. */
export function topicConfig(topic: TopicDeclaration): { name: string; value: string }[] {
  const entries: { name: string; value: string }[] = [{ name: 'cleanup.policy', value: topic.cleanupPolicy }];
  if (topic.cleanupPolicy === 'delete' && topic.retentionDays !== undefined) {
    entries.push({ name: 'retention.ms', value: String(topic.retentionDays * DAY_MS) });
  }
  if (topic.cleanupPolicy === 'compact') {
    // Tables are read in full at start-up: keep the dirty tail short so they stay small.
    entries.push(
      { name: 'min.cleanable.dirty.ratio', value: '0.1' },
      { name: 'segment.ms', value: String(DAY_MS) },
    );
  }
  return entries;
}
