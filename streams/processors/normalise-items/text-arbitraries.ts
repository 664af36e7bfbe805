/**
 * Test support: fast-check generators of the text that breaks normalisers — every code point,
 * lone surrogates, all kinds of whitespace, invisible characters, combining marks, compatibility
 * characters, ё and markup characters — mixed with ordinary Russian and English words.
 */
import fc from 'fast-check';

const TRICKY = [
  ' ', '\t', '\n', '\r', '\u000B', '\u000C', '\u0085', '\u00A0', '\u1680', '\u2000', '\u2007', '\u200A',
  '\u2028', '\u2029', '\u202F', '\u205F', '\u3000', '\uFEFF', '\u0000', '\u001F', '\u007F', '\u009F',
  '\u00AD', '\u200B', '\u200C', '\u200D', '\u200E', '\u202E', '\u2060', '\u2066',
  '\u0301', '\u0308', '\u0306', '\u0323', '\u0300', 'е', 'Е', 'ё', 'Ё', 'и', 'й', 'İ', 'ǅ', 'ß', 'ẞ', 'Σ',
  'ﬁ', 'ℌ', '①', '²', 'Ａ', 'ｱ', '㌀', '\uD800', '\uDC00', '😀', '👍🏽', 'é',
  '<', '>', '&', ';', '#', 'x', '"', "'", '/', '=',
]; // prettier-ignore

const WORDS = [
  'смартфон',
  'Ноутбуки',
  'iPhone',
  'наушники',
  'GB',
  '128',
  'Ёлка',
  'amp',
  'nbsp',
  'lt',
  'p',
  'br',
];

/** One piece of text: a tricky character, any code point, a grapheme or a word. */
export const textPiece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.constantFrom(...WORDS),
);

/** Text made of up to `maxPieces` pieces. */
export function text(maxPieces = 24): fc.Arbitrary<string> {
  return fc.array(textPiece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}
