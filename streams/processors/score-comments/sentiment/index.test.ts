import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODEL_VERSION, NEUTRAL_BAND, scoreSentiment, type SentimentScore } from './index.ts';

const english = {
  positive: [
    'Works great, highly recommend it',
    'Excellent sound quality and the battery lasts for days',
    'I love this camera, the pictures are beautiful',
  ],
  negative: [
    'Battery died after two days, very disappointed',
    'Terrible product, it broke within a week. Waste of money',
    'This is not good',
  ],
};
const russian = {
  positive: [
    'Отличный товар, рекомендую!',
    'Очень довольна покупкой, спасибо)))',
    'Всё супер, пришло быстро',
  ],
  negative: [
    'Ужасное качество, не рекомендую',
    'Сломался через неделю, разочарован',
    'Не работает, верните деньги',
  ],
};

function assertWellFormed(result: SentimentScore): void {
  assert.ok(result.score >= -1 && result.score <= 1, `score ${result.score} out of [-1, 1]`);
  assert.ok(result.confidence >= 0 && result.confidence <= 1, `confidence ${result.confidence}`);
  assert.ok(['negative', 'neutral', 'positive'].includes(result.label));
  const expected =
    Math.abs(result.score) < NEUTRAL_BAND ? 'neutral' : result.score > 0 ? 'positive' : 'negative';
  assert.equal(result.label, expected);
}

describe('scoreSentiment', () => {
  for (const [language, sets] of [
    ['en', english],
    ['ru', russian],
  ] as const) {
    for (const text of sets.positive) {
      it(`${language} positive: ${text}`, () => {
        const result = scoreSentiment(text);
        assert.equal(result.language, language);
        assert.equal(result.label, 'positive');
        assertWellFormed(result);
      });
    }
    for (const text of sets.negative) {
      it(`${language} negative: ${text}`, () => {
        const result = scoreSentiment(text);
        assert.equal(result.language, language);
        assert.equal(result.label, 'negative');
        assertWellFormed(result);
      });
    }
  }

  it('keeps score, label and confidence in range for odd input', () => {
    const odd = [
      '',
      '   ',
      '!!!',
      '12345',
      '👍👍👍',
      '((((',
      'a'.repeat(10_000),
      'не '.repeat(500),
      '\u0000\uffff',
    ];
    for (const text of odd) assertWellFormed(scoreSentiment(text));
  });

  it('reports no sentiment for text with nothing to go on', () => {
    for (const text of ['', '...', 'Курьер приехал во вторник']) {
      const result = scoreSentiment(text);
      assert.equal(result.score, 0);
      assert.equal(result.label, 'neutral');
    }
  });

  it('is deterministic', () => {
    const texts = [...english.positive, ...english.negative, ...russian.positive, ...russian.negative];
    const first = texts.map(scoreSentiment);
    // Other calls in between must not leak state into a score.
    scoreSentiment('Something else entirely, with many different words to hash');
    assert.deepEqual(texts.map(scoreSentiment), first);
  });

  it('sets the model version', () => {
    const result = scoreSentiment('ok');
    assert.equal(result.modelVersion, MODEL_VERSION);
    assert.match(result.modelVersion, /^en-nbsvm-h\d+-\d{8}\+ru-lexicon-\d+$/);
  });

  it('handles English negation', () => {
    assert.ok(scoreSentiment('it does not work').score < 0);
    assert.ok(scoreSentiment("it doesn't work").score < 0);
  });
});
