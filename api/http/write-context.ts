/** What a write carries from its request: the caller, the trace its events continue, the logger. */
import type { Context } from 'hono';
import type { Logger } from '../../core/log/index.ts';
import { currentUser } from '../auth/middleware.ts';
import type { ApiEnv, AuthUser } from '../http/env.ts';

export interface WriteContext {
  user: AuthUser;
  /** The request span's traceparent: the outbox row carries it on. */
  traceparent: string;
  log: Logger;
}

/** The write context of a request; UNAUTHENTICATED when nobody is signed in. */
export function writeContext(c: Context<ApiEnv>): WriteContext {
  return { user: currentUser(c.get('user')), traceparent: c.get('traceparent'), log: c.get('log') };
}
