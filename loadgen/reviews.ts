/**
 * Reviews whose words agree with their stars: delighted at 5, pleased at 4, mixed at 3,
 * disappointed at 2, furious at 1, in Russian (three in four) or English, about what the product's
 * kind is judged on. Ratings follow the J-shape of shop reviews (many fives, some ones, few in
 * between), tilted by how good the item is, so good items and good sellers rate better.
 */
import type { Aspect } from './product-kinds.ts';
import { WeightedTable, type Random } from './random.ts';
import {
  aspectSentences,
  buts,
  closings,
  openings,
  quibbles,
  type Language,
  type Mood,
} from './review-phrases.ts';

export interface Review {
  readonly text: string;
  /** Stars, 1 to 5. */
  readonly rating: number;
  readonly language: Language;
}

const MOODS: Readonly<Record<number, Mood>> = {
  1: 'furious',
  2: 'disappointed',
  3: 'mixed',
  4: 'pleased',
  5: 'delighted',
};

/** Shares of each star rating for an average item (the J-shape of shop reviews). */
const BASE_RATING_WEIGHTS = [0, 10, 6, 10, 24, 50];

const languages = new WeightedTable<Language>([
  ['ru', 75],
  ['en', 25],
]);

/**
 * A star rating for an item of `quality` (-1 bad … 1 good; 0 average).
 *
 * @example
 * pickRating(rng, 0);    // 5 half the time, 1 one time in ten
 * pickRating(rng, -0.8); // ones and twos much more often
 */
export function pickRating(rng: Random, quality: number): number {
  const weights = BASE_RATING_WEIGHTS.map((weight, stars) => weight * Math.exp(quality * (stars - 3) * 0.6));
  return rng.weighted(weights.map((weight, stars) => [stars, weight] as const).slice(1));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function sentences(
  rng: Random,
  language: Language,
  aspects: readonly Aspect[],
  side: 'good' | 'bad',
  count: number,
): string[] {
  const topics = rng.shuffle([...aspects, 'delivery', 'price'] as const).slice(0, count);
  return topics.map((topic) => rng.pick(aspectSentences[language][`${topic}:${side}`]));
}

/**
 * A review with `rating` stars of a product judged on `aspects`.
 *
 * @example
 * writeReview(rng, 5, ['sound', 'battery']);
 * // { text: 'Супер! Звук чистый и объёмный. Доставка быстрая, упаковано надёжно. Рекомендую!', rating: 5, language: 'ru' }
 */
export function writeReview(
  rng: Random,
  rating: number,
  aspects: readonly Aspect[],
  language = languages.sample(rng),
): Review {
  const mood = MOODS[rating];
  if (mood === undefined) throw new RangeError(`rating must be 1 to 5, got ${rating}`);
  const parts: string[] = [rng.pick(openings[language][mood])];
  const short = rng.chance(0.15);
  switch (mood) {
    case 'delighted':
    case 'pleased':
      if (!short) {
        parts.push(...sentences(rng, language, aspects, 'good', rng.int(1, 2)));
        if (mood === 'pleased' && rng.chance(0.2)) parts.push(rng.pick(quibbles[language]));
        if (rng.chance(0.5)) parts.push(rng.pick(closings[language].good));
      }
      break;
    case 'mixed':
      if (!short || rng.chance(0.5)) {
        const [good] = sentences(rng, language, aspects, 'good', 1);
        const [bad] = sentences(rng, language, aspects, 'bad', 1);
        // Opening or not, a mixed review weighs one good thing against one bad thing.
        if (rng.chance(0.5)) parts.length = 0;
        parts.push(good ?? '', `${rng.pick(buts[language])} ${lowerFirst(bad ?? '')}`);
      }
      break;
    case 'disappointed':
    case 'furious':
      if (!short) {
        parts.push(...sentences(rng, language, aspects, 'bad', rng.int(1, 2)));
        if (rng.chance(0.5)) parts.push(rng.pick(closings[language].bad));
      }
      break;
  }
  let text = parts.join(' ');
  // How people actually type reviews: some all in lower case, some with smileys or ")))".
  if (rng.chance(0.08)) text = text.toLowerCase();
  if (rng.chance(0.06)) {
    if (rating >= 4) text += rng.pick(language === 'ru' ? [' )))', ' :)'] : [' :)', ' :D']);
    else if (rating <= 2) text += ' :(';
  }
  return { text, rating, language };
}
