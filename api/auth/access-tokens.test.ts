import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformError } from '../../core/errors/index.ts';
import { signAccessToken, verifyAccessToken } from './access-tokens.ts';

const options = { jwtSecret: 'a-test-secret-that-is-long-enough-000', accessTokenTtlSeconds: 900 };
const user = { id: '6f1d7c2e-4b1a-4c61-9a38-0a9d6c3f2b10', role: 'seller' as const };

const unauthenticated = (message: RegExp) => (error: unknown) =>
  isPlatformError(error, 'UNAUTHENTICATED') && message.test(error.message);

describe('access tokens', () => {
  it('carry the user id and role, and expire after their lifetime', async () => {
    const now = Date.now();
    const { token, expiresAt } = await signAccessToken(user, options, now);
    assert.equal(expiresAt, Math.floor(now / 1000) + 900);
    assert.deepEqual(await verifyAccessToken(token, options), user);
  });

  it('are refused once expired, saying so', async () => {
    const { token } = await signAccessToken(user, options, Date.now() - 901_000);
    await assert.rejects(verifyAccessToken(token, options), unauthenticated(/expired/));
  });

  it('are refused when signed with another key or altered', async () => {
    const { token } = await signAccessToken(user, {
      ...options,
      jwtSecret: 'another-secret-that-is-long-enough-111',
    });
    await assert.rejects(verifyAccessToken(token, options), unauthenticated(/not valid/));

    const genuine = (await signAccessToken(user, options)).token;
    const [header, payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    await assert.rejects(
      verifyAccessToken(`${header}.${forged}.${signature}`, options),
      unauthenticated(/not valid/),
    );
    await assert.rejects(verifyAccessToken('not-a-jwt', options), unauthenticated(/not valid/));
  });
});
