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

  it(
    'scrapes itself, MinIO and the schema registry, and looks for every platform process',
    { timeout: 60_000 },
    async () => {
      // Targets report health after their first scrape (every 15 s); a fresh stack may not have one yet.
      const stackJobs = ['prometheus', 'minio', 'schema-registry'];
      let targets: TargetsResponse['data']['activeTargets'] = [];
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const response = await fetch(`${url}/api/v1/targets?state=active`);
        targets = ((await response.json()) as TargetsResponse).data.activeTargets;
        const ofStack = targets.filter((t) => stackJobs.includes(t.labels.job));
        if (ofStack.length === stackJobs.length && ofStack.every((t) => t.health !== 'unknown')) break;
        await sleep(1_000);
      }
      const health = (job: string) => targets.filter((t) => t.labels.job === job).map((t) => t.health);
      for (const job of stackJobs) assert.deepEqual(health(job), ['up'], job);
      // The platform's processes run only under `eshop up`: scraped whether or not they are up now.
      assert.equal(health('eshop-api').length, 1);
      assert.equal(health('eshop-outbox-relay').length, 1);
      assert.equal(health('eshop-processors').length, 4);
      assert.equal(health('eshop-sinks').length, 4);
    },
  );
});
