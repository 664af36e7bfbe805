import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformError } from '../../core/errors/index.ts';
import {
  defaultScryptCost,
  hashPassword,
  MAX_CONCURRENT_HASHES,
  MAX_QUEUED_HASHES,
  verifyPassword,
} from './passwords.ts';

// Cheap parameters keep the suite fast; the format carries them, so verification uses them too.
const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashPassword('correct horse battery', cheap);
    assert.match(stored, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    assert.equal(await verifyPassword('correct horse battery', stored), true);
    assert.equal(await verifyPassword('correct horse batterY', stored), false);
    assert.equal(await verifyPassword('', stored), false);
  });

  it('salts every hash', async () => {
    assert.notEqual(await hashPassword('same password', cheap), await hashPassword('same password', cheap));
  });

  it('treats canonically equivalent spellings as the same password (NFKC)', async () => {
    const stored = await hashPassword('caf\u00e9 au lait', cheap);
    assert.equal(await verifyPassword('cafe\u0301 au lait', stored), true);
  });

  it('uses the OWASP parameters by default', async () => {
    assert.deepEqual(defaultScryptCost, { N: 2 ** 17, r: 8, p: 1 });
  });

  it('does not match hashes it could not have written, without deriving anything huge', async () => {
    const valid = await hashPassword('secret password', cheap);
    const [, , , , salt, key] = valid.split('$');
    for (const stored of [
      '',
      'plain text',
      `bcrypt$1024$8$1$${salt}$${key}`,
      `scrypt$1024$8$1$${salt}`,
      `scrypt$1000$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 30}$8$1$${salt}$${key}`, // would need 128 GiB
      `scrypt$1024$0$1$${salt}$${key}`,
      `scrypt$1024$8$99$${salt}$${key}`,
      `scrypt$1024$8$1$${salt}$${Buffer.alloc(16).toString('base64')}`, // short key
    ]) {
      assert.equal(await verifyPassword('secret password', stored), false, stored);
    }
  });

  it('refuses derivations beyond the queue with RATE_LIMITED instead of queueing without bound', async () => {
    const attempts = MAX_CONCURRENT_HASHES + MAX_QUEUED_HASHES + 3;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, () => hashPassword('x'.repeat(12), cheap)),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, attempts - 3);
    assert.equal(refused.length, 3);
    for (const r of refused) {
      const reason = (r as PromiseRejectedResult).reason;
      assert.ok(isPlatformError(reason, 'RATE_LIMITED'));
      assert.equal(reason.details.retryAfterSeconds, 1);
    }
    // The slots are all free again afterwards.
    assert.equal(await verifyPassword('x'.repeat(12), await hashPassword('x'.repeat(12), cheap)), true);
  });
});
