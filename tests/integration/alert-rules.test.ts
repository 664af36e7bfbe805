/**
 * The alert rules pass Prometheus' own checks and their unit tests (dashboards/prometheus/rules),
 * run by promtool from the Debian prometheus package the local stack installs.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const PROMTOOL = '/usr/bin/promtool';
const rulesDir = fileURLToPath(new URL('../../dashboards/prometheus/rules/', import.meta.url));

async function promtool(...args: string[]): Promise<string> {
  if (!existsSync(PROMTOOL)) {
    throw new Error(
      `${PROMTOOL} is missing: it comes with the stack's prometheus package; run \`npx eshop stack up prometheus\``,
    );
  }
  try {
    const { stdout, stderr } = await promisify(execFile)(PROMTOOL, args, { cwd: rulesDir });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: error });
  }
}

describe('alert rules', () => {
  it('are valid Prometheus rules', async () => {
    assert.match(await promtool('check', 'rules', 'alerts.yml'), /SUCCESS: 8 rules found/);
  });

  it('fire, and stay quiet, as their unit tests say', async () => {
    assert.match(await promtool('test', 'rules', 'alerts.test.yml'), /SUCCESS/);
  });
});
