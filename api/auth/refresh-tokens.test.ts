// The pure parts; rotation, reuse detection and revocation run against Postgres in
// tests/integration/api/accounts.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { newRefreshToken, refreshTokenHash } from './refresh-tokens.ts';

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newRefreshToken()));
    assert.equal(tokens.size, 100);
    for (const token of tokens) {
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(token, 'base64url').length, 32);
    }
  });

  it('are stored as the SHA-256 of the string sent, never as themselves', () => {
    const token = newRefreshToken();
    const hash = refreshTokenHash(token);
    assert.equal(hash.length, 32);
    assert.deepEqual(hash, createHash('sha256').update(token).digest());
    assert.equal(hash.toString('base64url') === token, false);
    // Any string hashes, so a garbage token is simply unknown.
    assert.equal(refreshTokenHash('not a token ✗').length, 32);
  });
});
