import { EMOJI_VALENCE } from './multilang-lexicon.ts';

/** Valence of one run of unmatched brackets, about that of a smiling or frowning emoji. */
const BRACKET_VALENCE = 2;
const HEART_VALENCE = 3;

/**
 * Sum of the valences of emoji and text smileys in a text, on AFINN's scale.
 *
 * Russian comments smile with bare brackets ("спасибо)))", "жаль(("), so a closing bracket with
 * no opening bracket before it counts as a smile and an opening bracket that is never closed as
 * a frown; a run of them counts once. Balanced brackets are ordinary parentheses. This also
 * covers ":)", ":-(" and the like, whose bracket is unmatched too. "<3" is a heart.
 *
 * @example
 * emoticonValence('Спасибо)))'); // 2
 * emoticonValence('(see below)'); // 0
 */
export function emoticonValence(text: string): number {
  let total = 0;
  // Sizes of the runs of '(' still waiting for their ')', innermost last.
  const openRuns: number[] = [];
  let lastOpen = -2;
  let lastUnmatchedClose = -2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 /* ( */) {
      if (lastOpen !== i - 1 || openRuns.length === 0) openRuns.push(0);
      openRuns[openRuns.length - 1]!++;
      lastOpen = i;
    } else if (c === 0x29 /* ) */) {
      if (openRuns.length > 0) {
        const last = openRuns.length - 1;
        if (--openRuns[last]! === 0) openRuns.pop();
      } else {
        if (lastUnmatchedClose !== i - 1) total += BRACKET_VALENCE;
        lastUnmatchedClose = i;
      }
    } else if (c === 0x3c /* < */ && text.charCodeAt(i + 1) === 0x33 /* 3 */) {
      total += HEART_VALENCE;
    } else if (c >= 0x2000) {
      // Emoji: BMP symbols (❤ ☺ ★) or surrogate pairs.
      const code = text.codePointAt(i)!;
      const valence = EMOJI_VALENCE.get(code);
      if (valence !== undefined) total += valence;
      if (code > 0xffff) i++;
    }
  }
  return total - openRuns.length * BRACKET_VALENCE;
}
