/** Lowercase and fold ё into е, as Russian dictionaries and most writers do. */
export function normaliseRussian(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

/** A token of a Russian comment: a Cyrillic word, a Latin word, or clause punctuation. */
export interface RussianToken {
  text: string;
  kind: 'cyrillic' | 'latin' | 'punctuation';
}

// Hyphenated words ("как-то", "по-моему") split into parts: the sentiment sits in one of them.
const TOKEN = /[а-я]+|[a-z]+|[.,;:!?]/g;

/**
 * Words and clause punctuation of a text already passed through {@link normaliseRussian}.
 *
 * @example
 * tokenizeRussian('не плохо!').map((t) => t.text); // ['не', 'плохо', '!']
 */
export function tokenizeRussian(normalised: string): RussianToken[] {
  const tokens: RussianToken[] = [];
  for (const match of normalised.matchAll(TOKEN)) {
    const text = match[0];
    const first = text.charCodeAt(0);
    const kind = first >= 0x0430 ? 'cyrillic' : first >= 0x61 ? 'latin' : 'punctuation';
    tokens.push({ text, kind });
  }
  return tokens;
}
