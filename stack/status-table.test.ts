import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, renderStatusTable, renderTable } from './status-table.ts';

describe('status table', () => {
  it('aligns columns to the widest cell', () => {
    assert.equal(
      renderTable(['A', 'LONG HEADER'], [['wide cell', 'x']]),
      ['A          LONG HEADER', '---------  -----------', 'wide cell  x'].join('\n'),
    );
  });

  it('formats memory in MiB and GiB', () => {
    assert.equal(formatBytes(0), '-');
    assert.equal(formatBytes(300 * 1024 * 1024), '300 MiB');
    assert.equal(formatBytes(3.5 * 1024 * 1024 * 1024), '3.50 GiB');
  });

  it('lists each service with version, URL and state, and the total memory', () => {
    const table = renderStatusTable([
      {
        name: 'redis',
        version: '7.0.15',
        url: 'redis://127.0.0.1:6379',
        state: 'healthy',
        memoryBytes: 10 * 2 ** 20,
        route: '',
        startSeconds: 0.4,
      },
      { name: 'kafka', version: '4.1.1', url: '127.0.0.1:9092', state: 'stopped', memoryBytes: 0, route: '' },
    ]);
    assert.match(table, /^redis\s+7\.0\.15\s+redis:\/\/127\.0\.0\.1:6379\s+healthy\s+10 MiB\s+0\.4s$/m);
    assert.match(table, /^kafka\s+4\.1\.1\s+127\.0\.0\.1:9092\s+stopped\s+-$/m);
    assert.match(table, /Total memory \(PSS\) of the stack: 10 MiB/);
  });
});
