/**
 * How a relay claims outbox rows so that two relays never publish the same row and never publish
 * an entity's events out of order. One claim is one Postgres transaction (READ COMMITTED):
 *
 * 1. `CLAIM_ROWS` row-locks the oldest unpublished rows no other relay holds (FOR UPDATE SKIP
 *    LOCKED). A row another relay has just marked published is re-checked under the lock and
 *    dropped, so a claimed row is unpublished and stays so until we commit: no row is published
 *    by two relays (short of a crash between the Kafka ack and our commit; see relay.ts).
 * 2. SKIP LOCKED alone breaks order: relay A may hold an entity's version 1 while relay B claims
 *    its version 2. So `LOCK_ENTITIES` takes a transaction-scoped advisory lock per entity
 *    (pg_try_advisory_xact_lock, never waits, so no deadlock); an entity whose lock another relay
 *    holds is left for later. Whoever publishes an entity's rows holds its lock from before the
 *    send until the commit that marks them published.
 * 3. Holding the lock is not enough either: B may have taken it first while A still row-locks an
 *    earlier version, which B skipped. So, with the lock held, `UNPUBLISHED_OF_ENTITIES` lists the
 *    entity's unpublished rows afresh (a new statement sees every commit made before it, including
 *    the last lock holder's), and `publishableRows` keeps only the claimed rows that form a prefix
 *    of that list: each published row has every earlier row of its entity either acknowledged by
 *    Kafka before an earlier holder committed, or sent ahead of it in this batch.
 *
 * The advisory lock key hashes the outbox's schema, topic and entity key, so relays of different
 * outboxes in one database do not contend; a hash collision only serialises two entities.
 */

/** One outbox row, as the relay publishes it. */
export interface OutboxRow {
  /** bigserial, as a string (pg returns int8 as text). */
  id: string;
  eventId: string;
  /** The topic's platform name (`shop.items`). */
  topic: string;
  entityKey: string;
  entityVersion: number;
  /** The event in the JSON form of its Avro value. */
  payload: unknown;
  traceparent: string | null;
  createdAt: Date;
}

export interface ClaimedRowRecord {
  id: string;
  event_id: string;
  topic: string;
  entity_key: string;
  entity_version: string;
  payload: unknown;
  traceparent: string | null;
  created_at: Date;
}

export const CLAIM_ROWS = `
  SELECT id, event_id, topic, entity_key, entity_version, payload, traceparent, created_at
  FROM outbox
  WHERE published_at IS NULL
  ORDER BY id
  LIMIT $1
  FOR UPDATE SKIP LOCKED`;

/** $1 topics, $2 entity keys (pairwise); answers one row per entity: { n, locked } (n from 1). */
export const LOCK_ENTITIES = `
  SELECT e.n::int AS n,
         pg_try_advisory_xact_lock(hashtextextended(current_schema() || '/' || e.topic || '/' || e.key, 0)) AS locked
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS e(topic, key, n)`;

/** $1 the highest claimed id, $2 topics, $3 entity keys: their unpublished rows up to $1, in order. */
export const UNPUBLISHED_OF_ENTITIES = `
  SELECT o.id, o.topic, o.entity_key
  FROM outbox o
  JOIN unnest($2::text[], $3::text[]) AS e(topic, key) ON o.topic = e.topic AND o.entity_key = e.key
  WHERE o.published_at IS NULL AND o.id <= $1
  ORDER BY o.id`;

export const MARK_PUBLISHED = `UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`;

/**
 * Deletes up to $2 published rows created and published more than $1 ms ago, oldest first. The
 * outbox has no index on published_at; ids grow with created_at, so the scan is bounded by the
 * first id created after the cutoff and walks the primary key only over rows older than it.
 */
export const DELETE_PUBLISHED = `
  DELETE FROM outbox WHERE id IN (
    SELECT id FROM outbox
    WHERE id < COALESCE(
            (SELECT id FROM outbox WHERE created_at >= now() - $1 * interval '1 millisecond' ORDER BY id LIMIT 1),
            9223372036854775807)
      AND published_at < now() - $1 * interval '1 millisecond'
    ORDER BY id
    LIMIT $2
    FOR UPDATE SKIP LOCKED)`;

export function toOutboxRow(record: ClaimedRowRecord): OutboxRow {
  return {
    id: record.id,
    eventId: record.event_id,
    topic: record.topic,
    entityKey: record.entity_key,
    entityVersion: Number(record.entity_version),
    payload: record.payload,
    traceparent: record.traceparent,
    createdAt: record.created_at,
  };
}

/** The identity of an entity for ordering: events are ordered per topic and key, as on Kafka. */
export function entityOf(row: { topic: string; entityKey: string }): string {
  // NUL cannot occur in Postgres text, so the pair is unambiguous.
  return `${row.topic}\u0000${row.entityKey}`;
}

/** The distinct entities of `rows`, in order of first appearance. */
export function entitiesOf(rows: readonly OutboxRow[]): { topic: string; entityKey: string }[] {
  const seen = new Map<string, { topic: string; entityKey: string }>();
  for (const row of rows) {
    const entity = entityOf(row);
    if (!seen.has(entity)) seen.set(entity, { topic: row.topic, entityKey: row.entityKey });
  }
  return [...seen.values()];
}

/**
 * The claimed rows that may be published now (step 3 above), in id order, and how many must wait.
 *
 * @param claimed     the rows this transaction row-locked, in id order
 * @param locked      the entities (entityOf) whose advisory lock this transaction holds
 * @param unpublished every unpublished row of the locked entities up to the highest claimed id, in
 *                    id order, read after the locks were taken
 */
export function publishableRows(
  claimed: readonly OutboxRow[],
  locked: ReadonlySet<string>,
  unpublished: readonly { id: string; topic: string; entityKey: string }[],
): { ready: OutboxRow[]; deferred: number } {
  const pending = new Map<string, string[]>();
  for (const row of unpublished) {
    const entity = entityOf(row);
    let ids = pending.get(entity);
    if (!ids) pending.set(entity, (ids = []));
    ids.push(row.id);
  }
  const next = new Map<string, number>();
  const blocked = new Set<string>();
  const ready: OutboxRow[] = [];
  for (const row of claimed) {
    const entity = entityOf(row);
    if (!locked.has(entity) || blocked.has(entity)) continue;
    const at = next.get(entity) ?? 0;
    if (pending.get(entity)?.[at] === row.id) {
      ready.push(row);
      next.set(entity, at + 1);
    } else {
      // An earlier row of this entity is not ours (another relay row-locks it): it goes first.
      blocked.add(entity);
    }
  }
  return { ready, deferred: claimed.length - ready.length };
}
