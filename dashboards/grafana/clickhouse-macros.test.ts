import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandClickHouseMacros, type MacroContext } from './clickhouse-macros.ts';

// 2026-01-01 10:30:00.750 to 2026-01-02 09:15:20.999 UTC
const context: MacroContext = {
  from: Date.UTC(2026, 0, 1, 10, 30, 0, 750),
  to: Date.UTC(2026, 0, 2, 9, 15, 20, 999),
  intervalMs: 90_500,
};
const FROM_S = 1767263400;
const TO_S = 1767345320;

describe('expandClickHouseMacros (the plugin backend, pkg/macros/macros.go)', () => {
  it('$__timeFilter(col): both ends inclusive, whole epoch seconds, floored', () => {
    assert.equal(
      expandClickHouseMacros('WHERE $__timeFilter(occurred_at) AND x', context),
      `WHERE occurred_at >= toDateTime(${FROM_S}) AND occurred_at <= toDateTime(${TO_S}) AND x`,
    );
  });

  it('$__fromTime and $__toTime', () => {
    assert.equal(
      expandClickHouseMacros('toUInt32($__fromTime), $__toTime)', context),
      `toUInt32(toDateTime(${FROM_S})), toDateTime(${TO_S}))`,
    );
  });

  it('$__dateFilter(col): the UTC days of the range ends', () => {
    assert.equal(
      expandClickHouseMacros('$__dateFilter(comment_date)', context),
      "comment_date >= toDate('2026-01-01') AND comment_date <= toDate('2026-01-02')",
    );
  });

  it('$__interval_s: whole seconds of the interval, truncated, at least 1', () => {
    assert.equal(expandClickHouseMacros('intDiv(t, $__interval_s)', context), 'intDiv(t, 90)');
    assert.equal(expandClickHouseMacros('$__interval_s', { ...context, intervalMs: 20 }), '1');
  });

  it('arguments keep nested brackets and are trimmed', () => {
    assert.equal(
      expandClickHouseMacros('$__timeFilter( toDateTime(a, 1) )', context),
      `toDateTime(a, 1) >= toDateTime(${FROM_S}) AND toDateTime(a, 1) <= toDateTime(${TO_S})`,
    );
  });

  it('expands every occurrence, and leaves other $__ names as they are (like the plugin)', () => {
    assert.equal(
      expandClickHouseMacros('$__fromTime $__fromTime $__timeInterval(t) $__fromTimeX', context),
      `toDateTime(${FROM_S}) toDateTime(${FROM_S}) $__timeInterval(t) $__fromTimeX`,
    );
  });

  it('refuses a wrong number of arguments or an unclosed bracket', () => {
    assert.throws(() => expandClickHouseMacros('$__timeFilter(a, b)', context), /expected 1 argument/);
    assert.throws(() => expandClickHouseMacros('$__timeFilter', context), /expected 1 argument, received 0/);
    assert.throws(() => expandClickHouseMacros('$__timeFilter(a', context), /missing close bracket/);
  });
});
