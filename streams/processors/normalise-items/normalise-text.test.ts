import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normaliseSearchText, normaliseText } from './normalise-text.ts';
import { text } from './text-arbitraries.ts';

// Unicode White_Space, and what normaliseText must never leave behind.
const UNICODE_WHITESPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/u;
const INVISIBLE = /[\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;

describe('normaliseText', () => {
  it('trims and collapses every kind of whitespace into one space', () => {
    assert.equal(normaliseText('  iPhone\u00A013\n\t Pro  '), 'iPhone 13 Pro');
    assert.equal(normaliseText('a\u3000\u2003b\u202Fc\u2028d\u0085e'), 'a b c d e');
    assert.equal(normaliseText('\r\n\t \u00A0'), '');
    assert.equal(normaliseText(''), '');
  });

  it('applies NFKC: full-width letters, ligatures, composed accents', () => {
    assert.equal(normaliseText('Ｐｒｏ ﬁt'), 'Pro fit');
    assert.equal(normaliseText('e\u0301'), 'é');
    assert.equal(normaliseText('е\u0308лка'), 'ёлка');
    assert.equal(normaliseText('128㌀'), normaliseText('128アパート'));
  });

  it('removes invisible characters, letting a separated mark compose with its letter', () => {
    assert.equal(normaliseText('iPh\u00ADone\u200B 13'), 'iPhone 13');
    assert.equal(normaliseText('\u202Eabc\u202C'), 'abc');
    assert.equal(normaliseText('e\u200B\u0301'), 'é');
  });

  it('keeps zero-width joiners, which emoji sequences need', () => {
    assert.equal(normaliseText('👩\u200D💻'), '👩\u200D💻');
  });

  it('turns control characters into spaces and lone surrogates into U+FFFD', () => {
    assert.equal(normaliseText('a\u0000b\u001Fc'), 'a b c');
    assert.equal(normaliseText('a\uD800b'), 'a\uFFFDb');
  });

  it('property: idempotent', () => {
    fc.assert(fc.property(text(), (input) => normaliseText(normaliseText(input)) === normaliseText(input)));
  });

  it('property: no whitespace but single inner spaces, nothing invisible, NFKC-stable', () => {
    fc.assert(
      fc.property(text(), (input) => {
        const output = normaliseText(input);
        assert.equal(output, output.trim());
        assert.doesNotMatch(output, / {2}/u);
        for (const char of output) {
          if (char !== ' ') assert.doesNotMatch(char, UNICODE_WHITESPACE);
        }
        assert.doesNotMatch(output, INVISIBLE);
        assert.doesNotMatch(output, /\p{Cc}|\p{Cs}/u);
        assert.equal(output.normalize('NFKC'), output);
      }),
    );
  });

  it('property: words survive — only whitespace and invisible characters are touched in NFKC text', () => {
    const word = fc.string({ unit: 'grapheme-ascii', minLength: 1 }).filter((w) => !/\s/u.test(w));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1 }),
        fc.constantFrom(' ', '\u00A0', '\t\n', '\u3000'),
        (words, gap) => {
          assert.equal(normaliseText(`${gap}${words.join(gap)}${gap}`), words.join(' '));
        },
      ),
    );
  });
});

describe('normaliseSearchText', () => {
  it('lower-cases, folds ё to е and normalises', () => {
    assert.equal(normaliseSearchText('  Ёлочные  ИГРУШКИ '), 'елочные игрушки');
    assert.equal(normaliseSearchText('Айфон\u00A013'), 'айфон 13');
    assert.equal(normaliseSearchText('Е\u0308ЖИК'), 'ежик');
    assert.equal(normaliseSearchText('ＭａｃＢｏｏｋ'), 'macbook');
  });

  it('folds ё even when re-composition would bring it back', () => {
    // е + two diaereses: NFKC composes the first into ё; folding it exposes the second.
    assert.equal(normaliseSearchText('е\u0308\u0308'), 'е');
    assert.equal(normaliseSearchText('ё\u0300'), normaliseSearchText(normaliseSearchText('ё\u0300')));
  });

  it('property: idempotent, lower case, no ё, and a fixed point of normaliseText', () => {
    fc.assert(
      fc.property(text(), (input) => {
        const output = normaliseSearchText(input);
        assert.equal(normaliseSearchText(output), output);
        assert.equal(normaliseText(output), output);
        assert.equal(output.toLowerCase(), output);
        assert.ok(!output.includes('ё'));
      }),
    );
  });

  it('property: for Russian and English text, case and ё/е spelling do not matter', () => {
    // Restricted to alphabets whose case mapping is one-to-one (unlike ß → SS).
    const letters = fc.string({
      unit: fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz0123456789 '),
    });
    fc.assert(
      fc.property(letters, (input) => {
        const output = normaliseSearchText(input);
        assert.equal(normaliseSearchText(input.toUpperCase()), output);
        assert.equal(normaliseSearchText(input.replaceAll('е', 'ё')), output);
        assert.equal(normaliseSearchText(input.replaceAll('ё', 'е')), output);
      }),
    );
  });
});
