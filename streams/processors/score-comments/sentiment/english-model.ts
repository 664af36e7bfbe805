import { englishFeatures } from './english-features.ts';
import { decodeEnglishWeights, englishLogit, type EnglishWeightsFile } from './english-weights.ts';
import file from './model/en-weights.json' with { type: 'json' };

// Decoded once at module load: the only I/O the scorer does, and it happens at import time.
const MODEL = decodeEnglishWeights(file as EnglishWeightsFile);

/** Version of the committed English model (`en-nbsvm-h18-YYYYMMDD`). */
export const ENGLISH_MODEL_VERSION = MODEL.version;

/** Raw result of the English model. */
export interface EnglishScore {
  /** Estimated probability that the text is positive. */
  probability: number;
  /** Whether any word, emoji or smiley was there to go on. */
  hasEvidence: boolean;
}

/**
 * Probability that an English text is positive, from the committed hashed n-gram model.
 *
 * @example
 * scoreEnglish('Works great, highly recommend').probability > 0.5; // true
 */
export function scoreEnglish(text: string): EnglishScore {
  const features = englishFeatures(text, MODEL.features);
  const hasEvidence =
    features.buckets.length > 0 || features.lexiconPositive > 0 || features.lexiconNegative > 0;
  const logit = englishLogit(MODEL, features);
  return { probability: 1 / (1 + Math.exp(-logit)), hasEvidence };
}
