/** The parts of an outbox row's Kafka record that need no service: headers, checks, dead letters. */
import { newTraceparent } from '../../core/events/trace-context.ts';
import type { SchemaTypes } from '../../schemas/types.generated.ts';
import type { OutboxRow } from './claim.ts';

/** The name under which the relay appears in dead letters and logs. */
export const RELAY_NAME = 'outbox-relay';

/** The header carrying the event id, so consumers can drop duplicates without decoding. */
export const EVENT_ID_HEADER = 'eshop-event-id';

export function rowHeaders(row: OutboxRow): Record<string, string> {
  return { traceparent: row.traceparent ?? newTraceparent(), [EVENT_ID_HEADER]: row.eventId };
}

/**
 * Why the row's columns disagree with its payload, or undefined. Consumers drop duplicates by the
 * header's event id or the value's, so the two must be one id; likewise the version.
 */
export function identityProblem(row: OutboxRow): string | undefined {
  const payload = row.payload;
  if (typeof payload !== 'object' || payload === null) return undefined; // the schema check says why
  const { eventId, version } = payload as { eventId?: unknown; version?: unknown };
  if (typeof eventId === 'string' && eventId.toLowerCase() !== row.eventId.toLowerCase())
    return `payload eventId ${eventId} differs from the row's event_id ${row.eventId}`;
  if (version !== undefined && version !== row.entityVersion)
    return `payload version ${String(version)} differs from the row's entity_version ${row.entityVersion}`;
  return undefined;
}

/**
 * The dead letter of a row that can never be published. It never reached a partition, so
 * `partition` is -1 and `offset` is the outbox row id; `value` is the payload as JSON text.
 */
export function deadLetterForRow(
  row: OutboxRow,
  code: string,
  reason: string,
  headers: Record<string, string>,
  failedAt: number,
): SchemaTypes['dead-letter'] {
  return {
    sourceTopic: row.topic,
    partition: -1,
    offset: Number(row.id),
    processor: RELAY_NAME,
    errorCode: code,
    errorMessage: reason.slice(0, 2000),
    key: Buffer.from(row.entityKey),
    value: Buffer.from(JSON.stringify(row.payload)),
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)])),
    failedAt,
  };
}
