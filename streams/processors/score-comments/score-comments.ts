/**
 * Score comments: each review gets its language and a sentiment score, label, confidence and the
 * model version, so analytics can compare sentiment over time and across model versions.
 *
 * A deleted review is passed on (deleted = true, scored as before) so sinks can remove it.
 */
import { ErrorCodes } from '../../../core/errors/index.ts';
import { topics } from '../../../schemas/topics.ts';
import type { CommentChanged, ScoredComment, Sentiment } from '../../../schemas/types.generated.ts';
import { emit, reject, type Processor } from '../../runtime/processor.ts';
import { scoreSentiment, type SentimentScore } from './sentiment/index.ts';

const LANGUAGES: Record<SentimentScore['language'], Sentiment['language']> = { en: 'EN', ru: 'RU' };
const LABELS: Record<SentimentScore['label'], Sentiment['label']> = {
  negative: 'NEGATIVE',
  neutral: 'NEUTRAL',
  positive: 'POSITIVE',
};

/** The sentiment record of a text, in the schema's terms. */
export function sentimentOf(text: string): Sentiment {
  const score = scoreSentiment(text);
  return {
    language: LANGUAGES[score.language],
    score: score.score,
    label: LABELS[score.label],
    confidence: score.confidence,
    modelVersion: score.modelVersion,
  };
}

/**
 * @example
 * const result = scoreComments.process(commentChanged, context);
 * // { kind: 'emit', records: [{ topic: topics.commentsScored, key: comment.id, value: { ..., sentiment } }] }
 */
export const scoreComments: Processor<CommentChanged, ScoredComment> = {
  name: 'score-comments',
  inputs: [topics.comments],
  outputs: [topics.commentsScored],
  process(event) {
    const { comment } = event;
    if (event.type === 'UNKNOWN') return reject(ErrorCodes.VALIDATION_FAILED, 'unknown change type');
    if (!Number.isInteger(comment.rating) || comment.rating < 1 || comment.rating > 5) {
      return reject(ErrorCodes.VALIDATION_FAILED, `rating must be 1 to 5, got ${comment.rating}`);
    }
    if (event.type !== 'DELETED' && comment.text.trim() === '') {
      return reject(ErrorCodes.VALIDATION_FAILED, 'comment text is empty');
    }
    return emit({
      topic: topics.commentsScored,
      key: comment.id,
      value: {
        comment,
        deleted: event.type === 'DELETED',
        version: event.version,
        sentiment: sentimentOf(comment.text),
        occurredAt: event.occurredAt,
        sourceEventId: event.eventId,
      },
    });
  },
};
