/**
 * Comment sentiment for the "score comments" stream processor: one pure, synchronous function,
 * {@link scoreSentiment}, for Russian and English comments.
 */
export { scoreSentiment, MODEL_VERSION, NEUTRAL_BAND } from './score-sentiment.ts';
export { detectLanguage } from './detect-language.ts';
export type { Language, SentimentLabel, SentimentScore } from './types.ts';
