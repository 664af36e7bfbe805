/**
 * The accounts endpoints: register, log in, refresh, log out, who am I.
 *
 * A session is a pair: a short-lived access token (a JWT every replica verifies without a lookup)
 * and a refresh token (opaque, single-use, revocable; api/auth/refresh-tokens.ts). Failed logins
 * are limited per account and per client address in Redis (api/auth/login-rate-limit.ts).
 */
import { randomUUID } from 'node:crypto';
import { createRoute, type z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { inTransaction } from '../../connectors/postgres/transaction.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { signAccessToken } from '../auth/access-tokens.ts';
import { LoginRateLimiter, loginSubjects } from '../auth/login-rate-limit.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import {
  deleteExpiredRefreshTokens,
  issueRefreshToken,
  revokeRefreshTokenFamily,
  rotateRefreshToken,
} from '../auth/refresh-tokens.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter, type ApiEnv } from '../http/env.ts';
import { bearerAuth, jsonBody, problems } from '../http/schemas.ts';
import { withPostgres } from '../http/postgres-errors.ts';
import { AccountSchema, LoginBody, RefreshBody, RegisterBody, SessionSchema } from './schemas.ts';
import { findAccount, findCredentials, insertUser, normaliseEmail, type User } from './users.ts';

const tags = ['Accounts'];
const session = (description: string) => ({
  description,
  content: { 'application/json': { schema: SessionSchema } },
});

const registerRoute = createRoute({
  method: 'post',
  path: '/auth/register',
  tags,
  summary: 'Register as a shopper or a seller',
  description:
    'Creates the account and signs it in. Passwords have 10 to 200 characters; the e-mail address is stored in lower case and may be registered once in any case. Administrators cannot register themselves: an operator creates them with `eshop users add --role admin`.',
  request: { body: jsonBody(RegisterBody) },
  responses: { 201: session('Registered and signed in'), ...problems(400, 409, 429, 503) },
});

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags,
  summary: 'Log in with e-mail and password',
  description:
    'A wrong e-mail and a wrong password get the same 401. After API_LOGIN_MAX_FAILURES failed logins for one account, or from one client address, within API_LOGIN_WINDOW_SECONDS, logins are refused with 429 and Retry-After - even with the right password - until the window ends. The address is the TCP peer: behind a proxy it is the proxy.',
  request: { body: jsonBody(LoginBody) },
  responses: { 200: session('Signed in'), ...problems(400, 401, 429, 503) },
});

const refreshRoute = createRoute({
  method: 'post',
  path: '/auth/refresh',
  tags,
  summary: 'Exchange a refresh token for a new access and refresh token',
  description:
    'Each refresh token works once: the answer carries its successor. Presenting a token that was already exchanged revokes every token of that login (someone else may hold a copy), and the client must log in again. Unknown, expired and revoked tokens get 401.',
  request: { body: jsonBody(RefreshBody) },
  responses: { 200: session('A new pair'), ...problems(400, 401, 503) },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'Log out: revoke the refresh token and every token of its login',
  description:
    'Idempotent: an unknown or already revoked token also answers 204. Access tokens already handed out stay valid until they expire (API_ACCESS_TOKEN_TTL_SECONDS).',
  request: { body: jsonBody(RefreshBody) },
  responses: { 204: { description: 'Logged out' }, ...problems(400, 503) },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags,
  summary: 'Who am I: the signed-in account and its seller page',
  security: bearerAuth,
  middleware: [requireRole()] as const,
  responses: {
    200: { description: 'The account', content: { 'application/json': { schema: AccountSchema } } },
    ...problems(401, 503),
  },
});

/**
 * The client's address for the per-address limit: the TCP peer. X-Forwarded-For is not read: any
 * client can send it, so it may only be believed from known proxies (no such setting yet).
 */
function clientAddress(c: Context<ApiEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // not served by @hono/node-server (app.request in a test)
  }
}

let decoy: Promise<string> | undefined;

/**
 * Timing: an unknown e-mail still costs one full password check, against this hash of a random
 * password (made once per process), so the response time does not tell which addresses have accounts.
 */
