import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emoticonValence } from './emoticons.ts';

describe('emoticonValence', () => {
  it('reads unmatched closing brackets as a smile and unclosed ones as a frown', () => {
    assert.ok(emoticonValence('Спасибо)))') > 0);
    assert.ok(emoticonValence('жаль((') < 0);
    assert.ok(emoticonValence('ok :)') > 0);
    assert.ok(emoticonValence('meh :-(') < 0);
  });

  it('counts a run of brackets once', () => {
    assert.equal(emoticonValence(')))))'), emoticonValence(')'));
  });

  it('ignores balanced parentheses', () => {
    assert.equal(emoticonValence('the case (black) fits'), 0);
  });

  it('scores emoji and hearts', () => {
    assert.ok(emoticonValence('👍') > 0);
    assert.ok(emoticonValence('😡') < 0);
    assert.ok(emoticonValence('<3') > 0);
  });
});
