/**
 * The provisioned Grafana dashboards (dashboards/*.json), read as data: their panels, each panel's
 * queries by datasource, and the queries as Grafana would send them for a time range - dashboard
 * variables replaced by the frontend, then the ClickHouse plugin's macros expanded by its backend.
 * The tests run every query this way against the real ClickHouse and Prometheus.
 *
 * @example
 * const shop = loadDashboard('shop-analytics');
 * for (const query of clickHouseQueries(shop)) {
 *   const sql = expandClickHouseQuery(query.sql, { from, to, intervalMs: 60_000, variables: { category: { value: ALL, allValue: "'__all__'" } } });
 * }
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandClickHouseMacros, type MacroContext } from './clickhouse-macros.ts';
import { interpolateVariables, type Variables } from './template-variables.ts';

/** Where the dashboards' JSON files are (mounted into Grafana by the provisioning). */
export const dashboardsDir = fileURLToPath(new URL('./dashboards/', import.meta.url));

export const datasourceTypes = {
  clickhouse: 'grafana-clickhouse-datasource',
  prometheus: 'prometheus',
} as const;

export interface DatasourceRef {
  type: string;
  uid: string;
}

/** A query of a panel: SQL for the ClickHouse datasource, PromQL for Prometheus. */
export interface Target {
  refId: string;
  datasource?: DatasourceRef;
  /** ClickHouse: the SQL, with macros and variables. */
  rawSql?: string;
  /** ClickHouse: 0 time series, 1 table (sqlds' format options). */
  format?: number;
  /** Prometheus: the expression. */
  expr?: string;
  legendFormat?: string;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: DatasourceRef;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
  fieldConfig?: { defaults?: { unit?: string } & Record<string, unknown>; overrides?: unknown[] };
  /** Panels of a collapsed row. */
  panels?: Panel[];
  [key: string]: unknown;
}

export interface TemplateVariable {
  name: string;
  type: string;
  label?: string;
  datasource?: DatasourceRef;
  /** A query variable's query (the ClickHouse datasource takes the SQL as a string). */
  query?: string | Record<string, unknown>;
  includeAll?: boolean;
  multi?: boolean;
  allValue?: string | null;
  [key: string]: unknown;
}

export interface Dashboard {
  uid: string;
  title: string;
  description?: string;
  tags: string[];
  time: { from: string; to: string };
  refresh?: string;
  schemaVersion: number;
  templating: { list: TemplateVariable[] };
  panels: Panel[];
  [key: string]: unknown;
}

/** Every dashboard file's name (without `.json`). */
export function dashboardNames(dir = dashboardsDir): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** Reads `dashboards/<name>.json`. */
export function loadDashboard(name: string, dir = dashboardsDir): Dashboard {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Dashboard;
}

/** Every panel, those inside rows included, rows themselves excluded. */
export function panelsOf(dashboard: Dashboard): Panel[] {
  return dashboard.panels.flatMap((panel) => (panel.type === 'row' ? (panel.panels ?? []) : [panel]));
}

export interface PanelQuery {
  panel: Panel;
  target: Target;
  /** The datasource uid of the query (the target's, else the panel's). */
  datasourceUid: string;
}

/** Every query of every panel. */
export function queriesOf(dashboard: Dashboard): PanelQuery[] {
  return panelsOf(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      panel,
      target,
      datasourceUid: target.datasource?.uid ?? panel.datasource?.uid ?? '',
    })),
  );
}

/** The ClickHouse queries (datasource uid `clickhouse`), with their SQL. */
export function clickHouseQueries(dashboard: Dashboard): (PanelQuery & { sql: string })[] {
  return queriesOf(dashboard)
    .filter((query) => query.datasourceUid === 'clickhouse')
    .map((query) => ({ ...query, sql: query.target.rawSql ?? '' }));
}

/** The Prometheus queries (datasource uid `prometheus`), with their expressions. */
export function prometheusQueries(dashboard: Dashboard): (PanelQuery & { expr: string })[] {
  return queriesOf(dashboard)
    .filter((query) => query.datasourceUid === 'prometheus')
    .map((query) => ({ ...query, expr: query.target.expr ?? '' }));
}

export interface QueryContext extends MacroContext {
  variables: Variables;
}

/**
 * A ClickHouse panel's SQL as the plugin sends it to the server: the dashboard variables replaced
 * (frontend, first), then the macros expanded (backend).
 */
export function expandClickHouseQuery(sql: string, context: QueryContext): string {
  return expandClickHouseMacros(interpolateVariables(sql, context.variables), context);
}

/** Grafana's default scrape interval for a Prometheus datasource without `timeInterval`. */
const DEFAULT_SCRAPE_INTERVAL_S = 15;

/**
 * A Prometheus expression as Grafana's Prometheus datasource sends it: `$__rate_interval` is
 * max($__interval + scrape interval, 4 × scrape interval), in seconds; `$__interval` and `$__range`
 * in seconds too.
 */
export function expandPrometheusQuery(
  expr: string,
  context: MacroContext & { scrapeIntervalS?: number },
): string {
  const scrape = context.scrapeIntervalS || DEFAULT_SCRAPE_INTERVAL_S;
  const interval = Math.max(1, Math.round(context.intervalMs / 1000));
  const rateInterval = Math.max(interval + scrape, 4 * scrape);
  const range = Math.max(1, Math.round((context.to - context.from) / 1000));
  return interpolateVariables(
    expr,
    {
      __rate_interval: { value: `${rateInterval}s` },
      __interval: { value: `${interval}s` },
      __range: { value: `${range}s` },
    },
    (value) => String(value),
  );
}
