import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redisKeys } from './keys.ts';
import { encodeOperation, scriptCall } from './script-arguments.ts';
import { applyComments, applyItemCards, applyItemViews } from './scripts.ts';
import { halfLifeMs, PRUNE_BELOW_SCORE } from './trending-decay.ts';

const keys = redisKeys('p:');
const context = { keys, offsetField: 'shop.x:1', halfLife: halfLifeMs(60) };

describe('script arguments', () => {
  it('passes a card as its key, item id, order and JSON; a deletion as an empty card', () => {
    const card = { id: 'i1' } as never;
    assert.deepEqual(encodeOperation('7', { kind: 'card', itemId: 'i1', order: '42', card }, keys), {
      keys: ['p:item:i1:card'],
      args: ['7', 'i1', '42', '{"id":"i1"}'],
      bytes: 'p:item:i1:card'.length + '7i142{"id":"i1"}'.length,
    });
    const deletion = encodeOperation('8', { kind: 'card', itemId: 'i1', order: '43', card: null }, keys);
    assert.deepEqual(deletion.args, ['8', 'i1', '43', '']);
  });

  it('passes a view as its counters’ keys, viewer, time and landmark', () => {
    const view = { kind: 'view', itemId: 'i1', viewer: 's:9', eventTime: 1000, landmark: 0 } as const;
    assert.deepEqual(encodeOperation('3', view, keys), {
      keys: ['p:item:i1:views', 'p:item:i1:viewers'],
      args: ['3', 'i1', 's:9', '1000', '0'],
      bytes: 'p:item:i1:viewsp:item:i1:viewers'.length + '3i1s:910000'.length,
    });
  });

  it('passes a review as its item’s summary keys; a deleted one without rating', () => {
    const review = {
      kind: 'comment',
      itemId: 'i1',
      commentId: 'c1',
      version: 2,
      deleted: false,
      rating: 5,
      scoreMicros: -250_000,
      label: 'NEGATIVE',
    } as const;
    const encoded = encodeOperation('11', review, keys);
    assert.deepEqual(encoded.keys, [
      'p:item:i1:comment-versions',
      'p:item:i1:ratings',
      'p:item:i1:sentiment',
    ]);
    assert.deepEqual(encoded.args, ['11', 'c1', '2', '5', '-250000', 'NEGATIVE']);
    const deleted = encodeOperation(
      '12',
      { ...review, deleted: true, rating: 0, scoreMicros: 0, label: '' },
      keys,
    );
    assert.deepEqual(deleted.args, ['12', 'c1', '2', '', '0', '']);
  });

  it('puts the offsets hash, the shared keys and the operations in the order the scripts read them', () => {
    const a = { keys: ['k1', 'k2'], args: ['1', 'a'], bytes: 0 };
    const b = { keys: ['k3', 'k4'], args: ['2', 'b'], bytes: 0 };
    assert.deepEqual(scriptCall('view', [a, b], '5', context), {
      script: applyItemViews,
      keys: ['p:sink:offsets', 'p:trending:items', 'p:trending:landmark', 'k1', 'k2', 'k3', 'k4'],
      args: ['shop.x:1', '5', String(halfLifeMs(60)), String(PRUNE_BELOW_SCORE), '1', 'a', '2', 'b'],
    });
    assert.deepEqual(scriptCall('card', [], '9', context), {
      script: applyItemCards,
      keys: ['p:sink:offsets', 'p:item-card:versions'],
      args: ['shop.x:1', '9'],
    });
    assert.equal(scriptCall('comment', [a], '1', context).script, applyComments);
  });

  it('prepends the offset guard to every script', () => {
    for (const script of [applyItemCards, applyItemViews, applyComments]) {
      assert.match(script.source, /^-- The head of every apply-\*\.lua script/u);
      assert.match(script.sha, /^[0-9a-f]{40}$/u);
    }
  });
});
