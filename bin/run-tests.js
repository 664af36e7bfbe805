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
const eshop = (...command) =>
  spawnSync(process.execPath, [join(root, 'bin/eshop.js'), ...command], { cwd: root, encoding: 'utf8' });

/**
 * The platform's own processes (`npm start`) work on the platform's topics, where the integration
 * tests produce their input: its processors would process that input too and the tests would see
 * every output twice. So they are stopped for the run and started again after it.
 */
function pausePlatform() {
  if (files.every((f) => !f.startsWith('tests/'))) return undefined;
  const status = eshop('status', '--json');
  let processes;
  try {
    processes = JSON.parse(status.stdout).processes ?? [];
  } catch {
    return undefined; // no stack home yet: nothing runs
  }
  const running = processes.filter((p) => p.state !== 'stopped' && p.state !== 'exited').map((p) => p.name);
  if (running.length === 0) return undefined;
  console.log(
    `run-tests: stopping the platform's processes for the test run (${running.join(', ')}); they start again afterwards`,
  );
  const stopped = eshop('down', '--keep-stack');
  if (stopped.status !== 0) {
    console.error(stopped.stdout + stopped.stderr);
    process.exit(1);
  }
  return { withLoad: running.includes('load') };
}

const paused = pausePlatform();
// One file at a time: integration tests share one local stack and 2 cores.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files.sort()],
  // Processes under test log JSON at info; keep the test report readable unless asked otherwise.
  { cwd: root, stdio: 'inherit', env: { LOG_LEVEL: 'error', ...process.env } },
);
if (paused) {
  console.log("run-tests: starting the platform's processes again");
  const restarted = spawnSync(
    process.execPath,
    [join(root, 'bin/eshop.js'), 'up', ...(paused.withLoad ? [] : ['--no-load'])],
    { cwd: root, stdio: 'inherit' },
  );
  if (restarted.status !== 0)
    console.error('run-tests: `npx eshop up` failed; run it again to restart the platform');
}
process.exit(result.status ?? 1);
