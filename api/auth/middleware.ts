/**
 * Who is calling. `authenticate` runs for every request and reads an optional bearer token: a
 * request without one is anonymous, a request with a bad one is refused (a client holding a stale
 * token must find out, not be served as a stranger). Routes that need a caller declare
 * `requireRole(...)` in their route definition, which also documents the security requirement.
 */
import { createMiddleware } from 'hono/factory';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { ApiEnv, AuthUser, Role } from '../http/env.ts';
import { verifyAccessToken } from './access-tokens.ts';

export function authenticate(options: { jwtSecret: string }) {
  return createMiddleware<ApiEnv>(async function authenticate(c, next) {
    const header = c.req.header('Authorization');
    if (header === undefined) {
      c.set('user', undefined);
    } else {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) {
        throw new PlatformError(
          ErrorCodes.UNAUTHENTICATED,
          'The Authorization header must be "Bearer <access token>"',
        );
      }
      c.set('user', await verifyAccessToken(match[1]!, options));
    }
    await next();
  });
}

/** Lets the request through when the caller is signed in with one of `allowed` (any role if empty). */
export function requireRole(...allowed: Role[]) {
  return createMiddleware<ApiEnv>(async function requireRole(c, next) {
    currentUser(c.get('user'), allowed);
    await next();
  });
}

/** The signed-in caller, or UNAUTHENTICATED / FORBIDDEN (when `allowed` is given and excludes the role). */
export function currentUser(user: AuthUser | undefined, allowed: readonly Role[] = []): AuthUser {
  if (!user) throw new PlatformError(ErrorCodes.UNAUTHENTICATED, 'Sign in first: this needs an access token');
  if (allowed.length > 0 && !allowed.includes(user.role)) {
    throw new PlatformError(
      ErrorCodes.FORBIDDEN,
      `This needs the role ${allowed.join(' or ')}; the caller is a ${user.role}`,
    );
  }
  return user;
}

/** FORBIDDEN unless the caller owns the resource or is an admin. */
export function assertOwnerOrAdmin(user: AuthUser, ownerId: string | null, what: string): void {
  if (user.role !== 'admin' && user.id !== ownerId) {
    throw new PlatformError(ErrorCodes.FORBIDDEN, `This ${what} belongs to someone else`);
  }
}
