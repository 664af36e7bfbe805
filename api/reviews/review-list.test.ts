import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformError } from '../../core/errors/index.ts';
import { decodeCursor, encodeCursor } from './review-list.ts';

describe('review list cursors', () => {
  it('round-trip the sort key, URL-safe', () => {
    const key: [number, string] = [1_768_467_600_123, '0b7e2c1a-5d4f-4e3b-9a2c-1d0e9f8a7b6c'];
    const cursor = encodeCursor(key);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(cursor), key);
  });

  it('refuse anything this API did not hand out with a 400 naming query.cursor', () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      'garbage!',
      '',
      b64({ occurredAt: 1, id: 'x' }),
      b64([1, 'x', 3]),
      b64(['1', 'x']),
      b64([1.5, 'x']),
      b64([1, 2]),
      b64([1, 'x'.repeat(101)]),
    ]) {
      assert.throws(
        () => decodeCursor(cursor),
        (error: unknown) =>
          isPlatformError(error, 'VALIDATION_FAILED') &&
          JSON.stringify(error.details.errors) ===
            JSON.stringify([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]),
        cursor,
      );
    }
  });
});
