/**
 * Writing an event to the outbox. Call it inside the transaction that changes the entity, so the
 * change and its event commit together or not at all; the relay publishes the row afterwards.
 *
 * Call it after the statement that writes the entity row: that row's lock makes concurrent
 * writers of one entity wait for each other, so the outbox ids of an entity grow in the same
 * order as its versions, which is the order the relay publishes in.
 *
 * The value is checked against the topic's schema here, so a broken event fails the write that
 * made it instead of reaching the dead-letter topic later.
 *
 * @example
 * const client = await pool.connect();
 * try {
 *   await client.query('BEGIN');
 *   const { rows } = await client.query<{ version: string }>(
 *     'UPDATE items SET price_minor = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version',
 *     [item.id, 129900],
 *   );
 *   const version = Number(rows[0]!.version);
 *   await enqueueEvent(client, {
 *     topic: 'items',
 *     key: item.id,
 *     version,
 *     value: { eventId: randomUUID(), type: 'UPDATED', item, version, changedBy: user.id, occurredAt: Date.now() },
 *     traceparent,
 *   });
 *   await client.query('COMMIT');
 * } catch (error) {
 *   await client.query('ROLLBACK');
 *   throw error;
 * } finally {
 *   client.release();
 * }
 */
import type pg from 'pg';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { TopicValue } from '../../core/events/producer.ts';
import { latest } from '../../schemas/catalog.ts';
import { topics } from '../../schemas/topics.ts';
import { outboxTopicKey, type OutboxTopicKey, type OutboxTopicName } from './outbox-topics.ts';

/** The topic key of `T`, whether `T` is a key ('items') or a platform name ('shop.items'). */
type KeyOf<T extends OutboxTopicKey | OutboxTopicName> = T extends OutboxTopicKey
  ? T
  : { [K in OutboxTopicKey]: (typeof topics)[K]['name'] extends T ? K : never }[OutboxTopicKey];

export interface OutboxEvent<T extends OutboxTopicKey | OutboxTopicName> {
  /** An outbox topic, by key ('items') or platform name ('shop.items'). */
  topic: T;
  /** The entity id: the Kafka key, so all events of one entity stay in order on one partition. */
  key: string;
  /** The entity's version after this change; must equal `value.version`. */
  version: number;
  /** The event; its `eventId` becomes the row's `event_id`, unique across the outbox. */
  value: TopicValue<KeyOf<T>>;
  /** The W3C traceparent of the request that made the change; the relay starts a trace when absent. */
  traceparent?: string;
}

/** Inserts one outbox row; resolves to its id. Throws VALIDATION_FAILED for a value that does not fit. */
export async function enqueueEvent<T extends OutboxTopicKey | OutboxTopicName>(
  client: pg.ClientBase,
  event: OutboxEvent<T>,
): Promise<{ id: string }> {
  const key = outboxTopicKey(event.topic);
  if (!key) {
    throw new PlatformError(ErrorCodes.VALIDATION_FAILED, `${event.topic} is not an outbox topic`, {
      topic: event.topic,
    });
  }
  const { name, schema } = topics[key];
  const bad: string[] = [];
  if (
    !latest(schema).type.isValid(event.value, { errorHook: (path) => bad.push(path.join('.') || '(root)') })
  ) {
    throw new PlatformError(
      ErrorCodes.VALIDATION_FAILED,
      `not a valid ${schema} record: bad ${bad.join(', ')}`,
      {
        schema,
        fields: bad,
      },
    );
  }
  if (event.value.version !== event.version) {
    throw new PlatformError(
      ErrorCodes.VALIDATION_FAILED,
      `version ${event.version} differs from the event's version ${event.value.version}`,
      { schema },
    );
  }
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO outbox (event_id, topic, entity_key, entity_version, payload, traceparent)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id`,
    [
      event.value.eventId,
      name,
      event.key,
      event.version,
      JSON.stringify(event.value),
      event.traceparent ?? null,
    ],
  );
  return { id: rows[0]!.id };
}
