import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stemRussian } from './russian-stemmer.ts';

describe('stemRussian', () => {
  // Expected stems from the Snowball Russian stemmer's published vocabulary and output.
  const cases: Array<[string, string]> = [
    ['вагоне', 'вагон'],
    ['важнейшие', 'важн'],
    ['бежавшего', 'бежа'],
    ['бесконечной', 'бесконечн'],
    ['благовоспитанный', 'благовоспита'],
    ['благодарности', 'благодарн'],
  ];
  for (const [word, stem] of cases) {
    it(`${word} → ${stem}`, () => assert.equal(stemRussian(word), stem));
  }

  it('gives inflections of one word one stem', () => {
    const forms = ['сломался', 'сломалась', 'сломались'].map(stemRussian);
    assert.deepEqual(new Set(forms).size, 1);
  });

  it('leaves words without a vowel-led region alone', () => {
    assert.equal(stemRussian('вн'), 'вн');
  });
});
