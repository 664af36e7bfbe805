import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreSentiment } from '../streams/processors/score-comments/sentiment/index.ts';
import { productKinds } from './product-kinds.ts';
import { Random } from './random.ts';
import { aspectSentences, closings, openings } from './review-phrases.ts';
import { pickRating, writeReview, type Review } from './reviews.ts';

const kinds = Object.values(productKinds);

function reviews(rating: number, n: number, seed = 1): Review[] {
  const rng = Random.derive(seed, `reviews-${rating}`);
  return Array.from({ length: n }, () => writeReview(rng, rating, rng.pick(kinds).aspects));
}

describe('writeReview', () => {
  // The platform's own sentiment scorer (score-comments) reads what the generator writes: the
  // words must say what the stars say, as they do in real reviews.
  it('writes reviews whose sentiment, as the scorer reads it, agrees with the stars', () => {
    const meanScore: number[] = [];
    for (const rating of [1, 2, 3, 4, 5]) {
      const scored = reviews(rating, 1500).map((review) => scoreSentiment(review.text));
      const share = (label: string): number => scored.filter((s) => s.label === label).length / scored.length;
      meanScore[rating] = scored.reduce((sum, s) => sum + s.score, 0) / scored.length;
      if (rating >= 4) assert.ok(share('positive') >= 0.95, `${rating}★ positive ${share('positive')}`);
      // Idioms ("Деньги на ветер", "Не покупайте!") are realistic and the lexicon misses some of them.
      if (rating <= 2) assert.ok(share('negative') >= 0.85, `${rating}★ negative ${share('negative')}`);
      if (rating === 3) {
        assert.ok(share('positive') < 0.8 && share('negative') < 0.8, `3★ is mixed, not one-sided`);
      }
    }
    for (let rating = 2; rating <= 5; rating += 1) {
      assert.ok(
        (meanScore[rating] as number) > (meanScore[rating - 1] as number),
        `mean score must grow with the stars: ${meanScore
          .slice(1)
          .map((s) => s.toFixed(2))
          .join(' < ')}`,
      );
    }
  });

  it('never puts a complaint in a good review or praise in a bad one', () => {
    const bad = new Set<string>();
    const good = new Set<string>();
    for (const language of ['ru', 'en'] as const) {
      for (const [key, sentences] of Object.entries(aspectSentences[language])) {
        for (const sentence of sentences) (key.endsWith(':bad') ? bad : good).add(sentence.toLowerCase());
      }
      for (const sentence of [
        ...openings[language].furious,
        ...openings[language].disappointed,
        ...closings[language].bad,
      ]) {
        bad.add(sentence.toLowerCase());
      }
      for (const sentence of [
        ...openings[language].delighted,
        ...openings[language].pleased,
        ...closings[language].good,
      ]) {
        good.add(sentence.toLowerCase());
      }
    }
    // Reviews are phrases joined by spaces: split them back into sentences and look each one up.
    const contains = (text: string, phrases: Set<string>): string | undefined =>
      text
        .toLowerCase()
        .split(/(?<=[.!?])\s+/u)
        .find((sentence) => phrases.has(sentence));
    for (const review of [...reviews(4, 500), ...reviews(5, 500)]) {
      assert.equal(contains(review.text, bad), undefined, review.text);
    }
    for (const review of [...reviews(1, 500), ...reviews(2, 500)]) {
      assert.equal(contains(review.text, good), undefined, review.text);
    }
  });

  it('writes varied texts, three in four in Russian', () => {
    const written = reviews(5, 2000, 2);
    assert.ok(new Set(written.map((r) => r.text)).size > 1000, 'texts repeat too often');
    const russian = written.filter((r) => r.language === 'ru').length / written.length;
    assert.ok(russian > 0.7 && russian < 0.8, `Russian share ${russian}`);
    for (const review of written) assert.notEqual(review.text.trim(), '');
  });

  it('refuses a rating outside 1 to 5', () => {
    assert.throws(() => writeReview(new Random(1), 0, []), RangeError);
    assert.throws(() => writeReview(new Random(1), 6, []), RangeError);
  });
});

describe('pickRating', () => {
  function shares(quality: number): number[] {
    const rng = Random.derive(3, `ratings-${quality}`);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 20_000; i += 1) {
      const rating = pickRating(rng, quality);
      counts[rating] = (counts[rating] ?? 0) + 1;
    }
    return counts.map((count) => count / 20_000);
  }

  it('draws the J-shape of shop reviews: many fives, more ones than twos, few in between', () => {
    const average = shares(0);
    assert.equal(average[0], 0);
    assert.ok((average[5] as number) > 0.4, `5★ ${average[5]}`);
    assert.ok((average[1] as number) > (average[2] as number), 'more ones than twos');
    assert.ok((average[4] as number) > (average[3] as number));
  });

  it('rates good items better than bad ones', () => {
    const good = shares(0.8);
    const bad = shares(-0.8);
    assert.ok((good[5] as number) > (bad[5] as number) + 0.2);
    assert.ok((bad[1] as number) + (bad[2] as number) > 2 * ((good[1] as number) + (good[2] as number)));
  });
});
