import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformError } from '../../core/errors/index.ts';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor.ts';

const fingerprint = queryFingerprint({ q: 'шланг', sort: 'relevance' });

function refused(cursor: string, kinds: ('number' | 'string')[] = ['number', 'string'], print = fingerprint) {
  assert.throws(
    () => decodeCursor(cursor, print, kinds),
    (error) =>
      isPlatformError(error, 'VALIDATION_FAILED') &&
      (error.details.errors as { path: string }[])[0]!.path === 'query.cursor',
  );
}

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('queryFingerprint', () => {
  it('is short, stable and tells queries apart', () => {
    assert.equal(fingerprint, queryFingerprint({ q: 'шланг', sort: 'relevance' }));
    assert.notEqual(fingerprint, queryFingerprint({ q: 'шланг', sort: 'newest' }));
    assert.match(fingerprint, /^[A-Za-z0-9_-]{16}$/);
  });
});

describe('encodeCursor / decodeCursor', () => {
  it('round-trips the sort values, including a missing value’s -Infinity', () => {
    for (const values of [
      [12.5, 'item-1'],
      [1_768_467_600_000, 'b'],
      ['-Infinity', 'c'],
    ]) {
      const cursor = encodeCursor(values, fingerprint);
      assert.match(cursor, /^[A-Za-z0-9_-]+$/, 'URL-safe without escaping');
      assert.deepEqual(decodeCursor(cursor, fingerprint, ['number', 'string']), values);
    }
    const rating = encodeCursor(['-Infinity', -2147483648, 'z'], fingerprint);
    assert.deepEqual(decodeCursor(rating, fingerprint, ['number', 'number', 'string']), [
      '-Infinity',
      -2147483648,
      'z',
    ]);
  });

  it('refuses a cursor of another query', () => {
    refused(encodeCursor([1, 'a'], queryFingerprint({ q: 'другое' })));
  });

  it('refuses anything tampered with: not base64 JSON, another version, wrong values', () => {
    refused('not-a-cursor');
    refused(Buffer.from('{"v":1').toString('base64url'));
    refused(forge(null));
    refused(forge({ v: 2, q: fingerprint, a: [1, 'a'] }));
    refused(forge({ v: 1, a: [1, 'a'] }));
    refused(forge({ v: 1, q: fingerprint, a: 'x' }));
    for (const values of [
      [null, 'a'],
      ['one', 'a'],
      [1, 2],
      [1, ''],
      [1],
      [1, 'a', 'b'],
      [{}, 'a'],
      [1, 'x'.repeat(513)],
    ]) {
      refused(forge({ v: 1, q: fingerprint, a: values }));
    }
  });
});
