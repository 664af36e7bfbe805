import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from './random.ts';
import { messySpacing, typo, typoInText, varyCase, wrongLayout } from './text-noise.ts';

describe('text noise', () => {
  it('makes one typo: a letter replaced, dropped, doubled or swapped, never the first one', () => {
    const rng = new Random(1);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) {
      const word = typo(rng, 'наушники');
      seen.add(word);
      assert.equal(word[0], 'н');
      assert.ok(Math.abs(word.length - 'наушники'.length) <= 1, word);
      assert.notEqual(word, 'наушники');
    }
    assert.ok(seen.size > 15, `only ${seen.size} different typos`);
    assert.equal(typo(rng, 'ssd'), 'ssd', 'short words are left alone');
  });

  it('puts the typo into a long enough word of a phrase', () => {
    const rng = new Random(2);
    for (let i = 0; i < 100; i += 1) {
      const [first, second] = typoInText(rng, 'tv смартфоны').split(' ');
      assert.equal(first, 'tv');
      assert.notEqual(second, 'смартфоны');
    }
  });

  it('types Russian with the English layout on, and back', () => {
    assert.equal(wrongLayout('ноутбук'), 'yjen,er');
    assert.equal(wrongLayout('ghbdtn'), 'привет');
  });

  it('varies case and spacing without changing the letters', () => {
    const rng = new Random(3);
    for (let i = 0; i < 50; i += 1) {
      assert.equal(varyCase(rng, 'Умный дом').toLowerCase(), 'умный дом');
      assert.equal(messySpacing(rng, 'Умный дом').trim().replace(/\s+/gu, ' '), 'Умный дом');
    }
  });
});
