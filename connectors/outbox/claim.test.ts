import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entitiesOf, entityOf, publishableRows, type OutboxRow } from './claim.ts';

function row(id: number, entityKey: string, topic = 'shop.items'): OutboxRow {
  return {
    id: String(id),
    eventId: `event-${id}`,
    topic,
    entityKey,
    entityVersion: id,
    payload: {},
    traceparent: null,
    createdAt: new Date(0),
  };
}

const ids = (rows: readonly OutboxRow[]) => rows.map((r) => Number(r.id));
const lockedOf = (...rows: OutboxRow[]) => new Set(rows.map(entityOf));

describe('publishableRows: the order guard of a claim', () => {
  it('publishes every claimed row of the entities it locked when they are all of their unpublished rows', () => {
    const claimed = [row(1, 'a'), row(2, 'b'), row(3, 'a'), row(4, 'b')];
    const { ready, deferred } = publishableRows(claimed, lockedOf(...claimed), claimed);
    assert.deepEqual(ids(ready), [1, 2, 3, 4]);
    assert.equal(deferred, 0);
  });

  it('leaves the rows of an entity whose lock another relay holds', () => {
    const claimed = [row(1, 'a'), row(2, 'b'), row(3, 'a')];
    const { ready, deferred } = publishableRows(claimed, lockedOf(row(0, 'b')), [row(2, 'b')]);
    assert.deepEqual(ids(ready), [2]);
    assert.equal(deferred, 2);
  });

  it('stops an entity at a row another relay row-locks, so a later version cannot overtake it', () => {
    // Row 2 of 'a' was skipped by SKIP LOCKED: the other relay holds it.
    const claimed = [row(1, 'a'), row(3, 'a'), row(4, 'a'), row(5, 'b')];
    const unpublished = [row(1, 'a'), row(2, 'a'), row(3, 'a'), row(4, 'a'), row(5, 'b')];
    const { ready, deferred } = publishableRows(claimed, lockedOf(row(0, 'a'), row(0, 'b')), unpublished);
    assert.deepEqual(ids(ready), [1, 5]);
    assert.equal(deferred, 2);
  });

  it('publishes nothing of an entity whose oldest unpublished row is not claimed', () => {
    const claimed = [row(7, 'a'), row(8, 'a')];
    const unpublished = [row(3, 'a'), row(7, 'a'), row(8, 'a')];
    const { ready, deferred } = publishableRows(claimed, lockedOf(row(0, 'a')), unpublished);
    assert.deepEqual(ids(ready), []);
    assert.equal(deferred, 2);
  });

  it('tells the same key on two topics apart: order is per topic and key, as on Kafka', () => {
    const claimed = [row(1, 'x', 'shop.items'), row(2, 'x', 'shop.comments')];
    const { ready } = publishableRows(claimed, lockedOf(claimed[1]!), [claimed[1]!]);
    assert.deepEqual(ids(ready), [2]);
    assert.deepEqual(entitiesOf([...claimed, row(3, 'x', 'shop.items')]), [
      { topic: 'shop.items', entityKey: 'x' },
      { topic: 'shop.comments', entityKey: 'x' },
    ]);
  });
});
