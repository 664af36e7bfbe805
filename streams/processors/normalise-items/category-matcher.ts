/**
 * Maps the free-text category a seller typed onto the canonical taxonomy.
 *
 * Matching works on folded words (see category-words.ts: case, ё/е, NFKC, punctuation and word
 * order do not matter; singular, plural and Russian case forms share a stem), in this order:
 *
 * 1. exact: the words are a name or synonym of one category ("Смартфоны", "mobile phones");
 * 2. compact: the same with the spaces removed ("smart phones" = "smartphones");
 * 3. scored: every word of a name must match a distinct word of the input, exactly or with a few
 *    typos (Damerau-Levenshtein ≤ 1 when both words have 5+ letters, ≤ 2 when both have 9+; by
 *    stem or by written form), and the input may carry extra words ("Смартфоны Apple"). Fewest extra words wins, then fewest typos.
 *    Words after "для"/"for" only qualify ("Чехлы для смартфонов" are cases, not phones);
 * 4. path: "Электроника > Смартфоны" or "Electronics/Phones/Apple" — if the whole text matches
 *    nothing, its segments are tried from the most specific one.
 *
 * A tie between categories that are not on one branch is no match: an unknown category is kept
 * and flagged for review, a wrong one would silently hide the item in the wrong department. On
 * one branch the deeper category wins ("Аудиотехника наушники" is headphones).
 */
import type { Category } from '../../../schemas/types.generated.ts';
import { categoryWords, type CategoryWord } from './category-words.ts';
import { editDistance } from './edit-distance.ts';
import { flattenTaxonomy, taxonomyTree, type TaxonomyCategory, type TaxonomyNode } from './taxonomy.ts';
import { wordStem } from './word-stem.ts';

export interface CategoryMatcher {
  /**
   * The canonical category of `raw`; unknown categories come back with `id: null`, `path: []` and
   * `known: false`, never as an error. `raw` is kept exactly as given.
   */
  match(raw: string): Category;
}

export interface CategoryMatcherOptions {
  /**
   * How many distinct raw categories to remember. Sellers reuse a handful of spellings, so a small
   * cache skips the scored pass for nearly every item; when it fills up it is emptied, which keeps
   * memory bounded whatever the input. Default 10 000.
   */
  cacheSize: number;
}

const defaultCategoryMatcherOptions: CategoryMatcherOptions = { cacheSize: 10_000 };

// Separators of a category path as sellers and other shops' exports write it.
const PATH_SEPARATOR = /\s*(?:[/\\|>»→]|::)\s*/u;

interface Phrase {
  readonly category: TaxonomyCategory;
  readonly words: readonly CategoryWord[];
  readonly contentWords: number;
  readonly hasMarker: boolean;
}

interface Score {
  readonly extraWords: number;
  readonly typos: number;
}

