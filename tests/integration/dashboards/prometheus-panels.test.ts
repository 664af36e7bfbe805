/**
 * Every expression of the Pipeline health dashboard sent to the real Prometheus as Grafana sends it
 * ($__rate_interval expanded for a one-hour range at the default 15 s scrape interval):
 *
 * - always: Prometheus parses and evaluates it (a malformed expression is a 400 `bad_data`; a valid
 *   one with nothing scraped yet is an empty result);
 * - with EXPECT_PLATFORM_METRICS=1: it also returns at least one series. That needs Prometheus
 *   scraping every process of a running platform - the four processors, the four sinks, the outbox
 *   relay and the API - for at least two scrapes, after the API has answered requests and the
 *   relay, processors and sinks have each handled a record (a load run through the API does all
 *   that). Processes create their series at start (counters and histograms at zero), except the
 *   lag gauges and API request series, which appear with the first record or request.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  expandPrometheusQuery,
  loadDashboard,
  prometheusQueries,
} from '../../../dashboards/grafana/dashboards.ts';
import { requireService, testConfig } from '../../support/index.ts';

const expectSeries = process.env.EXPECT_PLATFORM_METRICS === '1';

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

  before(() =>
    requireService('prometheus', url, async () => {
      const response = await fetch(`${url}/-/ready`);
      if (!response.ok) throw new Error(`/-/ready answered ${response.status}`);
    }),
  );

  it('refuses a malformed expression, so the checks below mean something', async () => {
    const { status, body } = await query('sum by (sink (rate(eshop_sink_retries_total[1m]))');
    assert.equal(status, 400);
    assert.equal(body.errorType, 'bad_data');
  });

  for (const { panel, target, expr } of queries) {
    const name = `${panel.title} (${target.refId})`;
    it(`${name} ${expectSeries ? 'returns series' : 'is valid PromQL'}`, async () => {
      const now = Date.now();
      const sent = expandPrometheusQuery(expr, { from: now - 3_600_000, to: now, intervalMs: 15_000 });
      const { status, body } = await query(sent);
      assert.equal(status, 200, `${name}: ${body.error ?? ''}\n${sent}`);
      assert.equal(body.status, 'success');
      assert.equal(body.data?.resultType, 'vector');
      if (expectSeries) {
        assert.ok(
          (body.data?.result.length ?? 0) > 0,
          `${name}: no series - is every platform process scraped, and has it handled a record?\n${sent}`,
        );
      }
    });
  }
});
