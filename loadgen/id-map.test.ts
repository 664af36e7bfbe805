import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdMap } from './id-map.ts';

describe('IdMap', () => {
  it('maps generated ids to API ids with what was sent', () => {
    const ids = new IdMap<{ name: string }>();
    ids.set('gen-1', 'api-1', { name: 'a' });
    assert.deepEqual(ids.get('gen-1'), { apiId: 'api-1', sent: { name: 'a' } });
    ids.set('gen-1', 'api-1', { name: 'b' });
    assert.deepEqual(ids.get('gen-1')?.sent, { name: 'b' });
    ids.delete('gen-1');
    assert.equal(ids.get('gen-1'), undefined);
    assert.equal(ids.size, 0);
  });

  it('makes who waits for an expected id wait until it is created', async () => {
    const ids = new IdMap<null>(['gen-1']);
    let resolved: unknown = 'pending';
    const waiting = ids.wait('gen-1').then((mapped) => (resolved = mapped));
    await Promise.resolve();
    assert.equal(resolved, 'pending');
    assert.equal(ids.pending, 1);
    ids.set('gen-1', 'api-1', null);
    await waiting;
    assert.deepEqual(resolved, { apiId: 'api-1', sent: null });
    assert.equal(ids.pending, 0);
  });

  it('gives undefined to who waits once the creation failed', async () => {
    const ids = new IdMap<null>(['gen-1']);
    const waiting = ids.wait('gen-1');
    ids.failed('gen-1');
    assert.equal(await waiting, undefined);
  });

  it('answers at once for an id nobody expects', async () => {
    const ids = new IdMap<null>(['gen-1']);
    assert.equal(await ids.wait('unknown'), undefined);
  });

  it('does not make a created id pending again', async () => {
    const ids = new IdMap<null>();
    ids.set('gen-1', 'api-1', null);
    ids.expect('gen-1');
    assert.deepEqual(await ids.wait('gen-1'), { apiId: 'api-1', sent: null });
  });
});
