import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { samples } from '../../../schemas/samples.ts';
import type { EnrichedActivity, ScoredComment, UserActivity } from '../../../schemas/types.generated.ts';
import { toItemCard } from './item-card.ts';
import { commentOperation, itemCardOperation, viewOperation } from './operations.ts';
import { halfLifeMs, landmarkFor } from './trending-decay.ts';

const hour = halfLifeMs(60);
const itemSample = samples['enriched-item'];

function activity(overrides: Partial<UserActivity>): EnrichedActivity {
  const sample = samples['enriched-activity'];
  return { ...sample, activity: { ...sample.activity, search: null, ...overrides } };
}

function scored(overrides: Partial<ScoredComment> = {}, rating = 4, score = 0.5): ScoredComment {
  const sample = samples['scored-comment'];
  return {
    ...sample,
    ...overrides,
    comment: { ...sample.comment, rating },
    sentiment: { ...sample.sentiment, score, label: score > 0.2 ? 'POSITIVE' : 'NEUTRAL' },
  };
}

describe('record → Redis operation', () => {
  describe('enriched item', () => {
    it('writes the card, ordered by item and seller version', () => {
      assert.deepEqual(itemCardOperation(itemSample), {
        kind: 'card',
        itemId: itemSample.item.id,
        order: String(3 * 2 ** 21 + 1),
        card: toItemCard(itemSample),
      });
    });

    it('deletes the card of a deleted item, still ordered', () => {
      const deleted = { ...itemSample, item: { ...itemSample.item, deleted: true, version: 4 } };
      assert.deepEqual(itemCardOperation(deleted), {
        kind: 'card',
        itemId: itemSample.item.id,
        order: String(4 * 2 ** 21 + 1),
        card: null,
      });
    });

    it('rejects an item without id or with versions it cannot order', () => {
      const noId = itemCardOperation({ ...itemSample, item: { ...itemSample.item, id: ' ' } });
      assert.deepEqual(noId, { kind: 'reject', reason: 'item.id must not be empty, got " "' });
      const huge = itemCardOperation({ ...itemSample, seller: { ...itemSample.seller!, version: 2 ** 21 } });
      assert.equal(huge.kind, 'reject');
      assert.match(huge.kind === 'reject' ? huge.reason : '', /cannot be ordered/u);
      assert.equal(itemCardOperation({ enrichedAt: 1 }).kind, 'reject');
    });
  });

  describe('enriched activity', () => {
    const at = Date.UTC(2026, 10, 25, 12, 30);

    it('counts a page view of an item, by user when signed in, else by session', () => {
      const view = activity({
        type: 'PAGE_VIEW',
        itemId: 'item-1',
        userId: null,
        sessionId: 's-1',
        occurredAt: at,
      });
      assert.deepEqual(viewOperation(view, hour), {
        kind: 'view',
        itemId: 'item-1',
        viewer: 's:s-1',
        eventTime: at,
        landmark: landmarkFor(at, hour),
      });
      const signedIn = activity({ type: 'PAGE_VIEW', itemId: 'item-1', userId: 'u-7', occurredAt: at });
      assert.equal((viewOperation(signedIn, hour) as { viewer?: string }).viewer, 'u:u-7');
    });

    it('counts nothing for other actions or a view of no item, and rejects nothing for them', () => {
      assert.deepEqual(viewOperation(samples['enriched-activity'], hour), { kind: 'none' });
      assert.deepEqual(viewOperation(activity({ type: 'CLICK', itemId: 'item-1' }), hour), { kind: 'none' });
      assert.deepEqual(viewOperation(activity({ type: 'PAGE_VIEW', itemId: null, page: '/' }), hour), {
        kind: 'none',
      });
      assert.deepEqual(viewOperation(activity({ type: 'PAGE_VIEW', itemId: '' }), hour), { kind: 'none' });
    });

    it('rejects a view without a usable time, and a value that is no activity', () => {
      const view = activity({ type: 'PAGE_VIEW', itemId: 'item-1', occurredAt: Number.NaN });
      assert.equal(viewOperation(view, hour).kind, 'reject');
      assert.equal(viewOperation(null, hour).kind, 'reject');
    });
  });

  describe('scored comment', () => {
    it('counts a review with its rating, score in millionths and label', () => {
      assert.deepEqual(commentOperation(scored({ version: 2 }, 4, 0.5)), {
        kind: 'comment',
        itemId: samples['scored-comment'].comment.itemId,
        commentId: samples['scored-comment'].comment.id,
        version: 2,
        deleted: false,
        rating: 4,
        scoreMicros: 500_000,
        label: 'POSITIVE',
      });
      const negative = commentOperation(scored({}, 1, -0.1234567));
      assert.equal(negative.kind === 'comment' && negative.scoreMicros, -123_457);
    });

    it('takes a deleted review out whatever its rating says', () => {
      assert.deepEqual(commentOperation(scored({ deleted: true, version: 3 }, 0, Number.NaN)), {
        kind: 'comment',
        itemId: samples['scored-comment'].comment.itemId,
        commentId: samples['scored-comment'].comment.id,
        version: 3,
        deleted: true,
        rating: 0,
        scoreMicros: 0,
        label: '',
      });
    });

    it('rejects ratings out of 1-5, scores out of -1..1, empty ids and bad versions', () => {
      const reasons = [
        scored({}, 6),
        scored({}, 0),
        scored({}, 4.5),
        scored({}, 4, 1.5),
        scored({}, 4, Number.NaN),
        scored({ version: -1 }),
        { ...scored(), comment: { ...scored().comment, itemId: '' } },
        { ...scored(), comment: { ...scored().comment, id: '' } },
      ].map((value) => {
        const operation = commentOperation(value);
        return operation.kind === 'reject' ? operation.reason : `not rejected: ${operation.kind}`;
      });
      assert.deepEqual(reasons, [
        'comment.rating must be an integer from 1 to 5, got 6',
        'comment.rating must be an integer from 1 to 5, got 0',
        'comment.rating must be an integer from 1 to 5, got 4.5',
        'sentiment.score must be a number from -1 to 1, got 1.5',
        'sentiment.score must be a number from -1 to 1, got NaN',
        'version must be a non-negative integer, got -1',
        'comment.itemId must not be empty, got ""',
        'comment.id must not be empty, got ""',
      ]);
    });
  });
});
