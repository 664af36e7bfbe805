/**
 * Every expression of the Pipeline health dashboard sent to the real Prometheus as Grafana sends it
 * ($__rate_interval expanded for a one-hour range at the default 15 s scrape interval), while
 * Prometheus scrapes the running platform: Prometheus must parse it, and it must return at least
 * one series.
 *
 * The test runs the platform the way `npm start` does (platform/: the API, the outbox relay, the four
 * processors and the four sinks on their fixed metrics ports, which the stack's Prometheus scrapes
 * - dashboards/prometheus/local.yml - and a small load through the API), waits until every panel
 * has data, and stops what it started. Processes create most series at start; the lag gauges and
 * the API's request series appear with the first record or request, and rates need two scrapes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  expandPrometheusQuery,
  loadDashboard,
  prometheusQueries,
} from '../../../dashboards/grafana/dashboards.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalPlatform, platformProcesses } from '../../../platform/index.ts';
import { silentProgress } from '../../../stack/progress.ts';
import { requireService, testConfig } from '../../support/index.ts';

/** Start, a small catalogue through the API, the first beacons, and two scrapes after them. */
const DATA_DEADLINE_MS = 6 * 60_000;

interface QueryAnswer {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: { metric: Record<string, string> }[] };
}

describe('Pipeline health dashboard on the real Prometheus', () => {
  const { url } = testConfig().prometheus;
  const queries = prometheusQueries(loadDashboard('pipeline-health'));

  async function query(expr: string): Promise<{ status: number; body: QueryAnswer }> {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return { status: response.status, body: (await response.json()) as QueryAnswer };
  }

  const config = testConfig();
  const platform = new LocalPlatform(config, {
    progress: silentProgress,
    processes: platformProcesses({
      host: config.api.host,
      apiPort: config.api.port,
      // A small shop, quickly: every processor and sink sees records within a minute.
      load: { rate: 50, items: 20, sellers: 3, sessions: 10 },
    }),
  });
  const sent = (expr: string) => {
    const now = Date.now();
    return expandPrometheusQuery(expr, { from: now - 3_600_000, to: now, intervalMs: 15_000 });
  };

  before(async () => {
    await requireService('prometheus', url, async () => {
      const response = await fetch(`${url}/-/ready`);
      if (!response.ok) throw new Error(`/-/ready answered ${response.status}`);
    });
    await platform.up();
    // Until every panel has data (or the deadline passes: the tests below then say which has none).
    const deadline = Date.now() + DATA_DEADLINE_MS;
    for (;;) {
      const answers = await Promise.all(queries.map(({ expr }) => query(sent(expr))));
      if (answers.every(({ body }) => (body.data?.result.length ?? 0) > 0) || Date.now() > deadline) break;
      await sleep(5_000);
    }
  });

  after(() => platform.down());

  it('refuses a malformed expression, so the checks below mean something', async () => {
    const { status, body } = await query('sum by (sink (rate(eshop_sink_retries_total[1m]))');
    assert.equal(status, 400);
    assert.equal(body.errorType, 'bad_data');
  });

  for (const { panel, target, expr } of queries) {
    const name = `${panel.title} (${target.refId})`;
    it(`${name} returns series`, async () => {
      const expanded = sent(expr);
      const { status, body } = await query(expanded);
      assert.equal(status, 200, `${name}: ${body.error ?? ''}\n${expanded}`);
      assert.equal(body.status, 'success');
      assert.equal(body.data?.resultType, 'vector');
      assert.ok(
        (body.data?.result.length ?? 0) > 0,
        `${name}: no series - is every platform process scraped, and has it handled a record?\n${expanded}`,
      );
    });
  }
});
