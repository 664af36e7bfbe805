import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCodes, isPlatformError } from '../../core/errors/index.ts';
import { decodeCursor, encodeCursor } from './item-cursor.ts';

const cursor = { createdAt: '2026-01-15T09:00:00.123456Z', id: '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10' };

describe('seller item cursor', () => {
  it('round-trips, keeping microseconds', () => {
    const text = encodeCursor(cursor);
    assert.match(text, /^[A-Za-z0-9_-]+$/u, 'URL-safe');
    assert.deepEqual(decodeCursor(text), cursor);
  });

  it('refuses anything it did not hand out with a 400 naming the parameter', () => {
    const forged = (text: string) => Buffer.from(text).toString('base64url');
    for (const bad of [
      '',
      '!!!',
      forged('2026-01-15T09:00:00.123Z|6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10'),
      forged(`${cursor.createdAt}|not-a-uuid`),
      forged(`${cursor.createdAt}|${cursor.id}|extra`),
      forged(`'; DROP TABLE items; --|${cursor.id}`),
    ]) {
      assert.throws(
        () => decodeCursor(bad),
        (error) =>
          isPlatformError(error, ErrorCodes.VALIDATION_FAILED) &&
          JSON.stringify(error.details.errors).includes('query.cursor'),
        bad,
      );
    }
  });
});
