import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normaliseAttributes } from './normalise-attributes.ts';
import { normaliseText } from './normalise-text.ts';
import { text } from './text-arbitraries.ts';

describe('normaliseAttributes', () => {
  it('normalises keys (lower case) and values, dropping empty ones', () => {
    assert.deepEqual(
      normaliseAttributes({ ' Colour ': ' Midnight\u00A0Blue ', ＭＥＭＯＲＹ: '128 GB', '': 'x', size: ' ' }),
      {
        colour: 'Midnight Blue',
        memory: '128 GB',
      },
    );
  });

  it('prefers the key already in normal form when two keys fold into one', () => {
    assert.deepEqual(normaliseAttributes({ Colour: 'red', colour: 'blue', ' COLOUR': 'green' }), {
      colour: 'blue',
    });
    assert.deepEqual(normaliseAttributes({ Colour: 'red', ' COLOUR': 'green' }), { colour: 'green' });
  });

  it('property: the result does not depend on the order of the entries, and is normalised', () => {
    const entries = fc.array(fc.tuple(text(6), text(6)), { maxLength: 8 });
    fc.assert(
      fc.property(entries, (pairs) => {
        const forward = normaliseAttributes(Object.fromEntries(pairs));
        // Same map, keys inserted in reverse order (later duplicates of a key still win, as in a map).
        const unique = [...new Map(pairs)];
        assert.deepEqual(normaliseAttributes(Object.fromEntries(unique.reverse())), forward);
        for (const [key, value] of Object.entries(forward)) {
          assert.equal(key, normaliseText(key).toLowerCase());
          assert.equal(value, normaliseText(value));
          assert.notEqual(key, '');
          assert.notEqual(value, '');
        }
      }),
    );
  });
});
