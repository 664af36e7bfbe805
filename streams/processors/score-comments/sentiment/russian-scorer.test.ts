import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreRussian } from './russian-scorer.ts';

const score = (text: string): number => scoreRussian(text).score;

describe('scoreRussian', () => {
  it('scores clear praise positive and clear complaints negative', () => {
    assert.ok(score('Отличный товар, рекомендую!') > 0);
    assert.ok(score('Ужасное качество, сломался через день') < 0);
  });

  it('matches inflected forms through the stemmer and folds ё', () => {
    assert.ok(score('Понравилась') > 0);
    assert.ok(score('Очень довольны покупкой') > 0);
    assert.ok(score('Всё отлично') > 0);
  });

  it('flips a sentiment word after не / нет / ни / без', () => {
    assert.ok(score('хорошо') > 0);
    assert.ok(score('не хорошо') < 0);
    assert.ok(score('плохо') < 0);
    assert.ok(score('не плохо') > 0);
    assert.ok(score('Не понравилось') < 0);
    assert.ok(score('без проблем') > 0);
    assert.ok(score('ни разу не подвел') > 0);
  });

  it('dampens a negated word rather than mirroring it', () => {
    assert.ok(Math.abs(score('не плохо')) < Math.abs(score('плохо')));
  });

  it('lets negation reach over a few words but not past punctuation', () => {
    assert.ok(score('не очень понравилось') < 0);
    assert.ok(score('не знаю. понравилось') > 0);
  });

  it('weighs the clause after "но" more', () => {
    assert.ok(score('Красивый, но сломался') < 0);
    assert.ok(score('Дороговато, но отличное качество') > 0);
  });

  it('gives 0 and no evidence when nothing carries sentiment', () => {
    assert.deepEqual(scoreRussian('Курьер приехал во вторник'), { score: 0, evidence: 0 });
  });

  it('counts bracket smileys', () => {
    assert.ok(score('Спасибо)))') > score('Спасибо'));
  });
});
