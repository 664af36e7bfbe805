/**
 * The dashboards as files: what Grafana needs to show them well, SQL that both ClickHouse 18.16
 * and current releases run, and PromQL that names only metrics the platform exports. Whether the
 * queries run and return data is the integration tests' part (tests/integration/dashboards/).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ApiMetrics } from '../../api/http/request-metrics.ts';
import { OutboxMetrics } from '../../connectors/outbox/metrics.ts';
import { SinkMetrics } from '../../connectors/sinks/runtime/metrics.ts';
import { StreamMetrics } from '../../streams/runtime/metrics.ts';
import { supportedMacros } from './clickhouse-macros.ts';
import {
  clickHouseQueries,
  dashboardNames,
  datasourceTypes,
  expandPrometheusQuery,
  loadDashboard,
  panelsOf,
  prometheusQueries,
  type Dashboard,
} from './dashboards.ts';

const dashboards = dashboardNames().map((name) => ({ name, dashboard: loadDashboard(name) }));

function provisioning(path: string): Record<string, unknown> {
  return parse(readFileSync(fileURLToPath(new URL(`./provisioning/${path}`, import.meta.url)), 'utf8'));
}

describe('Grafana dashboards', () => {
  it('are the shop analytics and the pipeline health', () => {
    assert.deepEqual(
      dashboards.map(({ dashboard }) => [dashboard.uid, dashboard.title]),
      [
        ['eshop-pipeline-health', 'Pipeline health'],
        ['eshop-shop-analytics', 'Shop analytics'],
      ],
    );
  });

  it('use the provisioned datasources by uid and type', () => {
    const { datasources } = provisioning('datasources/datasources.yml') as {
      datasources: { uid: string; type: string }[];
    };
    const provisioned = new Map(datasources.map((d) => [d.uid, d.type]));
    for (const { dashboard } of dashboards) {
      for (const panel of panelsOf(dashboard)) {
        for (const ref of [panel.datasource, ...(panel.targets ?? []).map((t) => t.datasource)]) {
          assert.ok(ref, `${panel.title}: names its datasource`);
          assert.equal(provisioned.get(ref.uid), ref.type, `${panel.title}: datasource ${ref.uid}`);
        }
      }
    }
  });

  for (const { name, dashboard } of dashboards) {
    describe(name, () => {
      it('has a uid, title, description, tags, a default time range and a current schema', () => {
        assert.match(dashboard.uid, /^[a-z0-9-]{1,40}$/);
        assert.ok(dashboard.title && (dashboard.description ?? '').length > 40);
        assert.ok(dashboard.tags.includes('eshop'));
        assert.match(dashboard.time.from, /^now-\d+[mhd]$/);
        assert.equal(dashboard.time.to, 'now');
        assert.ok(dashboard.schemaVersion >= 36);
      });

      it('gives every panel a unique id, a title, a description, a unit and named queries', () => {
        const ids = new Set<number>();
        for (const panel of dashboard.panels.concat(dashboard.panels.flatMap((p) => p.panels ?? []))) {
          assert.ok(!ids.has(panel.id), `panel id ${panel.id} is unique`);
          ids.add(panel.id);
        }
        for (const panel of panelsOf(dashboard)) {
          assert.ok(panel.title.length > 3, `panel ${panel.id} has a title`);
          assert.ok(
            (panel.description ?? '').length >= 60,
            `${panel.title}: says what it shows and how to read it`,
          );
          assert.ok(panel.fieldConfig?.defaults?.unit, `${panel.title}: has a unit`);
          const refIds = (panel.targets ?? []).map((t) => t.refId);
          assert.ok(refIds.length > 0, `${panel.title}: has a query`);
          assert.equal(new Set(refIds).size, refIds.length, `${panel.title}: refIds are unique`);
        }
      });

      it('lays its panels out on the 24-column grid without overlaps', () => {
        const cells = new Set<string>();
        for (const panel of dashboard.panels) {
          const { x, y, w, h } = panel.gridPos;
          assert.ok(x >= 0 && w > 0 && x + w <= 24, `${panel.title}: within the grid`);
          for (let i = x; i < x + w; i += 1) {
            for (let j = y; j < y + h; j += 1) {
              assert.ok(!cells.has(`${i},${j}`), `${panel.title}: overlaps another panel at ${i},${j}`);
              cells.add(`${i},${j}`);
            }
          }
        }
      });
    });
  }
});

describe('Shop analytics SQL', () => {
  const shop = loadDashboard('shop-analytics');
  const queries = clickHouseQueries(shop);
  const variable = shop.templating.list.find((v) => v.name === 'category');

  it('reads ClickHouse only', () => {
    assert.equal(queries.length, panelsOf(shop).flatMap((p) => p.targets ?? []).length);
    for (const { panel, target } of queries) {
      assert.equal(target.datasource?.type, datasourceTypes.clickhouse, panel.title);
      assert.ok(target.rawSql && target.format !== undefined, panel.title);
    }
  });

  it('uses only constructs ClickHouse 18.16 has and macros this module expands', () => {
    const sqls = [
      ...queries.map((q) => [q.panel.title, q.sql]),
      ['category variable', String(variable?.query)],
    ];
    for (const [title, sql] of sqls) {
      for (const banned of [
        /toStartOfInterval/i, // not in 18.16 ($__timeInterval expands to it)
        /DateTime64|fromUnixTimestamp64/i, // not in 18.16 (the _ms macros expand to it)
        /WITH\s+FILL/i,
        /(?<!\$)\{\w+:\w+\}/, // query parameters ({name:Type}), not variables (${name:format})
        /--|\/\*/, // comments: the plugin strips them before expanding macros, 18.16 does not need them
      ]) {
        assert.doesNotMatch(sql!, banned, `${title}: ${banned}`);
      }
      for (const [, macro] of sql!.matchAll(/\$__(\w+)/g)) {
        assert.ok(
          supportedMacros.includes(macro!),
          `${title}: $__${macro} is expanded by clickhouse-macros.ts`,
        );
      }
    }
  });

  it('gives time series a `time` column, sorted, as the plugin needs to pivot long data', () => {
    for (const { panel, target, sql } of queries.filter((q) => q.target.format === 0)) {
      assert.equal(panel.type, 'timeseries', panel.title);
      assert.match(sql, /^SELECT .* AS time,/, panel.title);
      assert.match(sql, /\nORDER BY time(,|$)/, panel.title);
      assert.equal(target.format, 0);
    }
  });

  it('has a multi-value category variable from ClickHouse with an "All" that filters nothing', () => {
    assert.ok(variable);
    assert.equal(variable.type, 'query');
    assert.equal(variable.datasource?.uid, 'clickhouse');
    assert.equal(variable.includeAll, true);
    assert.equal(variable.multi, true);
    assert.equal(variable.allValue, "'__all__'");
    const users = queries.filter((q) => q.sql.includes('$category') || q.sql.includes('${category'));
    assert.ok(users.length >= 10);
    for (const { panel, sql } of users) {
      // Every use goes through the one filter, which the custom all value short-circuits.
      for (const [use] of sql.matchAll(/\$\{?category[^)\]]*/g)) {
        assert.equal(use, '${category:singlequote}', panel.title);
      }
      assert.ok(sql.includes("'__all__' IN (${category:singlequote})"), panel.title);
    }
  });
});

