/**
 * Validation at the edge: every route's zod schemas check the request before a handler sees it,
 * and a failure becomes one 400 problem listing every bad field with its path, so a client fixes
 * all of them in one round trip.
 */
import type { Hook } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { validationError, type FieldError } from './problem.ts';

/** The zod issues of a failed check as field errors, paths prefixed by where they were (`query.limit`). */
export function fieldErrors(error: ZodError, target: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [target, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** The OpenAPIHono default hook: throws a VALIDATION_FAILED PlatformError the error handler answers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rejectInvalidRequest: Hook<any, any, any, any> = function rejectInvalidRequest(result) {
  if (!result.success) {
    // Hono calls a body's target `json` or `form`; clients know it as the body.
    const errors = fieldErrors(
      result.error as ZodError,
      result.target === 'json' || result.target === 'form' ? 'body' : result.target,
    );
    throw validationError(
      `The request is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
};
