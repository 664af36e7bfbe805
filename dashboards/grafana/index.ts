/**
 * The Grafana dashboards as data, and their queries as Grafana sends them: the public surface of
 * dashboards/grafana/ (dashboards/*.json are the dashboards, provisioning/ how Grafana loads them).
 */
export {
  clickHouseQueries,
  dashboardNames,
  dashboardsDir,
  datasourceTypes,
  expandClickHouseQuery,
  expandPrometheusQuery,
  loadDashboard,
  panelsOf,
  prometheusQueries,
  queriesOf,
  type Dashboard,
  type DatasourceRef,
  type Panel,
  type PanelQuery,
  type QueryContext,
  type Target,
  type TemplateVariable,
} from './dashboards.ts';
export { expandClickHouseMacros, supportedMacros, type MacroContext } from './clickhouse-macros.ts';
export {
  ALL,
  clickHouseDefaultFormat,
  interpolateVariables,
  type DefaultFormat,
  type VariableState,
  type Variables,
} from './template-variables.ts';
