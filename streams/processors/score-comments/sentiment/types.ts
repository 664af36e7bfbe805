/** Languages the scorer tells apart; everything that is not Russian is scored as English. */
export type Language = 'en' | 'ru';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** What {@link scoreSentiment} returns for one comment. */
export interface SentimentScore {
  /** Detected language of the text. */
  language: Language;
  /** Polarity from -1 (negative) to 1 (positive); 0 means no evidence either way. */
  score: number;
  /** The score cut into three classes (see `NEUTRAL_BAND`). */
  label: SentimentLabel;
  /** How sure the label is, from 0 to 1 (see `score-sentiment.ts` for how each language gets it). */
  confidence: number;
  /** Version of the English model and the Russian lexicon that produced the score. */
  modelVersion: string;
}
