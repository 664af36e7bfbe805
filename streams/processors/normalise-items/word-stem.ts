/**
 * A deliberately light stemmer for category words: it only has to make singular and plural (and,
 * in Russian, the common case and adjective endings) of one word meet, because both the taxonomy's
 * names and the seller's text go through it. It is not a linguistic stemmer: over-stemming is fine
 * as long as two different categories do not collapse, which the taxonomy tests check.
 */

// Longest first, so "игровые" loses "ые" rather than just "е".
const RUSSIAN_ENDINGS = [
  'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими',
  'ах', 'ях', 'ов', 'ев', 'ей', 'ий', 'ый', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ых', 'их',
  'ым', 'им', 'ую', 'юю', 'ам', 'ям', 'ом', 'ем',
  'ы', 'и', 'а', 'я', 'о', 'е', 'у', 'ю', 'ь', 'й',
]; // prettier-ignore

// Possessives arrive without their apostrophe ("men's" → "mens"), so they are listed as well.
const ENGLISH_IRREGULAR: Readonly<Record<string, string>> = {
  men: 'man',
  mens: 'man',
  women: 'woman',
  womens: 'woman',
  children: 'child',
  childrens: 'child',
  mice: 'mouse',
  feet: 'foot',
  teeth: 'tooth',
  knives: 'knife',
  people: 'person',
};

// Short stems ("дом", "тв", "pc") are left whole: cutting them would merge unrelated words.
const MIN_STEM_LENGTH = 3;

const CYRILLIC_WORD = /^[\p{Script=Cyrillic}]+$/u;
const LATIN_WORD = /^[a-z]+$/u;

function russianStem(word: string): string {
  for (const ending of RUSSIAN_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM_LENGTH) {
      return word.slice(0, -ending.length);
    }
  }
  return word;
}

function englishStem(word: string): string {
  const irregular = ENGLISH_IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/u.test(word)) return word.slice(0, -2);
  if (word.length >= 3 && word.endsWith('s') && !/(?:ss|us|is)$/u.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * The stem of one lower-cased word: Russian endings cut, English plurals made singular; words of
 * other scripts, with digits or mixed scripts are returned unchanged.
 *
 * @example
 * wordStem('смартфоны') === wordStem('смартфон'); // true, both 'смартфон'
 * wordStem('игровые') === wordStem('игровая'); // true, both 'игров'
 * wordStem('accessories'); // 'accessory'
 */
export function wordStem(word: string): string {
  if (CYRILLIC_WORD.test(word)) return russianStem(word);
  if (LATIN_WORD.test(word)) return englishStem(word);
  return word;
}
