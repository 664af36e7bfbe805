/**
 * How category text becomes comparable words: the same folding for the taxonomy's names and for
 * what a seller typed, so both sides meet.
 */
import { normaliseSearchText } from './normalise-text.ts';
import { wordStem } from './word-stem.ts';

export interface CategoryWord {
  /** The folded word as written (lower case, ё as е, no punctuation). */
  readonly text: string;
  /** Its stem: singular and plural, and Russian case forms, share one. */
  readonly stem: string;
  /** Length of `text` in code points: how many typos the word may carry depends on it. */
  readonly length: number;
  /** "для" / "for": what follows qualifies the words before it ("Чехлы для смартфонов" are cases). */
  readonly isMarker: boolean;
}

// Words that join or decorate names without telling categories apart ("Фото и видео",
// "Photo & Video", "Наушники с микрофоном").
const STOP_WORDS = new Set([
  'и',
  'или',
  'а',
  'с',
  'со',
  'в',
  'во',
  'на',
  'and',
  'or',
  'the',
  'of',
  'a',
  'an',
  'with',
]);
const MARKERS = new Set(['для', 'for']);

// Apostrophes vanish inside words ("men's" → "mens"); combining marks are dropped so a stress mark
// ("сма́ртфон") does not split a word; every other non-letter, non-digit separates words, which makes
// "TWS-наушники", "tws наушники" and "TWS/наушники" the same.
const APOSTROPHE = /['’‘`ʼ]/gu;
const COMBINING_MARK = /\p{M}/gu;
const SEPARATOR = /[^\p{L}\p{N}]+/gu;

/**
 * Splits category text into folded, stemmed words, without stop words.
 *
 * @example
 * categoryWords('Фото & Видео').map((w) => w.stem); // ['фот', 'виде']
 * categoryWords("Men's Shoes").map((w) => w.stem); // ['man', 'shoe']
 */
export function categoryWords(text: string): CategoryWord[] {
  return normaliseSearchText(text)
    .replace(APOSTROPHE, '')
    .replace(COMBINING_MARK, '')
    .split(SEPARATOR)
    .filter((word) => word !== '' && !STOP_WORDS.has(word))
    .map((word) => ({
      text: word,
      stem: wordStem(word),
      length: Array.from(word).length,
      isMarker: MARKERS.has(word),
    }));
}
