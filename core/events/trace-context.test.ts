import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { childTraceparent, newTraceparent, parseTraceparent } from './trace-context.ts';

describe('trace context', () => {
  it('starts valid sampled traces', () => {
    const parsed = parseTraceparent(newTraceparent());
    assert.ok(parsed);
    assert.equal(parsed.flags, '01');
  });

  it('continues the parent trace with a new span id', () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const child = parseTraceparent(childTraceparent(parent))!;
    assert.equal(child.traceId, '0af7651916cd43dd8448eb211c80319c');
    assert.notEqual(child.spanId, 'b7ad6b7169203331');
  });

  it('rejects malformed and all-zero ids, starting a new trace instead', () => {
    for (const bad of [
      '',
      'garbage',
      '00-00000000000000000000000000000000-b7ad6b7169203331-01',
      '01-abc-def-01',
    ]) {
      assert.equal(parseTraceparent(bad), undefined);
      assert.ok(parseTraceparent(childTraceparent(bad)));
    }
  });
});
