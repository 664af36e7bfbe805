/** A word of an English comment, with whether it stands in a negation's scope. */
export interface EnglishToken {
  word: string;
  negated: boolean;
}

/** Words that put the following words of their clause in a negation's scope. */
const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'nowhere',
  'neither',
  'nor',
  'cannot',
  'without',
  'hardly',
  'barely',
]);

/** Words that end a negation's scope like punctuation does ("not cheap, but it works"). */
const SCOPE_BREAKERS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though']);

// Contractions are split the way the Penn-tokenised training sets already are ("does n't"),
// so "doesn't" and "does n't" give the same tokens: "does", "not".
const NOT_CONTRACTION = /n['’]t\b/g;
const TOKEN = /[a-z0-9\u00e0-\u024f]+|[.,;:!?]/g;

/**
 * Lowercased words of an English text, each marked when a negator earlier in its clause
 * governs it (Das & Chen 2001), plus "!" and "?" which carry tone. The other punctuation only
 * closes a negation's scope.
 *
 * @example
 * tokenizeEnglish("Doesn't work!").map((t) => (t.negated ? 'NOT_' : '') + t.word);
 * // ['does', 'not', 'NOT_work', '!']
 */
export function tokenizeEnglish(text: string): EnglishToken[] {
  const tokens: EnglishToken[] = [];
  let negated = false;
  const normalised = text.toLowerCase().replace(NOT_CONTRACTION, ' not');
  for (const match of normalised.matchAll(TOKEN)) {
    const word = match[0];
    const first = word.charCodeAt(0);
    const isPunctuation = first < 0x30 || (first > 0x39 && first < 0x61);
    if (isPunctuation) {
      negated = false;
      if (word === '!' || word === '?') tokens.push({ word, negated: false });
      continue;
    }
    if (SCOPE_BREAKERS.has(word)) negated = false;
    tokens.push({ word, negated });
    if (NEGATORS.has(word)) negated = true;
  }
  return tokens;
}
