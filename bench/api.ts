/**
 * API figures on the local stack, printed (never asserted): requests per second, p50 and p99
 * latency, non-2xx answers and the process's RSS, for
 *   1. GET /v1/items/{id}        an item whose card is in Redis (a cache hit),
 *   2. GET /v1/search/items?q=   a full-text search over a small index,
 *   3. POST /v1/activity         a beacon batch of 10 page views (202 once Kafka acknowledged).
 *
 * By default the API runs in this process (startApi, port 0) over private namespaces of the stores
 * (Redis key prefix, search index prefix), and the data is written with the sinks' own code: the
 * item cards by the Redis sink, the items' documents by the search sink - so no pipeline needs to
 * run. autocannon fires from a worker thread, so the API keeps this process's main thread to itself
 * (the RSS is the whole process's: API, worker and heap). With `--url`, an API that is already
 * running is measured instead, and the data is created through it (a seller registers and lists
 * items; the running pipeline puts them in the cache and the index).
 *
 * Beacons go to the platform's `shop.activity` topic whichever API is measured (the producer has
 * no other), marked with a `bench-api-…` session id.
 *
 * Usage: npm run bench:api -- [--seconds 10] [--connections 20] [--url http://127.0.0.1:8080]
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
// @ts-expect-error -- autocannon ships no type declarations; the part used here is typed below
import autocannonUntyped from 'autocannon';
import { Redis } from 'ioredis';
import { startApi, type RunningApi } from '../api/server.ts';
import { createRedisSink } from '../connectors/sinks/redis/index.ts';
import { prefixPattern } from '../connectors/sinks/redis/keys.ts';
import type { SinkRecord } from '../connectors/sinks/runtime/sink.ts';
import { createSearchClient, createSearchSink } from '../connectors/sinks/search/index.ts';
import { loadConfig, type PlatformConfig } from '../core/config/index.ts';
import { createLogger } from '../core/log/index.ts';
import { samples } from '../schemas/samples.ts';
import { topics } from '../schemas/topics.ts';
import type { EnrichedItem } from '../schemas/types.generated.ts';
import { renderTable } from '../stack/status-table.ts';

// ---------------------------------------------------------------- autocannon (ships no types)

interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  duration: number;
  workers?: number;
}
const autocannon = autocannonUntyped as unknown as (options: AutocannonOptions) => Promise<AutocannonResult>;

// ---------------------------------------------------------------- options

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    url: { type: 'string' },
    items: { type: 'string', default: '200' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const itemCount = Number(values.items);
const run = `benchapi${Date.now().toString(36)}`;
const base = loadConfig();
const config: PlatformConfig = {
  ...base,
  api: { ...base.api, port: 0 },
  redis: { ...base.redis, keyPrefix: `${run}:` },
  search: { ...base.search, indexPrefix: run },
};
const SEARCH_TERM = 'смартфон';

interface Target {
  url: string;
  itemId: string;
  notes: string[];
  cleanup(): Promise<void>;
}

// ---------------------------------------------------------------- data, in process

function benchItem(i: number, id: string, sellerId: string): EnrichedItem {
  const sample = samples['enriched-item'];
  return {
    ...sample,
    item: {
      ...sample.item,
      id,
      version: 1,
      sellerId,
      title: i % 2 === 0 ? `Смартфон Bench ${i} 128 ГБ` : `Smartphone bench ${i} 256 GB`,
      description: `Смартфон для нагрузочного теста, вариант ${i}`,
      imageUrls: [],
      updatedAt: Date.now(),
    },
    seller: sample.seller ? { ...sample.seller, id: sellerId } : null,
    enrichedAt: Date.now(),
  };
}

function sinkRecord(i: number, value: EnrichedItem): SinkRecord<EnrichedItem> {
  return {
    topic: topics.itemsEnriched.name,
    partition: 0,
    offset: String(i),
    key: value.item.id,
    value,
    timestamp: Date.now(),
    headers: {},
    sizeBytes: 1000,
  };
}

async function inProcess(): Promise<Target> {
  const sellerId = randomUUID();
  const items = Array.from({ length: itemCount }, (_, i) => benchItem(i, randomUUID(), sellerId));
  const records = items.map((item, i) => sinkRecord(i + 1, item));

  const redisSink = createRedisSink(config);
  await redisSink.init?.();
  await redisSink.write(records);
  await redisSink.close?.();

  const searchSink = createSearchSink(config);
  await searchSink.init?.();
  await searchSink.write(records);
  await searchSink.close?.();

  const api: RunningApi = await startApi(config, createLogger('api', 'warn'));
  return {
    url: api.url,
    itemId: items[0]!.item.id,
    notes: [`API in this process over Redis prefix ${config.redis.keyPrefix} and index prefix ${run}`],
    async cleanup() {
      await api.stop();
      const redis = new Redis(config.redis.url);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(
          cursor,
          'MATCH',
          prefixPattern(config.redis.keyPrefix),
          'COUNT',
          500,
        );
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
      const search = createSearchClient(config);
      await search.indices.delete({ index: `${run}-*` }).catch(() => undefined);
      await search.close();
    },
  };
}

// ---------------------------------------------------------------- data, through a running API

async function call(url: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

async function throughApi(url: string): Promise<Target> {
  const notes = [`API at ${url}; data created through it`];
  const registered = await call(url, 'POST', '/v1/auth/register', {
    email: `${run}@bench.eshop`,
    password: `pw-${randomUUID()}`,
    role: 'seller',
  });
  if (registered.status !== 201) throw new Error(`registering a seller: HTTP ${registered.status}`);
  const token = registered.body.accessToken as string;
  const seller = await call(url, 'POST', '/v1/sellers', { name: `Bench seller ${run}` }, token);
  if (seller.status !== 201) throw new Error(`creating the seller page: HTTP ${seller.status}`);
  const ids: string[] = [];
  for (let i = 0; i < Math.min(itemCount, 50); i += 1) {
    const item = await call(
      url,
      'POST',
      '/v1/items',
      {
        title: benchItem(i, '', '').item.title,
        description: 'Смартфон для нагрузочного теста',
        category: 'Смартфоны',
        price: { amountMinor: 1_000_000 + i, currency: 'RUB' },
      },
      token,
    );
    if (item.status !== 201) throw new Error(`creating item ${i}: HTTP ${item.status}`);
    ids.push(item.body.id as string);
  }
  // The pipeline fills the cache and the index; a miss refills the card from Postgres meanwhile.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const hit = await call(url, 'GET', `/v1/items/${ids[0]}`);
    const found = await call(url, 'GET', `/v1/search/items?q=${encodeURIComponent(SEARCH_TERM)}`);
    if (hit.headers.get('x-cache') === 'hit' && found.status === 200 && found.body.total > 0) break;
    if (Date.now() > deadline) {
      notes.push('the bench items did not reach the search index within 60 s: is the pipeline running?');
      break;
    }
    await sleep(500);
  }
  return { url, itemId: ids[0]!, notes, cleanup: async () => undefined };
}

// ---------------------------------------------------------------- measure

interface Scenario {
  name: string;
  method: string;
  path: string;
  body?: string;
  /** A one-off request that must answer like this before the scenario is measured. */
  check(response: Awaited<ReturnType<typeof call>>): string | undefined;
}

