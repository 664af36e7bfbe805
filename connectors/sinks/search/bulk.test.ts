import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bulkVerbOf, classifyBulkItem } from './bulk.ts';
import { commentAction, itemAction, rateAction } from './documents.ts';
import { samples } from '../../../schemas/samples.ts';

describe('classifyBulkItem', () => {
  it('counts created, updated and deleted documents as written', () => {
    assert.deepEqual(classifyBulkItem('index', { status: 201, result: 'created' }), { kind: 'written' });
    assert.deepEqual(classifyBulkItem('index', { status: 200, result: 'updated' }), { kind: 'written' });
    assert.deepEqual(classifyBulkItem('delete', { status: 200, result: 'deleted' }), { kind: 'written' });
  });

  it('counts deleting a document that is not there as written (the delete version is recorded)', () => {
    assert.deepEqual(classifyBulkItem('delete', { status: 404, result: 'not_found' }), { kind: 'written' });
  });

  it('counts an update the script turned into a no-op as stale', () => {
    assert.deepEqual(classifyBulkItem('update', { status: 200, result: 'noop' }), { kind: 'stale' });
    assert.deepEqual(classifyBulkItem('update', { status: 201, result: 'created' }), { kind: 'written' });
  });

  it('retries an update that lost a race more often than retry_on_conflict allowed', () => {
    const conflict = {
      status: 409,
      error: { type: 'version_conflict_engine_exception', reason: 'required seqNo [4], current [5]' },
    };
    assert.equal(classifyBulkItem('update', conflict).kind, 'retry');
  });

  it('treats a version conflict as stale: the engine has this version or a newer one', () => {
    const conflict = {
      status: 409,
      error: { type: 'version_conflict_engine_exception', reason: 'current version [5] is higher or equal' },
    };
    assert.deepEqual(classifyBulkItem('index', conflict), { kind: 'stale' });
    assert.deepEqual(classifyBulkItem('delete', conflict), { kind: 'stale' });
  });

  it('retries back-pressure, server errors and a missing index', () => {
    for (const item of [
      { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } },
      { status: 503, error: { type: 'unavailable_shards_exception', reason: 'primary not active' } },
      { status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [shop-items]' } },
    ]) {
      assert.equal(classifyBulkItem('index', item).kind, 'retry', JSON.stringify(item));
      assert.equal(classifyBulkItem('delete', item).kind, 'retry', JSON.stringify(item));
    }
  });

  it('rejects a mapping error for good, with the engine’s reason and its cause', () => {
    const outcome = classifyBulkItem('index', {
      status: 400,
      error: {
        type: 'mapper_parsing_exception',
        reason: 'failed to parse field [price.amountMinor] of type [integer]',
        caused_by: {
          type: 'input_coercion_exception',
          reason: 'Numeric value (5000000000) out of range of int',
        },
      },
    });
    assert.deepEqual(outcome, {
      kind: 'rejected',
      reason:
        'mapper_parsing_exception: failed to parse field [price.amountMinor] of type [integer] ' +
        '(input_coercion_exception: Numeric value (5000000000) out of range of int)',
    });
  });
});

describe('bulkVerbOf', () => {
  it('sends items as scripted updates and reviews as external-version index or delete', () => {
    const item = samples['enriched-item'];
    const review = samples['scored-comment'];
    assert.equal(bulkVerbOf(itemAction(item)), 'update');
    assert.equal(bulkVerbOf(itemAction({ ...item, item: { ...item.item, deleted: true } })), 'update');
    assert.equal(bulkVerbOf(rateAction('item-1', { average: 4, count: 2 }, 1)), 'update');
    assert.equal(bulkVerbOf(commentAction(review)), 'index');
    assert.equal(bulkVerbOf(commentAction({ ...review, deleted: true })), 'delete');
  });
});