function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomUUID()).catch((error: unknown) => {
    decoy = undefined; // refused by the hashing queue: make it on a later login
    throw error;
  });
  return decoy;
}

export function accountRoutes(deps: ApiDependencies) {
  const router = newRouter();
  const { config } = deps;
  const limiter = new LoginRateLimiter(deps.redis, config.api);

  /** The response body of a new session of `user`, whose refresh token is `refreshToken`. */
  async function sessionOf(user: User, refreshToken: string): Promise<z.infer<typeof SessionSchema>> {
    const { token } = await signAccessToken({ id: user.id, role: user.role }, config.api);
    return {
      user: { id: user.id, email: user.email, role: user.role },
      accessToken: token,
      expiresIn: config.api.accessTokenTtlSeconds,
      refreshToken,
    };
  }

  router.openapi(registerRoute, async function register(c) {
    const body = c.req.valid('json');
    const passwordHash = await hashPassword(body.password);
    const { user, refreshToken } = await withPostgres('registering the account', () =>
      inTransaction(deps.postgres, async (client) => {
        const user = await insertUser(client, {
          email: normaliseEmail(body.email),
          passwordHash,
          role: body.role ?? 'shopper',
        });
        return { user, refreshToken: await issueRefreshToken(client, user.id, config.api) };
      }),
    );
    c.get('log').info({ userId: user.id, role: user.role }, 'account registered');
    return c.json(await sessionOf(user, refreshToken), 201);
  });

  router.openapi(loginRoute, async function login(c) {
    const body = c.req.valid('json');
    const email = normaliseEmail(body.email);
    const subjects = loginSubjects(deps.keys.prefix, email, clientAddress(c));
    await limiter.assertAllowed(subjects);
    const credentials = await findCredentials(deps.postgres, email);
    const matches = credentials
      ? await verifyPassword(body.password, credentials.passwordHash)
      : await verifyPassword(body.password, await decoyHash());
    if (!credentials || !matches) {
      await limiter.recordFailure(subjects);
      throw new PlatformError(ErrorCodes.UNAUTHENTICATED, 'The e-mail address or the password is wrong');
    }
    await limiter.recordSuccess(subjects);
    const refreshToken = await withPostgres('opening the session', async () => {
      await deleteExpiredRefreshTokens(deps.postgres, credentials.id);
      return issueRefreshToken(deps.postgres, credentials.id, config.api);
    });
    return c.json(await sessionOf(credentials, refreshToken), 200);
  });

  router.openapi(refreshRoute, async function refresh(c) {
    const { refreshToken } = c.req.valid('json');
    const outcome = await withPostgres('rotating the refresh token', () =>
      rotateRefreshToken(deps.postgres, refreshToken, config.api),
    );
    if (outcome.kind === 'refused') {
      if (outcome.reason === 'reused') {
        c.get('log').warn(
          { userId: outcome.userId, familyId: outcome.familyId },
          'a used refresh token was presented again: every token of its login is revoked',
        );
      }
      throw new PlatformError(ErrorCodes.UNAUTHENTICATED, refusals[outcome.reason]);
    }
    return c.json(await sessionOf(outcome.user, outcome.token), 200);
  });

  router.openapi(logoutRoute, async function logout(c) {
    const { refreshToken } = c.req.valid('json');
    await withPostgres('revoking the refresh token', () =>
      revokeRefreshTokenFamily(deps.postgres, refreshToken),
    );
    return c.body(null, 204);
  });

  router.openapi(meRoute, async function me(c) {
    const user = currentUser(c.get('user'));
    const account = await findAccount(deps.postgres, user.id);
    if (!account) {
      throw new PlatformError(
        ErrorCodes.UNAUTHENTICATED,
        'The account of this access token no longer exists',
      );
    }
    return c.json(account, 200);
  });

  return router;
}

const refusals = {
  unknown: 'The refresh token is not valid; log in again',
  expired: 'The refresh token has expired; log in again',
  revoked: 'The refresh token has been revoked; log in again',
  reused: 'The refresh token was already used: every session of this login is now signed out; log in again',
} as const;
