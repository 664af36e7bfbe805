#!/usr/bin/env node
// Runs the test suite with Node's own test runner through tsx (Node 20's --test cannot glob).
// Unit tests sit beside the code they test as *.test.ts; integration tests live in tests/ and
// need the local stack (`npx eshop stack up`).
//   node bin/run-tests.js            all tests
//   node bin/run-tests.js --unit     only the tests that need no service
//   node bin/run-tests.js <files…>   the given test files
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skip = new Set(['node_modules', '.stack', '.git', 'coverage']);

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skip.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const explicit = args.filter((arg) => !arg.startsWith('--'));
const files =
  explicit.length > 0 ? explicit : findTests(root).filter((f) => !unitOnly || !f.startsWith('tests/'));
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}
// One file at a time: integration tests share one local stack and 2 cores.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files.sort()],
  // Processes under test log JSON at info; keep the test report readable unless asked otherwise.
  { cwd: root, stdio: 'inherit', env: { LOG_LEVEL: 'error', ...process.env } },
);
process.exit(result.status ?? 1);
