/**
 * Text normalisation shared by item text, category matching and search queries: one definition,
 * so a query typed by a shopper folds exactly like the item text it should find.
 */

// Invisible characters that only break matching: soft hyphen, zero-width space, direction marks,
// bidi embeddings and isolates, word joiner, BOM. Zero-width (non-)joiners are kept on purpose:
// emoji sequences and some scripts need them. Removed before NFKC, so that a mark they separated
// from its base character composes with it.
const INVISIBLE = /[\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

// JavaScript's \s covers Unicode White_Space except U+0085 (NEL). Control characters count as
// whitespace too: in shop data they are separators pasted from spreadsheets, never content.
// Lone surrogates become U+FFFD, as the UTF-8 encoder of the Avro writer would make them anyway.
const WHITESPACE_RUN = /[\s\p{Cc}]+/gu;
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * Normalises display text: Unicode NFKC, every run of whitespace (NBSP, ideographic space, line
 * breaks, tabs, control characters) collapsed to one space, trimmed, invisible characters removed.
 * Idempotent: normalising twice gives the same text.
 *
 * @example
 * normaliseText('  iPhone\u00A013\n\tＰｒｏ  '); // 'iPhone 13 Pro'
 */
export function normaliseText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

// Folding can create new composable pairs (е + U+0308 becomes ё again under NFKC, and NFKC turns a
// few lower-case compatibility letters into capitals), so folding repeats until nothing changes.
// Each round that changes the text consumes a combining mark, so it settles in a round or two; the
// bound only guards against an unforeseen Unicode cycle.
const MAX_FOLD_ROUNDS = 8;

/**
 * Normalises text for matching and search: {@link normaliseText}, lower-cased, `ё` folded to `е`
 * (Russian writers use the two interchangeably). Used for item text, categories and shoppers'
 * queries alike. Idempotent.
 *
 * @example
 * normaliseSearchText('  Ёлочные  ИГРУШКИ '); // 'елочные игрушки'
 * normaliseSearchText('Айфон\u00A013'); // 'айфон 13'
 */
export function normaliseSearchText(text: string): string {
  let folded = normaliseText(text);
  for (let round = 0; round < MAX_FOLD_ROUNDS; round++) {
    const next = normaliseText(folded.toLowerCase().replaceAll('ё', 'е'));
    if (next === folded) break;
    folded = next;
  }
  return folded;
}
