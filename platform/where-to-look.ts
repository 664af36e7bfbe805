/**
 * What `eshop up` prints at the end: where each part of the running platform can be seen, and
 * requests to copy and paste. Pure: the caller passes the configuration and what it found out.
 */
import { jaegerPorts } from '../stack/services/jaeger.ts';
import type { PlatformConfig } from '../core/config/index.ts';
import { renderTable } from '../stack/status-table.ts';
import { probeHost } from './processes.ts';

export interface WhereToLookInput {
  readonly config: Pick<
    PlatformConfig,
    'api' | 'schemaRegistry' | 'search' | 'clickhouse' | 'stack' | 'prometheus'
  >;
  /** Where the platform's logs are. */
  readonly logDir: string;
  /** An item the load created, for the example; a placeholder when there is none yet. */
  readonly exampleItemId?: string;
  /** For the beacon example: a session id and the time (epoch ms) to send. */
  readonly sessionId: string;
  readonly now: number;
  /** Whether the load runs (it is skipped with --no-load). */
  readonly loadRunning: boolean;
}

/** A shell-quoted argument. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export function whereToLook(input: WhereToLookInput): string {
  const { config } = input;
  const api = config.api.publicUrl.replace(/\/+$/u, '');
  const host = probeHost(config.stack.host);
  const links: [string, string][] = [
    ['API docs', `${api}/docs`],
    ['OpenAPI document', `${api}/openapi.json`],
    ['API readiness', `${api}/health/ready`],
    ['API metrics', `${api}/metrics (the other processes' are in the table above)`],
    [
      'Schema registry',
      `${config.schemaRegistry.url}/subjects (its API; the registry UI runs in docker-compose: kafka-ui on :8082)`,
    ],
    ['OpenSearch', `${config.search.url}/_cat/indices?v`],
    ['ClickHouse', `${config.clickhouse.url}/?query=SHOW%20TABLES%20FROM%20${config.clickhouse.database}`],
    [
      'MinIO console',
      `http://${host}:${config.stack.ports.minioConsole} (log in as S3_ACCESS_KEY / S3_SECRET_KEY; see \`npx eshop config\`)`,
    ],
    ['Prometheus', config.prometheus.url],
    ['Jaeger (traces)', `http://${host}:${jaegerPorts.query} (every process exports its spans there)`],
    ['Logs', `${input.logDir}/ (npx eshop stack logs api -f)`],
  ];
  const json = { 'Content-Type': 'application/json' };
  const header = `-H ${quote(`Content-Type: ${json['Content-Type']}`)}`;
  const account = { email: 'me@example.com', password: 'correct-horse-battery' };
  const beacon = {
    events: [{ type: 'PAGE_VIEW', sessionId: input.sessionId, occurredAt: input.now, page: '/' }],
  };
  const itemId = input.exampleItemId ?? '<an item id from the search above>';
  const examples = [
    '# Search the catalogue (what the load listed reaches the index within seconds)',
    `curl -s ${quote(`${api}/v1/search/items?q=iphone&limit=3`)}`,
    `# An item by id${input.exampleItemId ? ' (one the load created; X-Cache says whether Redis had its card)' : ''}`,
    `curl -si ${api}/v1/items/${itemId}`,
    '# Register, then log in (both answer with an access token for the Authorization header)',
    `curl -s -X POST ${api}/v1/auth/register ${header} -d ${quote(JSON.stringify({ ...account, role: 'shopper' }))}`,
    `curl -s -X POST ${api}/v1/auth/login ${header} -d ${quote(JSON.stringify(account))}`,
    '# A browser beacon: one page view (the API accepts events up to 7 days old)',
    `curl -s -X POST ${api}/v1/activity ${header} -d ${quote(JSON.stringify(beacon))}`,
  ];
  return [
    input.loadRunning
      ? 'The platform is running, with a light load through the API (npx eshop stack logs load -f shows its progress).'
      : 'The platform is running (no load: started with --no-load).',
    '',
    renderTable(['WHAT', 'WHERE'], links),
    '',
    'Try it:',
    ...examples.map((line) => `  ${line}`),
    '',
    '`npx eshop status` shows every service and process; `npx eshop down` stops them all.',
  ].join('\n');
}
