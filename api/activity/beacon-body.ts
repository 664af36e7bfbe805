/**
 * The beacon endpoint's body types. `navigator.sendBeacon(url, string)` sends `text/plain`: the
 * one type a browser sends cross-origin without a CORS preflight, so beacon scripts use it for
 * their JSON. This route middleware reads such a body as the JSON it is, so the route's schema
 * validates both alike, and refuses any other type with a 415 that says what to send.
 */
import { createMiddleware } from 'hono/factory';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { ApiEnv } from '../http/env.ts';

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function acceptTextPlainJson() {
  return createMiddleware<ApiEnv>(async function acceptTextPlainJson(c, next) {
    const type = mediaType(c.req.header('Content-Type'));
    if (type === 'text/plain') {
      // The body is already bounded by the app's body limit; it is read once, here.
      const text = await c.req.raw.text();
      const headers = new Headers(c.req.raw.headers);
      headers.set('Content-Type', 'application/json');
      headers.delete('Content-Length');
      c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers, body: text });
    } else if (!JSON_TYPE.test(type)) {
      throw new PlatformError(
        ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        `Send the batch as application/json (or text/plain holding JSON, as navigator.sendBeacon does), not ${type || 'a body without Content-Type'}`,
      );
    }
    await next();
  });
}
