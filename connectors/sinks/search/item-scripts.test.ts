import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { samples } from '../../../schemas/samples.ts';
import { itemAction, itemDocument, itemExternalVersion, rateAction } from './documents.ts';
import { itemUpdate } from './item-scripts.ts';

const enriched = samples['enriched-item'];

describe('itemUpdate', () => {
  it('upserts a live item’s content in its order, not deleted', () => {
    const update = itemUpdate(itemAction(enriched));
    assert.equal(update.scripted_upsert, true);
    assert.deepEqual(update.upsert, {});
    assert.deepEqual(update.script.params, {
      order: itemExternalVersion(enriched),
      deleted: false,
      doc: itemDocument(enriched),
    });
  });

  it('writes a deleted item as a tombstone that keeps its order and no content', () => {
    const update = itemUpdate(itemAction({ ...enriched, item: { ...enriched.item, deleted: true } }));
    assert.deepEqual(update.script.params, {
      order: itemExternalVersion(enriched),
      deleted: true,
      doc: { id: enriched.item.id },
    });
  });

  it('content and tombstones share one script that compares the order; ratings compare their time', () => {
    const content = itemUpdate(itemAction(enriched)).script.source;
    const tombstone = itemUpdate(itemAction({ ...enriched, item: { ...enriched.item, deleted: true } }))
      .script.source;
    const rating = itemUpdate(rateAction('item-1', { average: 4.5, count: 2 }, 1_700_000_000_000));
    assert.equal(content, tombstone);
    assert.match(content, /params\.order <= stored/);
    assert.match(content, /ctx\._source\.rating = rating/);
    assert.match(rating.script.source, /params\.at <= stored/);
    assert.deepEqual(rating.script.params, { at: 1_700_000_000_000, rating: { average: 4.5, count: 2 } });
    assert.deepEqual(itemUpdate(rateAction('item-1', null, 5)).script.params, { at: 5, rating: null });
  });
});
