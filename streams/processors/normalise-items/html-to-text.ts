/**
 * HTML descriptions to plain text. Sellers paste descriptions from editors and other shops, so the
 * input is tag soup rather than documents: this is a tolerant scanner, not a parser, and it only
 * has to answer one question well — which characters are text a shopper reads.
 */
import { normaliseText } from './normalise-text.ts';

// Elements whose content is never text a shopper reads. An unclosed one swallows the rest of the
// input, as a browser would, rather than leaking code into the search index.
const DROPPED_ELEMENT =
  /<(script|style|template|noscript|iframe|object|svg|math)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/giu;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/gu;
const CDATA = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/gu;
// A tag: `<` or `</`, a letter, then anything up to `>` where quoted attribute values may hold `>`;
// failing that (an unbalanced quote), anything up to the next `>`. Also declarations and processing
// instructions (`<!DOCTYPE …>`, `<?xml …?>`). A `<` followed by anything else ("price < 5") is text.
// The repeated group's alternatives start on distinct characters, so it cannot backtrack exponentially.
const TAG = /<\/?([a-z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<\/?([a-z][^\s/>]*)[^>]*>|<[!?][^>]*>/giu;

// Elements that start a new line or cell when rendered: their tags become a space, so that
// "<li>a</li><li>b</li>" reads "a b", while inline tags ("<b>Sup</b>er") vanish without one.
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hr', 'img', 'input', 'legend', 'li', 'main', 'nav', 'ol', 'option', 'p', 'pre',
  'section', 'select', 'summary', 'table', 'tbody', 'td', 'textarea', 'tfoot', 'th', 'thead', 'tr',
  'ul', 'wbr',
]); // prettier-ignore

// The entities the brief names plus the few that Russian shop texts actually use (quotes «»,
// dashes, ellipsis, signs). Anything else named is left as written: guessing would corrupt text.
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0',
  laquo: '«', raquo: '»', bdquo: '„', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  ndash: '–', mdash: '—', minus: '−', hellip: '…', middot: '·', bull: '•',
  copy: '©', reg: '®', trade: '™', deg: '°', times: '×', plusmn: '±', frac12: '½', euro: '€',
  shy: '\u00AD', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003', numero: '№',
}; // prettier-ignore

const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));/gu;

function fromCodePoint(codePoint: number): string {
  // As HTML does: NUL, surrogates and values beyond Unicode become the replacement character.
  if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
    return '\uFFFD';
  return String.fromCodePoint(codePoint);
}

/**
 * Decodes character references: the named ones HTML texts use (`&amp;` `&lt;` `&gt;` `&quot;`
 * `&apos;` `&nbsp;` `&laquo;` `&mdash;` …), decimal `&#1234;` and hexadecimal `&#x4D2;`. Decodes
 * once: `&amp;lt;` becomes the text `&lt;`, not `<`. Unknown names are left as written.
 *
 * @example
 * decodeHtmlEntities('Tom &amp; Jerry &#8212; &#x41;&lt;B'); // 'Tom & Jerry — A<B'
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return (name !== undefined && NAMED_ENTITIES[name]) || whole;
  });
}

/**
 * Turns an HTML fragment into the plain text a shopper reads: script, style and comment content
 * dropped, tags removed (block tags leave a space so words do not run together), character
 * references decoded, then {@link normaliseText}. Text without markup comes out as
 * `normaliseText(text)`.
 *
 * @example
 * htmlToText('<p>Apple iPhone&nbsp;13</p><ul><li>128&nbsp;GB</li><li>A15 <b>Bionic</b></li></ul>');
 * // 'Apple iPhone 13 128 GB A15 Bionic'
 */
export function htmlToText(html: string): string {
  const withoutMarkup = html
    // A comment sits inside text ("Sup<!-- -->er") like an inline tag; dropped elements sit
    // between blocks, where a space is right and never harmful.
    .replace(COMMENT, '')
    .replace(DROPPED_ELEMENT, ' ')
    // CDATA content is text: escaped here so the tag pass below cannot read it as markup, and
    // unescaped again with the other references.
    .replace(CDATA, (_section, content: string) => content.replaceAll('&', '&amp;').replaceAll('<', '&lt;'))
    .replace(TAG, (_tag, quotedName?: string, looseName?: string) => {
      const name = quotedName ?? looseName;
      return name !== undefined && !BLOCK_ELEMENTS.has(name.toLowerCase()) ? '' : ' ';
    });
  // Entities are decoded after tags are gone, so an escaped "&lt;b&gt;" stays visible text.
  return normaliseText(decodeHtmlEntities(withoutMarkup));
}
