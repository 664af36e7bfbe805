import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { platformProcesses } from '../../platform/index.ts';

interface ScrapeConfig {
  job_name: string;
  static_configs: { targets: string[]; labels?: { component?: string } }[];
}

describe('the local Prometheus configuration', () => {
  const template = readFileSync(new URL('local.yml', import.meta.url), 'utf8');
  const config = parse(template.replaceAll('{{host}}', '127.0.0.1').replaceAll('{{apiPort}}', '8080')) as {
    scrape_configs: ScrapeConfig[];
  };
  const scraped = new Map(
    config.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((group) =>
        group.targets.map((target) => [group.labels?.component, { job: job.job_name, target }] as const),
      ),
    ),
  );

  it('scrapes every platform process at the port it serves its metrics on', () => {
    const processes = platformProcesses({ host: '127.0.0.1', apiPort: 8080 }).filter((p) => p.metricsUrl);
    assert.equal(processes.length, 10);
    for (const process of processes) {
      const target = scraped.get(process.name);
      assert.ok(target, `${process.name} is not scraped`);
      assert.equal(`http://${target.target}/metrics`, process.metricsUrl, process.name);
      assert.match(
        target.job,
        /^eshop-/,
        `${process.name}'s job must start with eshop- (the alert rules select on it)`,
      );
    }
  });
});
