import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL, interpolateVariables } from './template-variables.ts';

describe('interpolateVariables (Grafana frontend)', () => {
  it('singlequote: each value quoted, quotes escaped with a backslash, joined by commas', () => {
    const variables = { category: { value: ['phones', "kid's toys"] } };
    assert.equal(
      interpolateVariables('IN (${category:singlequote})', variables),
      "IN ('phones','kid\\'s toys')",
    );
    assert.equal(
      interpolateVariables('IN (${category:singlequote})', { category: { value: 'phones' } }),
      "IN ('phones')",
    );
  });

  it('"All" is the custom all value as it is, whatever the format', () => {
    const variables = { category: { value: [ALL], allValue: "'__all__'", options: ['a', 'b'] } };
    assert.equal(interpolateVariables('IN (${category:singlequote})', variables), "IN ('__all__')");
    assert.equal(interpolateVariables('IN ($category)', variables), "IN ('__all__')");
  });

  it('"All" without a custom all value is every option', () => {
    const variables = { category: { value: ALL, options: ['a', 'b'] } };
    assert.equal(interpolateVariables('IN (${category:singlequote})', variables), "IN ('a','b')");
  });

  it("no format: the ClickHouse datasource's own (a list quoted and joined, a single value raw)", () => {
    assert.equal(interpolateVariables('$v / ${v}', { v: { value: ['a', 'b'] } }), "'a','b' / 'a','b'");
    assert.equal(interpolateVariables('[[v]]', { v: { value: 'x' } }), 'x');
  });

  it('leaves names that are not variables (the plugin macros) alone', () => {
    const sql = 'WHERE $__timeFilter(t) AND x = $__interval_s AND ${unknown}';
    assert.equal(interpolateVariables(sql, { category: { value: 'a' } }), sql);
  });

  it('refuses a format it does not implement rather than guessing', () => {
    assert.throws(() => interpolateVariables('${v:lucene}', { v: { value: 'a' } }), /not implemented/);
  });
});
