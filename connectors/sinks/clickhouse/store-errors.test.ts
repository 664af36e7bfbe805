import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClickHouseError } from '@clickhouse/client';
import { ErrorCodes } from '../../../core/errors/index.ts';
import { classifyStoreFailure, clickHouseErrorCode, storeError } from './store-errors.ts';

/** Error bodies as the servers send them (18.16 captured from the local server). */
const old = (code: number, text: string) =>
  new Error(`Code: ${code}, e.displayText() = DB::Exception: ${text}, e.what() = DB::Exception`);
const current = (code: number, type: string) =>
  new ClickHouseError({ message: `something (${type})`, code: String(code), type });

describe('ClickHouse store errors', () => {
  it('reads the code from both error formats', () => {
    assert.equal(clickHouseErrorCode(old(27, 'Cannot parse input: expected , before: x')), 27);
    assert.equal(clickHouseErrorCode(current(41, 'CANNOT_PARSE_DATETIME')), 41);
    assert.equal(
      clickHouseErrorCode(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
      undefined,
    );
    assert.equal(clickHouseErrorCode('not an error'), undefined);
  });

  it('classifies data the server can never parse as refused, not retriable', () => {
    for (const error of [
      old(27, 'Cannot parse input'),
      old(26, 'Cannot parse JSON string'),
      current(53, 'TYPE_MISMATCH'),
    ]) {
      assert.equal(classifyStoreFailure(error), 'refused-data');
      const platform = storeError(error, 'insert into activity');
      assert.equal(platform.code, ErrorCodes.WRITE_REJECTED);
      assert.equal(platform.retriable, false);
    }
  });

  it('classifies a missing table, database or column as a schema mismatch, retriable', () => {
    for (const error of [
      old(60, 'Table x.activity doesn’t exist.'),
      old(81, 'Database x doesn’t exist'),
      old(117, 'Unknown field found while parsing JSONEachRow format: new_column'),
      current(16, 'NO_SUCH_COLUMN_IN_TABLE'),
    ]) {
      assert.equal(classifyStoreFailure(error), 'schema-mismatch');
      assert.equal(storeError(error, 'insert').retriable, true);
    }
  });

  it('treats connection failures, timeouts and server trouble as unavailable, retriable', () => {
    const errors = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' }),
      new Error('Timeout error.'),
      new Error('<html>502 Bad Gateway</html>'),
      current(252, 'TOO_MANY_PARTS'),
      current(241, 'MEMORY_LIMIT_EXCEEDED'),
      old(159, 'Timeout exceeded'),
    ];
    for (const error of errors) {
      assert.equal(classifyStoreFailure(error), 'unavailable');
      const platform = storeError(error, 'insert');
      assert.equal(platform.code, ErrorCodes.SERVICE_UNAVAILABLE);
      assert.equal(platform.retriable, true);
      assert.equal(platform.cause, error);
    }
  });
});
