import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordStem } from './word-stem.ts';

function assertSameStem(...words: string[]): void {
  const stems = new Set(words.map(wordStem));
  assert.equal(stems.size, 1, `${words.join(', ')} → ${[...stems].join(', ')}`);
}

describe('wordStem', () => {
  it('makes Russian singular, plural and case forms meet', () => {
    assertSameStem('смартфон', 'смартфоны', 'смартфонов', 'смартфона', 'смартфонами');
    assertSameStem('ноутбук', 'ноутбуки', 'ноутбуков');
    assertSameStem('камера', 'камеры', 'камер', 'камерой');
    assertSameStem('консоль', 'консоли', 'консолей');
    assertSameStem('мышь', 'мыши');
    assertSameStem('игровой', 'игровые', 'игровая', 'игровых');
    assertSameStem('умный', 'умные', 'умная');
    assertSameStem('дом', 'дома');
  });

  it('makes English plurals singular', () => {
    assertSameStem('phone', 'phones');
    assertSameStem('accessory', 'accessories');
    assertSameStem('watch', 'watches');
    assertSameStem('box', 'boxes');
    assertSameStem('glass', 'glasses');
    assertSameStem('shoe', 'shoes');
    assertSameStem('tv', 'tvs');
    assertSameStem('woman', 'women', 'womens');
    assertSameStem('mouse', 'mice');
  });

  it('leaves short words, words with digits and other scripts alone', () => {
    assert.equal(wordStem('тв'), 'тв');
    assert.equal(wordStem('дом'), 'дом');
    assert.equal(wordStem('bus'), 'bus');
    assert.equal(wordStem('ps5'), 'ps5');
    assert.equal(wordStem('4k'), '4k');
    assert.equal(wordStem('手机'), '手机');
  });
});
