import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latest } from '../../schemas/catalog.ts';
import { samples } from '../../schemas/samples.ts';
import type { OutboxRow } from './claim.ts';
import { deadLetterForRow, identityProblem, rowHeaders } from './row-message.ts';

const event = samples['item-changed'];
const row: OutboxRow = {
  id: '42',
  eventId: event.eventId,
  topic: 'shop.items',
  entityKey: event.item.id,
  entityVersion: event.version,
  payload: JSON.parse(JSON.stringify(event)),
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  createdAt: new Date(0),
};

describe('outbox row messages', () => {
  it('carries the row’s traceparent and event id, and starts a trace when the row has none', () => {
    assert.deepEqual(rowHeaders(row), { traceparent: row.traceparent, 'eshop-event-id': row.eventId });
    assert.match(rowHeaders({ ...row, traceparent: null }).traceparent!, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('finds a payload whose event id or version disagrees with its row', () => {
    assert.equal(identityProblem(row), undefined);
    assert.equal(identityProblem({ ...row, eventId: row.eventId.toUpperCase() }), undefined);
    assert.match(identityProblem({ ...row, entityVersion: 4 })!, /version 3 differs .* entity_version 4/);
    assert.match(identityProblem({ ...row, eventId: 'other' })!, /event_id other/);
    assert.equal(identityProblem({ ...row, payload: 'not an object' }), undefined);
  });

  it('dead-letters a row as a valid DeadLetter holding its JSON payload and headers', () => {
    const letter = deadLetterForRow(row, 'VALIDATION_FAILED', 'bad item.price', rowHeaders(row), 1000);
    assert.ok(latest('dead-letter').type.isValid(letter));
    assert.equal(letter.processor, 'outbox-relay');
    assert.equal(letter.partition, -1);
    assert.equal(letter.offset, 42);
    assert.deepEqual(JSON.parse(letter.value!.toString()), row.payload);
    assert.equal(letter.key!.toString(), row.entityKey);
    assert.equal(letter.headers['eshop-event-id']!.toString(), row.eventId);
  });
});
