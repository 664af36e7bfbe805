export { scoreComments, sentimentOf } from './score-comments.ts';