/** How many typos a word of `length` letters may carry and still match. */
export function allowedTypos(length: number): number {
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

function exactKey(words: readonly CategoryWord[]): string {
  return words
    .map((word) => word.stem)
    .sort()
    .join(' ');
}

function compactKey(words: readonly CategoryWord[]): string {
  return wordStem(words.map((word) => word.text).join(''));
}

function compare(a: Score, b: Score): number {
  return a.extraWords - b.extraWords || a.typos - b.typos;
}

// The largest budget allowedTypos() ever grants: distances beyond it are all "no match".
const MAX_TYPOS = 2;

interface VocabularyWord {
  readonly word: string;
  /** In code points. */
  readonly length: number;
}

/** The distinct stems and the distinct written forms of the taxonomy's words. */
interface Vocabulary {
  readonly stems: readonly VocabularyWord[];
  readonly texts: readonly VocabularyWord[];
}

/** The vocabulary within MAX_TYPOS of one input word: distance by stem and by written form. */
interface NearWords {
  readonly stems: Map<string, number>;
  readonly texts: Map<string, number>;
}

function within(word: string, vocabulary: readonly VocabularyWord[]): Map<string, number> {
  const length = Array.from(word).length;
  const near = new Map<string, number>();
  for (const candidate of vocabulary) {
    if (Math.abs(candidate.length - length) > MAX_TYPOS) continue;
    const distance = candidate.word === word ? 0 : editDistance(candidate.word, word, MAX_TYPOS);
    if (distance <= MAX_TYPOS) near.set(candidate.word, distance);
  }
  return near;
}

/**
 * The taxonomy's words near one input word, computed once per input word: phrases share words
 * ("игровые", "для", "phones"), and one pass over the vocabulary with a length filter is far
 * cheaper than comparing words phrase by phrase. Written forms are compared as well as stems
 * because a typo in an ending can change how a word stems ("умного" → "умн", "умнго" → "умнг").
 */
function nearWords(word: CategoryWord, vocabulary: Vocabulary): NearWords {
  return { stems: within(word.stem, vocabulary.stems), texts: within(word.text, vocabulary.texts) };
}

/**
 * Typos between `word` and one input word, or undefined when they do not match. Stems and written
 * forms are judged each by their own length: stems are shorter, and one edit between two four-letter
 * stems ("проч" of "прочее", "проз" of "проза") is a different word, not a typo.
 */
function wordDistance(word: CategoryWord, input: CategoryWord, near: NearWords): number | undefined {
  const letters = (text: string) => Array.from(text).length;
  const byStem = near.stems.get(word.stem);
  const byText = near.texts.get(word.text);
  const stemOk =
    byStem !== undefined && byStem <= allowedTypos(Math.min(letters(word.stem), letters(input.stem)))
      ? byStem
      : undefined;
  const textOk =
    byText !== undefined && byText <= allowedTypos(Math.min(letters(word.text), letters(input.text)))
      ? byText
      : undefined;
  if (stemOk === undefined) return textOk;
  return textOk === undefined ? stemOk : Math.min(stemOk, textOk);
}

interface Assignment {
  readonly phrase: readonly CategoryWord[];
  readonly input: readonly CategoryWord[];
  /** Input words `0 … candidates-1` may be matched (the head, or all words). */
  readonly candidates: number;
  readonly near: readonly NearWords[];
  readonly used: boolean[];
  best: number;
}

// Phrases have a handful of words, so trying every assignment of phrase words to distinct input
// words is cheap and finds the one with the fewest typos. A plain recursive function rather than a
// closure per phrase: this runs for every phrase of the taxonomy on every cache miss.
function assignWords(state: Assignment, index: number, typos: number): void {
  if (typos >= state.best) return;
  const word = state.phrase[index];
  if (word === undefined) {
    state.best = typos;
    return;
  }
  for (let i = 0; i < state.candidates; i++) {
    if (state.used[i]) continue;
    const distance = wordDistance(word, state.input[i]!, state.near[i]!);
    if (distance === undefined) continue;
    state.used[i] = true;
    assignWords(state, index + 1, typos + distance);
    state.used[i] = false;
  }
}

function buildIndex(
  categories: readonly TaxonomyCategory[],
  key: (words: readonly CategoryWord[]) => string,
  phrases: readonly Phrase[],
): Map<string, TaxonomyCategory> {
  const index = new Map<string, TaxonomyCategory>();
  const conflicts: string[] = [];
  for (const phrase of phrases) {
    const phraseKey = key(phrase.words);
    const existing = index.get(phraseKey);
    if (existing !== undefined && existing.id !== phrase.category.id) {
      conflicts.push(`"${phraseKey}" names both ${existing.id} and ${phrase.category.id}`);
    }
    index.set(phraseKey, phrase.category);
  }
  if (conflicts.length > 0) {
    // A programming error in the taxonomy data: fail at start-up, not item by item.
    throw new Error(`ambiguous category taxonomy (${categories.length} categories): ${conflicts.join('; ')}`);
  }
  return index;
}

/**
 * Builds a matcher over a taxonomy tree (by default the shop's, see taxonomy.ts). Throws when two
 * categories share a name after folding, since then matching could not tell them apart.
 *
 * @example
 * const matcher = createCategoryMatcher();
 * matcher.match('Смартфоны'); // { raw: 'Смартфоны', id: 'electronics.phones', path: ['Electronics', 'Phones'], known: true }
 * matcher.match('mobile phones').id; // 'electronics.phones'
 * matcher.match('Наушнеки').id; // 'electronics.audio.headphones' (one typo)
 * matcher.match('Электроника > Смартфоны').id; // 'electronics.phones'
 * matcher.match('Всякое разное'); // { raw: 'Всякое разное', id: null, path: [], known: false }
 */
export function createCategoryMatcher(
  tree: readonly TaxonomyNode[] = taxonomyTree,
  options: Partial<CategoryMatcherOptions> = {},
): CategoryMatcher {
  const { cacheSize } = { ...defaultCategoryMatcherOptions, ...options };
  const categories = flattenTaxonomy(tree);
  const byId = new Map(categories.map((category) => [category.id, category]));
  const phrases: Phrase[] = categories.flatMap((category) =>
    category.names.map((name) => {
      const words = categoryWords(name);
      return {
        category,
        words,
        contentWords: words.filter((word) => !word.isMarker).length,
        hasMarker: words.some((word) => word.isMarker),
      };
    }),
  );
  const exactIndex = buildIndex(categories, exactKey, phrases);
  const compactIndex = buildIndex(categories, compactKey, phrases);
  const distinct = (words: string[]): VocabularyWord[] =>
    [...new Set(words)].map((word) => ({ word, length: Array.from(word).length }));
  const allWords = phrases.flatMap((phrase) => phrase.words);
  const vocabulary: Vocabulary = {
    stems: distinct(allWords.map((word) => word.stem)),
    texts: distinct(allWords.map((word) => word.text)),
  };
  const cache = new Map<string, TaxonomyCategory | null>();

  const isAncestor = (ancestor: TaxonomyCategory, of: TaxonomyCategory): boolean =>
    of.id.startsWith(`${ancestor.id}.`);

  const scored = (input: readonly CategoryWord[]): TaxonomyCategory | null => {
    const firstMarker = input.findIndex((word) => word.isMarker);
    const head = firstMarker === -1 ? input.length : firstMarker;
    const inputContentWords = input.filter((word) => !word.isMarker).length;
    const near = input.map((word) => nearWords(word, vocabulary));
    const used = input.map(() => false);
    const best = new Map<string, Score>();
    for (const phrase of phrases) {
      // The head comes first in the input, so "only the head" is a prefix of it.
      const candidates = phrase.hasMarker ? input.length : head;
      if (phrase.words.length === 0 || phrase.words.length > candidates) continue;
      const state: Assignment = {
        phrase: phrase.words,
        input,
        candidates,
        near,
        used,
        best: Number.POSITIVE_INFINITY,
      };
      assignWords(state, 0, 0);
      if (!Number.isFinite(state.best)) continue;
      const score = { extraWords: inputContentWords - phrase.contentWords, typos: state.best };
      const previous = best.get(phrase.category.id);
      if (previous === undefined || compare(score, previous) < 0) best.set(phrase.category.id, score);
    }
    let winners: TaxonomyCategory[] = [];
    let winningScore: Score | undefined;
    for (const [id, score] of best) {
      const category = byId.get(id)!;
      const order = winningScore === undefined ? -1 : compare(score, winningScore);
      if (order < 0) {
        winners = [category];
        winningScore = score;
      } else if (order === 0) {
        winners.push(category);
      }
    }
    const deepest = winners.filter((winner) => !winners.some((other) => isAncestor(winner, other)));
    return deepest.length === 1 ? deepest[0]! : null;
  };

  const matchText = (text: string): TaxonomyCategory | null => {
    const words = categoryWords(text);
    if (words.length === 0) return null;
    return exactIndex.get(exactKey(words)) ?? compactIndex.get(compactKey(words)) ?? scored(words);
  };

  const resolve = (raw: string): TaxonomyCategory | null => {
    const whole = matchText(raw);
    if (whole !== null) return whole;
    const segments = raw.split(PATH_SEPARATOR);
    if (segments.length < 2) return null;
    for (const segment of segments.reverse()) {
      const match = matchText(segment);
      if (match !== null) return match;
    }
    return null;
  };

  return {
    match: function matchCategory(raw) {
      let category = cache.get(raw);
      if (category === undefined) {
        category = resolve(raw);
        if (cache.size >= cacheSize) cache.clear();
        cache.set(raw, category);
      }
      // Fresh arrays every time: records must not share mutable state through the cache.
      return category === null
        ? { raw, id: null, path: [], known: false }
        : { raw, id: category.id, path: [...category.path], known: true };
    },
  };
}
