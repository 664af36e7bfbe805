/**
 * The Snowball Russian stemmer (Porter's algorithm for Russian, snowballstem.org), written out
 * here rather than taken from npm: the packages that carry it either pull in a whole NLP
 * framework or are unmaintained and untyped, and the algorithm is a page of suffix lists.
 * The input must already be lowercased with ё folded to е (see `normaliseRussian`).
 */

const VOWELS = new Set(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я']);

/** Longest first, so that the first ending that matches is the longest one. */
function byLength(endings: string[]): string[] {
  return [...endings].sort((a, b) => b.length - a.length);
}

// Group 1 endings count only after а or я (which stays); group 2 endings stand alone.
const PERFECTIVE_GERUND_1 = byLength(['в', 'вши', 'вшись']);
const PERFECTIVE_GERUND_2 = byLength(['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись']);
const ADJECTIVE = byLength([
  'ее',
  'ие',
  'ые',
  'ое',
  'ими',
  'ыми',
  'ей',
  'ий',
  'ый',
  'ой',
  'ем',
  'им',
  'ым',
  'ом',
  'его',
  'ого',
  'ему',
  'ому',
  'их',
  'ых',
  'ую',
  'юю',
  'ая',
  'яя',
  'ою',
  'ею',
]);
const PARTICIPLE_1 = byLength(['ем', 'нн', 'вш', 'ющ', 'щ']);
const PARTICIPLE_2 = byLength(['ивш', 'ывш', 'ующ']);
const REFLEXIVE = byLength(['ся', 'сь']);
const VERB_1 = byLength([
  'ла',
  'на',
  'ете',
  'йте',
  'ли',
  'й',
  'л',
  'ем',
  'н',
  'ло',
  'но',
  'ет',
  'ют',
  'ны',
  'ть',
  'ешь',
  'нно',
]);
const VERB_2 = byLength([
  'ила',
  'ыла',
  'ена',
  'ейте',
  'уйте',
  'ите',
  'или',
  'ыли',
  'ей',
  'уй',
  'ил',
  'ыл',
  'им',
  'ым',
  'ен',
  'ило',
  'ыло',
  'ено',
  'ят',
  'ует',
  'уют',
  'ит',
  'ыт',
  'ены',
  'ить',
  'ыть',
  'ишь',
  'ую',
  'ю',
]);
const NOUN = byLength([
  'а',
  'ев',
  'ов',
  'ие',
  'ье',
  'е',
  'иями',
  'ями',
  'ами',
  'еи',
  'ии',
  'и',
  'ией',
  'ей',
  'ой',
  'ий',
  'й',
  'иям',
  'ям',
  'ием',
  'ем',
  'ам',
  'ом',
  'о',
  'у',
  'ах',
  'иях',
  'ях',
  'ы',
  'ь',
  'ию',
  'ью',
  'ю',
  'ия',
  'ья',
  'я',
]);
const SUPERLATIVE = byLength(['ейш', 'ейше']);
const DERIVATIONAL = byLength(['ост', 'ость']);

/** Length of the longest ending of `word` that starts at or after `from`, or 0. */
function endingIn(word: string, endings: string[], from: number): number {
  for (const ending of endings) {
    if (word.length - ending.length >= from && word.endsWith(ending)) return ending.length;
  }
  return 0;
}

/** Like `endingIn`, for group-1 endings: they must follow а or я, itself inside the region. */
function endingAfterAYa(word: string, endings: string[], from: number): number {
  for (const ending of endings) {
    const start = word.length - ending.length;
    if (start - 1 >= from && word.endsWith(ending)) {
      const before = word[start - 1];
      if (before === 'а' || before === 'я') return ending.length;
    }
  }
  return 0;
}

/** Longest of a group-1 (after а/я) or group-2 ending inside the region. */
function groupEnding(word: string, group1: string[], group2: string[], from: number): number {
  return Math.max(endingAfterAYa(word, group1, from), endingIn(word, group2, from));
}

/** RV (after the first vowel) and R2 (R1 of R1, where R1 follows the first vowel-consonant pair). */
function regions(word: string): { rv: number; r2: number } {
  let i = 0;
  while (i < word.length && !VOWELS.has(word[i]!)) i++;
  const rv = Math.min(i + 1, word.length);
  const afterVowelConsonant = (from: number): number => {
    let j = from;
    while (j < word.length && !VOWELS.has(word[j]!)) j++;
    while (j < word.length && VOWELS.has(word[j]!)) j++;
    return Math.min(j + 1, word.length);
  };
  const r1 = afterVowelConsonant(0);
  return { rv, r2: afterVowelConsonant(r1) };
}

/**
 * Stem of a lowercased Russian word.
 *
 * @example
 * stemRussian('понравилось'); // 'понрав'
 * stemRussian('отличные'); // 'отличн'
 */
export function stemRussian(word: string): string {
  const { rv, r2 } = regions(word);
  if (rv >= word.length) return word;
  let w = word;

  // Step 1: a perfective gerund, or else reflexive + adjectival / verb / noun.
  const gerund = groupEnding(w, PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2, rv);
  if (gerund > 0) {
    w = w.slice(0, -gerund);
  } else {
    const reflexive = endingIn(w, REFLEXIVE, rv);
    if (reflexive > 0) w = w.slice(0, -reflexive);
    const adjective = endingIn(w, ADJECTIVE, rv);
    if (adjective > 0) {
      w = w.slice(0, -adjective);
      const participle = groupEnding(w, PARTICIPLE_1, PARTICIPLE_2, rv);
      if (participle > 0) w = w.slice(0, -participle);
    } else {
      const verb = groupEnding(w, VERB_1, VERB_2, rv);
      if (verb > 0) {
        w = w.slice(0, -verb);
      } else {
        const noun = endingIn(w, NOUN, rv);
        if (noun > 0) w = w.slice(0, -noun);
      }
    }
  }

  // Step 2.
  if (w.length > rv && w.endsWith('и')) w = w.slice(0, -1);

  // Step 3: derivational -ость only inside R2.
  const derivational = endingIn(w, DERIVATIONAL, Math.max(r2, rv));
  if (derivational > 0) w = w.slice(0, -derivational);

  // Step 4: undouble н, or drop a superlative then undouble, or drop a final soft sign.
  if (w.length - 2 >= rv && w.endsWith('нн')) {
    w = w.slice(0, -1);
  } else {
    const superlative = endingIn(w, SUPERLATIVE, rv);
    if (superlative > 0) {
      w = w.slice(0, -superlative);
      if (w.length - 2 >= rv && w.endsWith('нн')) w = w.slice(0, -1);
    } else if (w.length > rv && w.endsWith('ь')) {
      w = w.slice(0, -1);
    }
  }
  return w;
}
