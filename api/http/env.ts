/**
 * What every request carries through the middleware chain, and the router factory every route
 * module uses (so validation failures are answered alike everywhere).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../../core/log/index.ts';
import { rejectInvalidRequest } from './validation.ts';

export const roles = ['shopper', 'seller', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The caller, as proven by a valid access token. */
export interface AuthUser {
  id: string;
  role: Role;
}

export interface ApiEnv {
  Variables: {
    /** The signed-in caller; undefined for anonymous requests. */
    user: AuthUser | undefined;
    /** The W3C traceparent of this request's span: events the request produces continue it. */
    traceparent: string;
    /** The request's logger: every line carries the trace id. */
    log: Logger;
  };
}

/**
 * A router for one area of the API. Mount it on the app with `app.route('/v1', router)`.
 *
 * @example
 * export function sellerRoutes(deps: ApiDependencies) {
 *   const router = newRouter();
 *   router.openapi(getSellerRoute, async function getSeller(c) { ... });
 *   return router;
 * }
 */
export function newRouter(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({ defaultHook: rejectInvalidRequest });
}
