import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latest } from '../../schemas/catalog.ts';
import { deadLetterFor } from './dead-letter.ts';

describe('deadLetterFor', () => {
  it('keeps the original key, value and headers with the reason, valid for the schema', () => {
    const letter = deadLetterFor(
      'normalise-items',
      {
        topic: 'shop.items',
        partition: 2,
        message: {
          key: Buffer.from('item-1'),
          value: Buffer.from([1, 2, 3]),
          offset: '41',
          timestamp: '1764000000000',
          attributes: 0,
          headers: { traceparent: Buffer.from('00-abc'), plain: 'text' },
        },
      },
      'VALIDATION_FAILED',
      'price must be positive',
      1764000000001,
    );
    assert.equal(letter.offset, 41);
    assert.equal(letter.partition, 2);
    assert.deepEqual(letter.value, Buffer.from([1, 2, 3]));
    assert.deepEqual(letter.headers, { traceparent: Buffer.from('00-abc'), plain: Buffer.from('text') });
    assert.ok(latest('dead-letter').type.isValid(letter));
  });

  it('keeps null keys and values as null', () => {
    const letter = deadLetterFor(
      'p',
      {
        topic: 't',
        partition: 0,
        message: { key: null, value: null, offset: '0', timestamp: '0', attributes: 0, headers: {} },
      },
      'DESERIALIZATION_FAILED',
      'empty',
      0,
    );
    assert.equal(letter.key, null);
    assert.equal(letter.value, null);
  });
});
