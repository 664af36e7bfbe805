import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireService, testConfig } from '../support/index.ts';

interface TargetsResponse {
  data: { activeTargets: { labels: { job: string }; health: string }[] };
}

describe('Prometheus (real server)', () => {
  const { url } = testConfig().prometheus;

  before(() =>
    requireService('prometheus', url, async () => {
      const response = await fetch(`${url}/-/ready`);
      if (!response.ok) throw new Error(`/-/ready answered ${response.status}`);
    }),
  );

  it('evaluates PromQL over what it scraped', async () => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent('count(up)')}`);
    const body = (await response.json()) as { status: string; data: { resultType: string } };
    assert.equal(body.status, 'success');
    assert.equal(body.data.resultType, 'vector');
  });

  it('scrapes itself, MinIO and the schema registry', { timeout: 60_000 }, async () => {
    // Targets report health after their first scrape (every 15 s); a fresh stack may not have one yet.
    let targets: TargetsResponse['data']['activeTargets'] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const response = await fetch(`${url}/api/v1/targets?state=active`);
      targets = ((await response.json()) as TargetsResponse).data.activeTargets;
      if (targets.length > 0 && targets.every((t) => t.health !== 'unknown')) break;
      await sleep(1_000);
    }
    const jobs = Object.fromEntries(targets.map((t) => [t.labels.job, t.health]));
    assert.deepEqual(jobs, { prometheus: 'up', minio: 'up', 'schema-registry': 'up' });
  });
});
