import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformError } from '../../core/errors/index.ts';
import { generatePassword, parseAddOptions } from './users.ts';

describe('eshop users add', () => {
  it('takes the account as the register endpoint would, e-mail in lower case', () => {
    assert.deepEqual(parseAddOptions({ email: ' Root@Shop.Example ', role: 'admin' }), {
      email: 'root@shop.example',
      role: 'admin',
    });
    assert.deepEqual(parseAddOptions({ email: 'a@b.io', role: 'seller', password: 'long enough pw' }), {
      email: 'a@b.io',
      role: 'seller',
      password: 'long enough pw',
    });
  });

  it('names every bad option at once', () => {
    assert.throws(
      () => parseAddOptions({ email: 'nope', role: 'king', password: 'short' }),
      (error: unknown) =>
        isPlatformError(error, 'VALIDATION_FAILED') &&
        /--email .*; --role .*; --password must have at least 10 characters/.test(error.message),
    );
  });

  it('generates passwords that pass the policy and differ every time', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    assert.equal(passwords.size, 50);
    for (const password of passwords) assert.match(password, /^[A-Za-z0-9_-]{24}$/);
  });
});