function scenarios(itemId: string): Scenario[] {
  const occurredAt = Date.now();
  const beacon = JSON.stringify({
    events: Array.from({ length: 10 }, (_, i) => ({
      type: 'PAGE_VIEW',
      sessionId: `bench-api-${run}-${i % 3}`,
      occurredAt: occurredAt + i,
      page: `/items/${itemId}`,
      itemId,
    })),
  });
  return [
    {
      name: 'GET /v1/items/{id} (cache hit)',
      method: 'GET',
      path: `/v1/items/${itemId}`,
      check: (r) =>
        r.status !== 200
          ? `HTTP ${r.status}`
          : r.headers.get('x-cache') !== 'hit'
            ? `X-Cache: ${r.headers.get('x-cache')}`
            : undefined,
    },
    {
      name: `GET /v1/search/items?q=${SEARCH_TERM}`,
      method: 'GET',
      path: `/v1/search/items?q=${encodeURIComponent(SEARCH_TERM)}`,
      check: (r) => (r.status !== 200 ? `HTTP ${r.status}` : r.body?.total > 0 ? undefined : 'no hits'),
    },
    {
      name: 'POST /v1/activity (10 events)',
      method: 'POST',
      path: '/v1/activity',
      body: beacon,
      check: (r) => (r.status === 202 ? undefined : `HTTP ${r.status}`),
    },
  ];
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

async function main(): Promise<void> {
  process.stderr.write(`preparing data (${values.url ? 'through the API' : 'with the sinks'})…\n`);
  const target = values.url ? await throughApi(values.url) : await inProcess();
  if (!values.url)
    target.notes.push(`process RSS with the API started, before any load: ${mib(process.memoryUsage().rss)}`);
  const rows: string[][] = [];
  try {
    for (const scenario of scenarios(target.itemId)) {
      const probe = await call(
        target.url,
        scenario.method,
        scenario.path,
        scenario.body && JSON.parse(scenario.body),
      );
      const problem = scenario.check(probe);
      if (problem) {
        rows.push([scenario.name, 'not measured', '', '', '', '', problem]);
        process.stderr.write(`  ${scenario.name}: not measured (${problem})\n`);
        continue;
      }
      process.stderr.write(`  ${scenario.name}: ${seconds} s, ${connections} connections…\n`);
      const result = await autocannon({
        url: `${target.url}${scenario.path}`,
        method: scenario.method,
        headers: scenario.body ? { 'Content-Type': 'application/json' } : {},
        body: scenario.body,
        connections,
        duration: seconds,
        workers: 1,
      });
      rows.push([
        scenario.name,
        Math.round(result.requests.average).toLocaleString('en'),
        result.latency.p50.toFixed(1),
        result.latency.p99.toFixed(1),
        String(result.non2xx),
        String(result.errors + result.timeouts),
        values.url ? '' : mib(process.memoryUsage().rss),
      ]);
    }
  } finally {
    // autocannon leaves with requests unanswered: let their Kafka sends settle before the producer closes.
    await sleep(1000);
    await target.cleanup();
  }
  console.log(
    `\nAPI load, ${seconds} s per endpoint, ${connections} connections (${new Date().toISOString()})\n` +
      `${target.notes.join('\n')}\n\n` +
      renderTable(['endpoint', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'RSS after'], rows),
  );
}

await main();
