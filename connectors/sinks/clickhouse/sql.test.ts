import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dateLiteral,
  dateTimeLiteral,
  limitClause,
  qualifiedName,
  quoteIdentifier,
  quoteString,
  stringList,
  utcDateTime,
} from './sql.ts';

// The server reads these back exactly: tests/integration/sinks/clickhouse.test.ts round-trips them.
describe('SQL literals', () => {
  it('quotes strings so no value can end the literal', () => {
    assert.equal(quoteString("it's"), "'it\\'s'");
    assert.equal(quoteString('a\\b'), "'a\\\\b'");
    assert.equal(quoteString("\\'; DROP TABLE x; --"), "'\\\\\\'; DROP TABLE x; --'");
    assert.equal(quoteString('line\nnext\ttab\u0001'), "'line\\nnext\\ttab\\x01'");
    assert.equal(quoteString('Айфон 13 😀'), "'Айфон 13 😀'");
  });

  it('quotes identifiers with backquotes', () => {
    assert.equal(quoteIdentifier('contract-1a2b'), '`contract-1a2b`');
    assert.equal(quoteIdentifier('a`b\\c'), '`a\\`b\\\\c`');
    assert.equal(qualifiedName('db', 'activity'), '`db`.`activity`');
  });

  it('writes times as epoch seconds and days as UTC dates', () => {
    assert.equal(dateTimeLiteral(Date.UTC(2026, 10, 25, 12, 0, 0, 999)), 'toDateTime(1795608000)');
    assert.equal(dateLiteral(Date.UTC(2026, 10, 25, 23, 59)), "toDate('2026-11-25')");
    assert.equal(utcDateTime(Date.UTC(2026, 0, 2, 3, 4, 5)), '2026-01-02 03:04:05');
    assert.throws(() => dateTimeLiteral(Number.NaN), RangeError);
  });

  it('builds IN lists and limits only from valid values', () => {
    assert.equal(stringList(['a', "b'"]), "('a', 'b\\'')");
    assert.throws(() => stringList([]), RangeError);
    assert.equal(limitClause(10), 'LIMIT 10');
    assert.throws(() => limitClause(0), RangeError);
    assert.throws(() => limitClause(1.5), RangeError);
  });
});
