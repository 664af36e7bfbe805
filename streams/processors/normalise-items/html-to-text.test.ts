import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeHtmlEntities, htmlToText } from './html-to-text.ts';
import { normaliseText } from './normalise-text.ts';
import { text } from './text-arbitraries.ts';

/** What an HTML writer does to text: the five characters that could be read as markup. */
function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

describe('decodeHtmlEntities', () => {
  it('decodes the named, decimal and hexadecimal references', () => {
    assert.equal(decodeHtmlEntities('&amp; &lt; &gt; &quot; &#39; &apos; &nbsp;'), "& < > \" ' ' \u00A0");
    assert.equal(decodeHtmlEntities('&#1057;&#x43C;&#X430;&#x440;&#x442;'), 'Смарт');
    assert.equal(decodeHtmlEntities('&#128512;'), '😀');
    assert.equal(decodeHtmlEntities('&laquo;Кофе&raquo; &mdash; 5&nbsp;кг'), '«Кофе» — 5\u00A0кг');
  });

  it('decodes once: an escaped reference stays a reference', () => {
    assert.equal(decodeHtmlEntities('&amp;lt;b&amp;gt;'), '&lt;b&gt;');
  });

  it('turns NUL, surrogates and code points beyond Unicode into U+FFFD', () => {
    assert.equal(decodeHtmlEntities('&#0;&#xD800;&#x110000;'), '\uFFFD\uFFFD\uFFFD');
  });

  it('leaves unknown names and references without a semicolon as written', () => {
    assert.equal(decodeHtmlEntities('&bogus; &amp AT&T &#; &#x;'), '&bogus; &amp AT&T &#; &#x;');
  });
});

describe('htmlToText', () => {
  it('makes the sample description plain text', () => {
    assert.equal(htmlToText('<p>Apple iPhone 13 с 128GB памяти</p>'), 'Apple iPhone 13 с 128GB памяти');
  });

  it('turns block tags into spaces and drops inline tags without one', () => {
    assert.equal(
      htmlToText('<p>Apple iPhone&nbsp;13</p><ul><li>128&nbsp;GB</li><li>A15 <b>Bionic</b></li></ul>'),
      'Apple iPhone 13 128 GB A15 Bionic',
    );
    assert.equal(htmlToText('<B>Sup</B>er<br/>fast<BR>and<hr />light'), 'Super fast and light');
    assert.equal(htmlToText('<td>a</td><td>b</td>'), 'a b');
  });

  it('drops script, style and comments with their content, even unclosed', () => {
    assert.equal(htmlToText('a<script type="text/javascript">alert("<b>x</b>")</script>b'), 'a b');
    assert.equal(htmlToText('a<STYLE>p { color: red }</STYLE >b'), 'a b');
    assert.equal(htmlToText('a<!-- <p>hidden</p> -->b'), 'ab');
    assert.equal(htmlToText('visible<script>never shown'), 'visible');
    assert.equal(htmlToText('visible<!-- never shown'), 'visible');
  });

  it('reads attributes with quotes and > inside them as part of the tag', () => {
    assert.equal(htmlToText('<a href="/x?a>b" title=\'c>d\'>link</a>'), 'link');
    assert.equal(htmlToText('<img src="x.jpg" alt="a > b">text'), 'text');
    assert.equal(htmlToText('<a title="unbalanced>text'), 'text');
  });

  it('keeps a < that opens no tag, and decodes entities after tags are gone', () => {
    assert.equal(htmlToText('price < 5 & > 2'), 'price < 5 & > 2');
    assert.equal(htmlToText('&lt;b&gt;bold&lt;/b&gt;'), '<b>bold</b>');
    assert.equal(htmlToText('Tom &amp; Jerry'), 'Tom & Jerry');
  });

  it('drops declarations and processing instructions, keeps CDATA text', () => {
    assert.equal(htmlToText('<!DOCTYPE html><?xml version="1.0"?><p>x</p>'), 'x');
    assert.equal(htmlToText('<![CDATA[raw <text>]]>'), 'raw <text>');
  });

  it('collapses the whitespace that entities and markup leave', () => {
    assert.equal(htmlToText('\n  <p>  a&nbsp;&nbsp;b  </p>\n\n<p>c&#160;</p>  '), 'a b c');
  });

  it('property: text without markup characters comes out as normaliseText(text)', () => {
    const plain = text().filter((value) => !/[<&]/u.test(value));
    fc.assert(fc.property(plain, (value) => htmlToText(value) === normaliseText(value)));
  });

  it('property: escaped text round-trips to the normalised text', () => {
    fc.assert(fc.property(text(), (value) => htmlToText(escapeHtml(value)) === normaliseText(value)));
  });

  it('property: paragraphs and list items read as words separated by a space', () => {
    fc.assert(
      fc.property(text(), text(), (a, b) => {
        const expected = normaliseText(`${a} ${b}`);
        assert.equal(htmlToText(`<p>${escapeHtml(a)}</p><p>${escapeHtml(b)}</p>`), expected);
        assert.equal(htmlToText(`<ul><li>${escapeHtml(a)}<li class="x">${escapeHtml(b)}</ul>`), expected);
      }),
    );
  });

  it('property: inline tags and comments leave the text as if they were not there', () => {
    fc.assert(
      fc.property(text(), text(), (a, b) => {
        const expected = normaliseText(`${a}${b}`);
        assert.equal(htmlToText(`${escapeHtml(a)}<b><i>${escapeHtml(b)}</i></b>`), expected);
        assert.equal(
          htmlToText(`<span style="x">${escapeHtml(a)}</span><!-- c -->${escapeHtml(b)}`),
          expected,
        );
      }),
    );
  });

  it('property: script and style content never reaches the text', () => {
    const code = text().filter((value) => !/<\//u.test(value));
    fc.assert(
      fc.property(code, fc.constantFrom('script', 'style', 'SCRIPT'), (body, tag) => {
        assert.equal(htmlToText(`<${tag}>${body}SECRET</${tag}>shown`), 'shown');
      }),
    );
  });

  it('property: the output is always normalised text and contains no tag of the input', () => {
    const tag = fc.constantFrom(
      '<p>',
      '</p>',
      '<b>',
      '<br/>',
      '<div class="a">',
      '<script>x</script>',
      '<!-- c -->',
    );
    const html = fc.array(fc.oneof(text(4), tag), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(html, (value) => {
        const output = htmlToText(value);
        assert.equal(normaliseText(output), output);
        assert.doesNotMatch(output, /<(?:p|\/p|b|br\/|div class="a"|script)>/u);
      }),
    );
  });
});
