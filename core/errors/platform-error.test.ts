import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCodes, PlatformError, isPlatformError, isRetriable } from './index.ts';

describe('PlatformError', () => {
  it('carries code, retriable flag, cause and structured fields', () => {
    const cause = new Error('ECONNREFUSED');
    const error = new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, 'kafka is down', {
      cause,
      retriable: true,
      service: 'kafka',
    });
    assert.equal(error.code, 'SERVICE_UNAVAILABLE');
    assert.equal(error.retriable, true);
    assert.equal(error.cause, cause);
    assert.deepEqual(error.details, { service: 'kafka' });
    assert.deepEqual(error.toJSON(), {
      name: 'PlatformError',
      code: 'SERVICE_UNAVAILABLE',
      message: 'kafka is down',
      retriable: true,
      service: 'kafka',
    });
  });

  it('is not retriable unless it says so', () => {
    assert.equal(new PlatformError(ErrorCodes.CONFIG_INVALID, 'x').retriable, false);
  });

  it('classifies anything without throwing', () => {
    for (const value of [undefined, null, 42, 'text', {}, new Error('plain')]) {
      assert.equal(isRetriable(value), false);
      assert.equal(isPlatformError(value), false);
    }
    const error = new PlatformError(ErrorCodes.NOT_FOUND, 'missing');
    assert.equal(isPlatformError(error, 'NOT_FOUND'), true);
    assert.equal(isPlatformError(error, 'CONFIG_INVALID'), false);
  });
});
