import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { editDistance } from './edit-distance.ts';

/** The textbook full-matrix optimal-string-alignment distance, as the oracle. */
function reference(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  const d = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[s.length]![t.length]!;
}

// Small alphabets make edits that cancel, repeat and transpose likely.
const word = fc.string({ unit: fc.constantFrom('а', 'б', 'в', 'a', 'b', '😀'), maxLength: 9 });

describe('editDistance', () => {
  it('counts each insertion, deletion, substitution and adjacent transposition as one', () => {
    assert.equal(editDistance('наушники', 'наушники'), 0);
    assert.equal(editDistance('наушники', 'наушнки'), 1);
    assert.equal(editDistance('наушники', 'наушнеки'), 1);
    assert.equal(editDistance('наушники', 'наушниких'), 1);
    assert.equal(editDistance('наушники', 'наушнкии'), 1);
    assert.equal(editDistance('smartphones', 'smratphnoes'), 2);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('ca', 'abc'), 3); // the restricted form: no edit of a transposed pair
  });

  it('counts code points, not UTF-16 units', () => {
    assert.equal(editDistance('a😀', 'a😃'), 1);
    assert.equal(editDistance('😀b', 'b😀'), 1);
  });

  it('returns max + 1 as soon as the distance exceeds max', () => {
    assert.equal(editDistance('laptops', 'tablets', 2), 3);
    assert.equal(editDistance('a', 'abcdef', 2), 3);
    assert.equal(editDistance('ноутбук', 'ноутбук', 0), 0);
  });

  it('property: equals the full-matrix reference', () => {
    fc.assert(fc.property(word, word, (a, b) => editDistance(a, b) === reference(a, b)));
  });

  it('property: the bounded form agrees with the exact one up to max', () => {
    fc.assert(
      fc.property(
        word,
        word,
        fc.nat(4),
        (a, b, max) => editDistance(a, b, max) === Math.min(reference(a, b), max + 1),
      ),
    );
  });

  it('property: symmetric, zero only for equal strings, at most the longer length', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const distance = editDistance(a, b);
        assert.equal(distance, editDistance(b, a));
        assert.equal(distance === 0, a === b);
        assert.ok(distance <= Math.max(Array.from(a).length, Array.from(b).length));
      }),
    );
  });

  it('property: one typo is distance one', () => {
    const typo = fc.tuple(
      word.filter((w) => w.length >= 2),
      fc.nat(),
      fc.constantFrom('insert', 'delete', 'swap'),
    );
    fc.assert(
      fc.property(typo, ([value, at, kind]) => {
        const chars = Array.from(value);
        const i = at % (chars.length - 1);
        const edited = [...chars];
        if (kind === 'insert') edited.splice(i, 0, 'ж');
        if (kind === 'delete') edited.splice(i, 1);
        if (kind === 'swap') [edited[i], edited[i + 1]] = [edited[i + 1]!, edited[i]!];
        assert.ok(editDistance(value, edited.join('')) <= 1);
      }),
    );
  });
});
