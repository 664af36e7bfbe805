import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offsetField, prefixPattern, redisKeys, viewerId } from './keys.ts';

describe('Redis key layout', () => {
  const id = '6f1d7c2e-3b4a-4f5e-9a8b-1c2d3e4f5a6b';

  it('names every key under the prefix, as keys.ts documents it', () => {
    const keys = redisKeys('eshop:');
    assert.deepEqual(
      {
        card: keys.itemCard(id),
        cardVersions: keys.itemCardVersions,
        views: keys.itemViews(id),
        viewers: keys.itemViewers(id),
        trending: keys.trendingItems,
        landmark: keys.trendingLandmark,
        ratings: keys.itemRatings(id),
        sentiment: keys.itemSentiment(id),
        commentVersions: keys.itemCommentVersions(id),
        offsets: keys.sinkOffsets,
      },
      {
        card: `eshop:item:${id}:card`,
        cardVersions: 'eshop:item-card:versions',
        views: `eshop:item:${id}:views`,
        viewers: `eshop:item:${id}:viewers`,
        trending: 'eshop:trending:items',
        landmark: 'eshop:trending:landmark',
        ratings: `eshop:item:${id}:ratings`,
        sentiment: `eshop:item:${id}:sentiment`,
        commentVersions: `eshop:item:${id}:comment-versions`,
        offsets: 'eshop:sink:offsets',
      },
    );
  });

  it('keeps the prefix verbatim, hash tag included', () => {
    assert.equal(redisKeys('{eshop}:').itemViews('x'), '{eshop}:item:x:views');
    assert.equal(redisKeys('').trendingItems, 'trending:items');
  });

  it('names offsets by topic and partition', () => {
    assert.equal(offsetField('shop.activity.enriched', 2), 'shop.activity.enriched:2');
  });

  it('counts a signed-in shopper by user, an anonymous one by session', () => {
    assert.equal(viewerId('user-1', 'session-9'), 'u:user-1');
    assert.equal(viewerId(null, 'session-9'), 's:session-9');
    assert.equal(viewerId(null, ''), '');
  });

  it('escapes glob characters of the prefix in SCAN patterns', () => {
    assert.equal(prefixPattern('eshop:'), 'eshop:*');
    assert.equal(prefixPattern('a*b?[c]\\:'), 'a\\*b\\?\\[c\\]\\\\:*');
  });
});
