import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { withRetry } from './retry.ts';

const fast = { retries: 3, initialDelayMs: 1, maxDelayMs: 2 };

describe('withRetry', () => {
  it('retries retriable errors until the operation succeeds', async () => {
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, 'down', { retriable: true });
      return 'ok';
    }, fast);
    assert.equal(result, 'ok');
    assert.equal(calls, 3);
  });

  it('gives up after the configured retries', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(async () => {
        calls += 1;
        throw new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, 'down', { retriable: true });
      }, fast),
      /down/,
    );
    assert.equal(calls, 4);
  });

  it('never retries an error that is not retriable', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(async () => {
        calls += 1;
        throw new PlatformError(ErrorCodes.DESERIALIZATION_FAILED, 'garbage');
      }, fast),
      /garbage/,
    );
    assert.equal(calls, 1);
  });
});
