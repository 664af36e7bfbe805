import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenizeEnglish } from './english-text.ts';

const marked = (text: string): string[] =>
  tokenizeEnglish(text).map((t) => (t.negated ? `NOT_${t.word}` : t.word));

describe('tokenizeEnglish', () => {
  it('splits contractions the way the Penn-tokenised sets are split', () => {
    assert.deepEqual(marked("Doesn't work!"), marked("does n't work !"));
    assert.deepEqual(marked("Doesn't work!"), ['does', 'not', 'NOT_work', '!']);
  });

  it('ends a negation at punctuation and at "but"', () => {
    assert.deepEqual(marked('not cheap, works'), ['not', 'NOT_cheap', 'works']);
    assert.deepEqual(marked('not cheap but works'), ['not', 'NOT_cheap', 'but', 'works']);
  });
});
