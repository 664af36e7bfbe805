/**
 * The ways people mistype: a slipped key, a dropped or doubled letter, swapped neighbours, the
 * wrong keyboard layout (Russian typed with the English layout on), odd case and spacing. Sellers
 * make these in categories and titles, shoppers in search queries; the platform has to cope.
 */
import type { Random } from './random.ts';

// Neighbouring keys on the ЙЦУКЕН and QWERTY layouts, row by row: a slipped finger lands here.
const KEY_ROWS = ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

const neighbours = new Map<string, string>();
for (const row of KEY_ROWS) {
  for (let i = 0; i < row.length; i += 1) {
    neighbours.set(row.charAt(i), (row.charAt(i - 1) + row.charAt(i + 1)).trim());
  }
}

// The same physical keys on both layouts, for "ноутбук" typed as "yjen,er".
const RUSSIAN_KEYS = 'йцукенгшщзхъфывапролджэячсмитьбю.';
const ENGLISH_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,./";

const LETTER = /\p{L}/u;

/**
 * The word with one typo: a neighbouring key, a dropped, doubled or transposed letter. Words of
 * fewer than four letters come back unchanged (a typo there makes a different word, not a typo).
 *
 * @example
 * typo(rng, 'наушники'); // e.g. 'нвушники', 'наушнки', 'науушники' or 'нашуники'
 */
export function typo(rng: Random, word: string): string {
  const letters = [...word];
  if (letters.filter((c) => LETTER.test(c)).length < 4) return word;
  // Never the first letter: people rarely get that one wrong, and search engines rely on it.
  const positions = letters.map((c, i) => (i > 0 && LETTER.test(c) ? i : -1)).filter((i) => i > 0);
  const i = rng.pick(positions);
  const c = letters[i] as string;
  switch (rng.int(0, 3)) {
    case 0: {
      const near = neighbours.get(c.toLowerCase());
      if (near) {
        const replacement = near.charAt(rng.int(0, near.length - 1));
        letters[i] = c === c.toLowerCase() ? replacement : replacement.toUpperCase();
        break;
      }
      letters.splice(i, 1);
      break;
    }
    case 1:
      letters.splice(i, 1);
      break;
    case 2:
      letters.splice(i, 0, c);
      break;
    default: {
      const j = i + 1 < letters.length && LETTER.test(letters[i + 1] as string) ? i + 1 : i - 1;
      letters[i] = letters[j] as string;
      letters[j] = c;
    }
  }
  return letters.join('');
}

/** One typo in one word of `text` that is long enough to carry one (see {@link typo}). */
export function typoInText(rng: Random, text: string, minLength = 5): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => ([...w].length >= minLength ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const i = rng.pick(candidates);
  words[i] = typo(rng, words[i] as string);
  return words.join(' ');
}

/**
 * Text as typed with the other keyboard layout: Russian letters become the English keys in their
 * place ("ноутбук" → "yjen,er") and the other way round.
 */
export function wrongLayout(text: string): string {
  return [...text]
    .map((c) => {
      const lower = c.toLowerCase();
      const ru = RUSSIAN_KEYS.indexOf(lower);
      if (ru >= 0 && lower !== '.') return ENGLISH_KEYS.charAt(ru);
      const en = ENGLISH_KEYS.indexOf(lower);
      if (en >= 0 && LETTER.test(c)) return RUSSIAN_KEYS.charAt(en);
      return c;
    })
    .join('');
}

/** The same words in another case: as is, lower, UPPER or Title Case. */
export function varyCase(rng: Random, text: string): string {
  switch (rng.int(0, 3)) {
    case 0:
      return text.toLowerCase();
    case 1:
      return text.toUpperCase();
    case 2:
      return text
        .toLowerCase()
        .replace(/(^|\s)(\p{L})/gu, (_match, space: string, letter: string) => space + letter.toUpperCase());
    default:
      return text;
  }
}

/** Stray spaces around and inside: what copy-paste from a spreadsheet leaves behind. */
export function messySpacing(rng: Random, text: string): string {
  const inner = rng.chance(0.5) ? text.replace(' ', '  ') : text;
  return `${rng.chance(0.5) ? ' ' : ''}${inner}${rng.chance(0.7) ? '  ' : ' '}`;
}

/** Upper-cases the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
