import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCodes, isPlatformError, PlatformError } from '../../core/errors/index.ts';
import { postgresError, sqlState, withPostgres } from './postgres-errors.ts';

/** What pg's DatabaseError carries that the mapping reads. */
function databaseError(code: string, constraint?: string): Error {
  return Object.assign(new Error(`error ${code}`), { code, severity: 'ERROR', constraint });
}

const codeOf = (error: unknown) => (isPlatformError(error) ? error.code : 'unmapped');

describe('Postgres errors', () => {
  it('reads the SQLSTATE of a server reply only', () => {
    assert.equal(sqlState(databaseError('23505')), '23505');
    assert.equal(sqlState(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })), undefined);
    assert.equal(
      sqlState(Object.assign(new Error('x'), { code: '23505' })),
      undefined,
      'no severity: not a reply',
    );
    assert.equal(sqlState(null), undefined);
  });

  it('makes bad input a client error', () => {
    assert.equal(codeOf(postgresError(databaseError('23505', 'users_email_key'), 'x')), ErrorCodes.CONFLICT);
    assert.equal(codeOf(postgresError(databaseError('23503'), 'x')), ErrorCodes.NOT_FOUND);
    for (const state of ['23502', '23514', '22P02', '22001', '22003', '22021', '22P05', '22008']) {
      assert.equal(codeOf(postgresError(databaseError(state), 'x')), ErrorCodes.VALIDATION_FAILED, state);
    }
  });

  it('makes an unavailable store a retriable 503', () => {
    for (const error of [
      databaseError('40001'),
      databaseError('40P01'),
      databaseError('57P01'),
      databaseError('08006'),
      databaseError('53300'),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new AggregateError([new Error('a')]),
    ]) {
      const mapped = postgresError(error, 'reading');
      assert.equal(codeOf(mapped), ErrorCodes.SERVICE_UNAVAILABLE, String(error));
      assert.equal((mapped as PlatformError).retriable, true);
    }
  });

  it('leaves our own errors and SQL bugs as they are', () => {
    const own = new PlatformError(ErrorCodes.FORBIDDEN, 'no');
    assert.equal(postgresError(own, 'x'), own);
    const syntax = databaseError('42601');
    assert.equal(postgresError(syntax, 'x'), syntax);
    const bug = new TypeError('undefined is not a function');
    assert.equal(postgresError(bug, 'x'), bug);
  });

  it('maps what the work throws', async () => {
    await assert.rejects(
      withPostgres('writing', () => Promise.reject(databaseError('23505'))),
      (error) => codeOf(error) === ErrorCodes.CONFLICT,
    );
    assert.equal(await withPostgres('reading', async () => 42), 42);
  });
});