describe('Pipeline health PromQL', () => {
  const pipeline: Dashboard = loadDashboard('pipeline-health');
  const queries = prometheusQueries(pipeline);

  /** Every series name the platform's processes export (histograms as _bucket, _sum, _count). */
  async function exportedNames(): Promise<Set<string>> {
    const registries = [
      new StreamMetrics().registry,
      new SinkMetrics().registry,
      new OutboxMetrics(async () => ({ unpublished: 0, oldestAgeSeconds: null })).registry,
      new ApiMetrics().registry,
    ];
    const names = new Set<string>();
    for (const registry of registries) {
      for (const metric of await registry.getMetricsAsJSON()) {
        names.add(metric.name);
        if (String(metric.type) === 'histogram') {
          for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
        }
      }
    }
    return names;
  }

  it('reads Prometheus only, with a legend for every query', () => {
    assert.equal(queries.length, panelsOf(pipeline).flatMap((p) => p.targets ?? []).length);
    for (const { panel, target } of queries) {
      assert.equal(target.datasource?.type, datasourceTypes.prometheus, panel.title);
      assert.ok(target.legendFormat, `${panel.title} ${target.refId}`);
    }
  });

  it('names only metrics the platform exports', async () => {
    const exported = await exportedNames();
    for (const { panel, expr } of queries) {
      // `up` is Prometheus' own, per scrape target.
      if (/^up\{job=~"eshop-\.\*"\}$/.test(expr)) continue;
      const names = [...expr.matchAll(/\b(eshop_\w+)/g)].map((m) => m[1]!);
      assert.ok(names.length > 0, panel.title);
      for (const name of names) assert.ok(exported.has(name), `${panel.title}: ${name} is exported`);
    }
  });

  it("windows every rate by Grafana's $__rate_interval", () => {
    for (const { panel, expr } of queries) {
      for (const [window] of expr.matchAll(/\[[^\]]*\]/g)) {
        assert.equal(window, '[$__rate_interval]', panel.title);
      }
    }
  });

  it('expands $__rate_interval as Grafana does: max(interval + scrape, 4 × scrape)', () => {
    const range = { from: 0, to: 3_600_000 };
    assert.equal(
      expandPrometheusQuery('rate(x[$__rate_interval])', { ...range, intervalMs: 15_000 }),
      'rate(x[60s])',
    );
    assert.equal(
      expandPrometheusQuery('rate(x[$__rate_interval])', { ...range, intervalMs: 120_000 }),
      'rate(x[135s])',
    );
    assert.equal(
      expandPrometheusQuery('rate(x[$__rate_interval])', { ...range, intervalMs: 1_000, scrapeIntervalS: 5 }),
      'rate(x[20s])',
    );
  });
});
