import { emoticonValence } from './emoticons.ts';
import { latinValence, russianValence } from './russian-lexicon.ts';
import { RUSSIAN_BOOSTERS, RUSSIAN_CONTRASTS, RUSSIAN_NEGATORS } from './russian-seed-lexicon.ts';
import { normaliseRussian, tokenizeRussian } from './russian-text.ts';

// The rule constants are VADER's (Hutto & Gilbert 2014), measured there on human ratings; they
// were not fitted to any Russian data, so no Russian evaluation set leaks into the scorer.
/** A negated sentiment word flips and weakens: "не плохо" is mildly good, not "хорошо". */
const NEGATION_FACTOR = -0.74;
/** How far a negator reaches: "не очень-то и понравилось" still negates "понравилось". */
const NEGATION_WINDOW = 3;
/** Added to a word's strength after a booster ("очень", "самый"). */
const BOOST = 0.293;
/** Weights of the clauses before and after a contrast ("красивый, но сломался"). */
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
/** Each "!" (up to 4) adds emphasis in the direction the text already leans. */
const EXCLAMATION = 0.292;
const MAX_EXCLAMATIONS = 4;
/** Normalises a sum of valences into (-1, 1): sum / sqrt(sum² + ALPHA). */
const ALPHA = 15;

/** "хаха", "ахахах", "хахаха": laughter, scored like AFINN's "haha". */
const LAUGHTER = /^а?(ха){2,}х?$/;
const LAUGHTER_VALENCE = 2;

/** Raw result of the Russian scorer. */
export interface RussianScore {
  /** Polarity in (-1, 1); exactly 0 when nothing in the text carries sentiment. */
  score: number;
  /** Number of words, emoji and smileys that carried sentiment. */
  evidence: number;
}

/**
 * Lexicon score of a Russian comment: valences of words (translated AFINN-165 and the seed
 * lexicon, matched by word form or Snowball stem), emoji and bracket smileys, with negation,
 * boosters, contrast and exclamation marks handled as VADER does.
 *
 * @example
 * scoreRussian('Не понравилось, качество плохое').score < 0; // true
 */
export function scoreRussian(text: string): RussianScore {
  const tokens = tokenizeRussian(normaliseRussian(text));
  let before = 0; // sum up to the last contrast word
  let after = 0; // sum since it
  let sawContrast = false;
  let evidence = 0;
  let negationLeft = 0;
  let boosted = false;
  let exclamations = 0;

  for (const token of tokens) {
    if (token.kind === 'punctuation') {
      if (token.text === '!') exclamations++;
      negationLeft = 0;
      boosted = false;
      continue;
    }
    const word = token.text;
    if (RUSSIAN_NEGATORS.has(word)) {
      negationLeft = NEGATION_WINDOW;
      continue;
    }
    if (RUSSIAN_BOOSTERS.has(word)) {
      boosted = true;
      continue;
    }
    if (RUSSIAN_CONTRASTS.has(word)) {
      before += after;
      after = 0;
      sawContrast = true;
      negationLeft = 0;
      continue;
    }
    let valence =
      token.kind === 'cyrillic'
        ? LAUGHTER.test(word)
          ? LAUGHTER_VALENCE
          : russianValence(word)
        : latinValence(word);
    if (valence === 0) {
      if (negationLeft > 0) negationLeft--;
      continue;
    }
    if (boosted) valence += Math.sign(valence) * BOOST;
    if (negationLeft > 0) valence *= NEGATION_FACTOR;
    negationLeft = 0;
    boosted = false;
    after += valence;
    evidence++;
  }

  const emoticons = emoticonValence(text);
  if (emoticons !== 0) evidence++;
  let sum = sawContrast ? before * BEFORE_CONTRAST + after * AFTER_CONTRAST : after;
  sum += emoticons;
  if (sum !== 0) sum += Math.sign(sum) * EXCLAMATION * Math.min(exclamations, MAX_EXCLAMATIONS);
  return { score: sum / Math.sqrt(sum * sum + ALPHA), evidence };
}
