import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from './detect-language.ts';

describe('detectLanguage', () => {
  it('tells Russian from English by the Cyrillic share of letters', () => {
    assert.equal(detectLanguage('Отличный товар'), 'ru');
    assert.equal(detectLanguage('Great product'), 'en');
  });

  it('keeps Russian reviews that name products in Latin script Russian', () => {
    assert.equal(detectLanguage('Отличный iPhone, рекомендую'), 'ru');
  });

  it('counts ё and capitals as Cyrillic', () => {
    assert.equal(detectLanguage('ЁЛКА'), 'ru');
  });

  it('defaults to English when there are no letters', () => {
    assert.equal(detectLanguage(''), 'en');
    assert.equal(detectLanguage('12345 !!! 👍'), 'en');
  });
});
