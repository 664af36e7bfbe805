import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { samples } from '../../../schemas/samples.ts';
import type { CommentChanged, ScoredComment } from '../../../schemas/types.generated.ts';
import { latest } from '../../../schemas/catalog.ts';
import type { ProcessorContext } from '../../runtime/processor.ts';
import { scoreComments } from './score-comments.ts';

const context: ProcessorContext = {
  topic: 'shop.comments',
  partition: 0,
  offset: '0',
  timestamp: 0,
  tables: { get: () => undefined, lookup: () => [] },
};

function withComment(text: string, rating = 5, type: CommentChanged['type'] = 'CREATED'): CommentChanged {
  const base = samples['comment-changed'];
  return { ...base, type, comment: { ...base.comment, text, rating } };
}

function scored(event: CommentChanged): ScoredComment {
  const result = scoreComments.process(event, context);
  assert.equal(result.kind, 'emit');
  return result.records[0]!.value;
}

describe('score comments', () => {
  it('scores a Russian review positive and keys the output by comment id', () => {
    const event = withComment('Отличный товар! Качество на высоте, доставка быстрая.');
    const result = scoreComments.process(event, context);
    assert.equal(result.kind, 'emit');
    assert.equal(result.records[0]!.key, event.comment.id);
    const { sentiment } = result.records[0]!.value;
    assert.equal(sentiment.language, 'RU');
    assert.equal(sentiment.label, 'POSITIVE');
    assert.ok(sentiment.score > 0 && sentiment.score <= 1);
    assert.ok(sentiment.modelVersion.length > 0);
  });

  it('scores an English complaint negative', () => {
    const { sentiment } = scored(withComment('Terrible quality, it broke after two days. Do not buy.', 1));
    assert.equal(sentiment.language, 'EN');
    assert.equal(sentiment.label, 'NEGATIVE');
    assert.ok(sentiment.score < 0);
  });

  it('produces records valid for the scored-comment schema', () => {
    assert.ok(latest('scored-comment').type.isValid(scored(withComment('Nice lamp'))));
  });

  it('passes deletions on, flagged', () => {
    assert.equal(scored(withComment('', 3, 'DELETED')).deleted, true);
  });

  it('rejects impossible ratings, empty texts and unknown change types with reasons', () => {
    for (const [event, reason] of [
      [withComment('ok', 0), /rating must be 1 to 5/],
      [withComment('ok', 6), /rating must be 1 to 5/],
      [withComment('   '), /empty/],
      [withComment('ok', 4, 'UNKNOWN'), /unknown change type/],
    ] as const) {
      const result = scoreComments.process(event, context);
      assert.equal(result.kind, 'reject');
      assert.equal(result.code, 'VALIDATION_FAILED');
      assert.match(result.reason, reason);
    }
  });
});
