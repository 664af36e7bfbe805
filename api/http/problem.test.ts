import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HTTPException } from 'hono/http-exception';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { problemResponse, toProblem } from './problem.ts';

describe('toProblem', () => {
  it('answers a client error with its code, message and public fields', () => {
    const problem = toProblem(
      new PlatformError(ErrorCodes.FORBIDDEN, 'This item belongs to someone else', { itemId: 'i-1' }),
      '/v1/items/i-1',
    );
    assert.deepEqual(problem, {
      type: 'urn:eshop:problem:forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'This item belongs to someone else',
      code: 'FORBIDDEN',
      instance: '/v1/items/i-1',
      itemId: 'i-1',
    });
  });

  it('maps every client-facing code to its status', () => {
    const statuses = Object.fromEntries(
      (
        [
          'VALIDATION_FAILED',
          'UNAUTHENTICATED',
          'FORBIDDEN',
          'NOT_FOUND',
          'CONFLICT',
          'PAYLOAD_TOO_LARGE',
          'UNSUPPORTED_MEDIA_TYPE',
          'RATE_LIMITED',
          'SERVICE_UNAVAILABLE',
        ] as const
      ).map((code) => [code, toProblem(new PlatformError(ErrorCodes[code], 'x')).status]),
    );
    assert.deepEqual(statuses, {
      VALIDATION_FAILED: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      RATE_LIMITED: 429,
      SERVICE_UNAVAILABLE: 503,
    });
  });

  it('keeps what a store said out of a 503, and internal fields out of any answer', () => {
    const problem = toProblem(
      new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, 'connect ECONNREFUSED 127.0.0.1:6379', {
        retriable: true,
        service: 'redis',
        url: 'redis://127.0.0.1:6379',
        cause: new Error('boom'),
      }),
    );
    assert.equal(problem.status, 503);
    assert.doesNotMatch(JSON.stringify(problem), /6379|redis|boom/);
  });

  it('turns anything that is not a PlatformError into a 500 that names nothing internal', () => {
    const problem = toProblem(new TypeError("Cannot read properties of undefined (reading 'rows')"));
    assert.equal(problem.status, 500);
    assert.equal(problem.code, 'INTERNAL');
    assert.doesNotMatch(problem.detail, /rows/);
  });

  it("keeps Hono's own client errors (a malformed JSON body) as 4xx", () => {
    const problem = toProblem(new HTTPException(400, { message: 'Malformed JSON in request body' }));
    assert.equal(problem.status, 400);
    assert.equal(problem.code, 'VALIDATION_FAILED');
    assert.equal(problem.detail, 'Malformed JSON in request body');
  });
});

describe('problemResponse', () => {
  it('is problem+json, asks for a bearer token on 401 and says when to retry on 429', async () => {
    const unauthenticated = problemResponse(
      toProblem(new PlatformError(ErrorCodes.UNAUTHENTICATED, 'sign in')),
    );
    assert.equal(unauthenticated.headers.get('Content-Type'), 'application/problem+json');
    assert.equal(unauthenticated.headers.get('WWW-Authenticate'), 'Bearer');
    assert.equal(((await unauthenticated.json()) as { status: number }).status, 401);

    const limited = new PlatformError(ErrorCodes.RATE_LIMITED, 'slow down', { retryAfterSeconds: 2.2 });
    const response = problemResponse(toProblem(limited), limited);
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('Retry-After'), '3');
  });
});
