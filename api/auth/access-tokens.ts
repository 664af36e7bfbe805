/**
 * Access tokens: short-lived HS256 JWTs carrying the user id (`sub`) and role. Every replica
 * verifies them with the shared key and no lookup, which is what makes the API stateless; the
 * price is that a role change or a logout takes effect when the token expires (API_ACCESS_TOKEN_TTL_SECONDS,
 * 15 minutes by default). Refresh tokens, which are revocable, live in Postgres (refresh-tokens.ts).
 *
 * @example
 * const token = await signAccessToken({ id: user.id, role: 'seller' }, config.api);
 * const user = await verifyAccessToken(token, config.api);   // { id, role } or throws UNAUTHENTICATED
 */
import { sign, verify } from 'hono/jwt';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { roles, type AuthUser, type Role } from '../http/env.ts';

const ISSUER = 'eshop-api';
const AUDIENCE = 'eshop-storefront';

export interface AccessTokenOptions {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
}

export interface SignedAccessToken {
  token: string;
  /** Epoch seconds at which it stops being accepted. */
  expiresAt: number;
}

/** Signs an access token for `user`; `now` (epoch ms) is for tests of expiry. */
export async function signAccessToken(
  user: AuthUser,
  options: AccessTokenOptions,
  now: number = Date.now(),
): Promise<SignedAccessToken> {
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + options.accessTokenTtlSeconds;
  const token = await sign(
    {
      sub: user.id,
      role: user.role,
      iss: ISSUER,
      aud: AUDIENCE,
      iat: issuedAt,
      nbf: issuedAt,
      exp: expiresAt,
    },
    options.jwtSecret,
    'HS256',
  );
  return { token, expiresAt };
}

/** The user of a valid token; UNAUTHENTICATED for an expired, forged or malformed one. */
export async function verifyAccessToken(
  token: string,
  options: Pick<AccessTokenOptions, 'jwtSecret'>,
): Promise<AuthUser> {
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, options.jwtSecret, { alg: 'HS256', iss: ISSUER, aud: AUDIENCE });
  } catch (error) {
    const expired = error instanceof Error && error.name === 'JwtTokenExpired';
    throw new PlatformError(
      ErrorCodes.UNAUTHENTICATED,
      expired ? 'The access token has expired; refresh it' : 'The access token is not valid',
      { cause: error },
    );
  }
  const { sub, role } = payload;
  if (typeof sub !== 'string' || !roles.includes(role as Role)) {
    throw new PlatformError(ErrorCodes.UNAUTHENTICATED, 'The access token is not valid');
  }
  return { id: sub, role: role as Role };
}
