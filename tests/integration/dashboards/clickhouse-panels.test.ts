/**
 * Every ClickHouse query of the Shop analytics dashboard - each panel's and the category
 * variable's - run against the real ClickHouse exactly as Grafana would send it (variables replaced,
 * then the plugin's macros expanded: dashboards/grafana/), over a private database holding a shop's
 * worth of data made by the load generator and the real processors and sink (generated-shop.ts).
 * Each must succeed and return rows; a few figures are checked against what was generated.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createClickHouseSink } from '../../../connectors/sinks/clickhouse/index.ts';
import { itemRowVersion } from '../../../connectors/sinks/clickhouse/rows.ts';
import { quoteIdentifier } from '../../../connectors/sinks/clickhouse/sql.ts';
import {
  clickHouseQueries,
  expandClickHouseQuery,
  loadDashboard,
  type QueryContext,
} from '../../../dashboards/grafana/dashboards.ts';
import { ALL, type VariableState } from '../../../dashboards/grafana/template-variables.ts';
import { requireService, testConfig, uniqueName } from '../../support/index.ts';
import { generateShop, writeShop, type GeneratedShop } from './generated-shop.ts';

const HOUR_MS = 3_600_000;
/** About a day of a small shop: 20 000 events at one every 4 s, from noon to the next morning. */
const SHOP = {
  events: 20_000,
  options: {
    seed: 42,
    rate: 0.25,
    items: 300,
    sellers: 30,
    sessions: 60,
    startTime: Date.UTC(2026, 0, 1, 12),
  },
};

type Row = Record<string, unknown>;

describe('Shop analytics dashboard on the real ClickHouse', { timeout: 300_000 }, () => {
  const dashboard = loadDashboard('shop-analytics');
  const queries = clickHouseQueries(dashboard);
  const variable = dashboard.templating.list.find((v) => v.name === 'category')!;
  const database = uniqueName('dashboards');
  const { url, username, password } = testConfig().clickhouse;
  let client: ClickHouseClient;
  let shop: GeneratedShop;
  let range: { from: number; to: number };
  let categories: string[] = [];
  const all = (): VariableState => ({
    value: [ALL],
    allValue: variable.allValue ?? undefined,
    options: categories,
  });

  /** Runs a query as Grafana would, in the datasource's default database (the private one). */
  async function run(sql: string, context: QueryContext): Promise<Row[]> {
    const query = expandClickHouseQuery(sql, context);
    assert.doesNotMatch(query, /\$/, 'every variable and macro is expanded');
    const result = await client.query({ query, format: 'JSONEachRow' });
    return result.json<Row>();
  }

  const context = (category: VariableState, intervalMs = 60_000): QueryContext => ({
    ...range,
    intervalMs,
    variables: { category },
  });

  before(async () => {
    client = createClient({ url, username, password, database, request_timeout: 60_000 });
    await requireService('clickhouse', url, async () => {
      const ping = await client.ping();
      if (!ping.success) throw ping.error;
    });
    shop = generateShop(SHOP.events, SHOP.options);
    range = { from: shop.from, to: shop.to + 1_000 };
    const sink = createClickHouseSink(testConfig(), { database, name: 'dashboards-test-sink' });
    try {
      await sink.init!();
      await writeShop(sink, shop);
    } finally {
      await sink.close!();
    }
  });

  after(async () => {
    await client?.command({ query: `DROP DATABASE IF EXISTS ${quoteIdentifier(database)}` });
    await client?.close();
  });

  it('generated a day of a shop (every processor took every record)', () => {
    assert.deepEqual(shop.rejected, {});
    assert.ok(shop.to - shop.from > 20 * HOUR_MS, 'the data spans two calendar days');
    const types = new Set(shop.activities.map((a) => a.activity.type));
    assert.deepEqual([...types].sort(), ['ADD_TO_CART', 'CLICK', 'PAGE_VIEW', 'PURCHASE', 'SEARCH']);
    assert.ok(shop.comments.length > 100);
  });

  it('the category variable lists categories (value) with their path (text), parents included', async () => {
    const rows = await run(String(variable.query), context(all()));
    assert.ok(rows.length > 1);
    const [value, text] = Object.keys(rows[0]!);
    categories = rows.map((row) => String(row[value!]));
    const parents = rows.filter((row) => !String(row[value!]).includes('.'));
    assert.ok(parents.length > 0, 'top-level categories are offered');
    assert.ok(rows.every((row) => String(row[text!]).length > 0));
  });

  for (const intervalMs of [60_000, HOUR_MS]) {
    describe(`every panel, all categories, interval ${intervalMs / 1000} s`, () => {
      for (const { panel, target, sql } of queries) {
        it(`${panel.title} (${target.refId}) returns rows`, async () => {
          const rows = await run(sql, context(all(), intervalMs));
          assert.ok(rows.length > 0, `${panel.title} returned no rows`);
        });
      }
    });
  }

  describe('every panel, two categories chosen', () => {
    for (const { panel, target, sql } of queries) {
      it(`${panel.title} (${target.refId}) runs`, async () => {
        await run(sql, context({ value: ['electronics.audio', 'electronics.phones'] }));
      });
    }
  });

  describe('figures', () => {
    const single = async (title: string, category = all()) => {
      const query = queries.find((q) => q.panel.title === title);
      assert.ok(query, `a panel titled ${title}`);
      const rows = await run(query.sql, context(category));
      assert.equal(rows.length, 1);
      return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
    };

    it('the funnel counts the generated sessions, item views, carts and purchases', async () => {
      const sessions = new Map<string, { view: boolean; cart: boolean; purchase: boolean }>();
      for (const { activity } of shop.activities) {
        const s = sessions.get(activity.sessionId) ?? { view: false, cart: false, purchase: false };
        if (activity.type === 'PAGE_VIEW' && activity.itemId) s.view = true;
        if (activity.type === 'ADD_TO_CART') s.cart = true;
        if (activity.type === 'PURCHASE') s.purchase = true;
        sessions.set(activity.sessionId, s);
      }
      const steps = [...sessions.values()];
      const expected = {
        Sessions: steps.length,
        'Viewed an item': steps.filter((s) => s.view).length,
        'Added to cart': steps.filter((s) => s.view && s.cart).length,
        Purchased: steps.filter((s) => s.view && s.cart && s.purchase).length,
      };
      assert.ok(expected.Purchased > 0);
      assert.deepEqual(await single('Funnel: view → cart → purchase'), expected);
    });

    it('the totals are the distinct views, visitors, searches and orders generated', async () => {
      const views = shop.activities.filter((a) => a.activity.type === 'PAGE_VIEW' && a.activity.itemId);
      const distinct = (values: (string | null | undefined)[]) => new Set(values).size;
      assert.deepEqual(await single('Totals in the time range'), {
        'Item views': distinct(views.map((a) => a.activity.eventId)),
        'Unique visitors': distinct(views.map((a) => a.activity.sessionId)),
        Searches: shop.activities.filter((a) => a.activity.type === 'SEARCH').length,
        Orders: distinct(
          shop.activities
            .filter((a) => a.activity.type === 'PURCHASE')
            .map((a) => a.activity.purchase?.orderId),
        ),
      });
    });

    it('a chosen category counts the views of items whose current category is it or below it', async () => {
      // The current category of an item: the one of its highest stored version.
      const current = new Map<string, { version: number; category: string }>();
      for (const { item, seller } of shop.items) {
        const version = itemRowVersion(item.version, seller?.version ?? 0);
        if ((current.get(item.id)?.version ?? -1) < version) {
          current.set(item.id, { version, category: item.category.id ?? '' });
        }
      }
      const inAudio = (itemId: string | null) => {
        const category = current.get(itemId ?? '')?.category ?? '';
        return category === 'electronics.audio' || category.startsWith('electronics.audio.');
      };
      const views = shop.activities.filter(
        (a) => a.activity.type === 'PAGE_VIEW' && a.activity.itemId && inAudio(a.activity.itemId),
      );
      assert.ok(views.length > 0);
      const totals = await single('Totals in the time range', { value: ['electronics.audio'] });
      assert.equal(totals['Item views'], views.length);
      assert.equal(totals['Unique visitors'], new Set(views.map((a) => a.activity.sessionId)).size);
    });

    it('the top search is the most frequent normalised query, with its zero-result count', async () => {
      const counts = new Map<string, { searches: number; empty: number }>();
      for (const { activity, normalisedQuery } of shop.activities) {
        if (activity.type !== 'SEARCH') continue;
        const entry = counts.get(normalisedQuery ?? '') ?? { searches: 0, empty: 0 };
        entry.searches += 1;
        if (activity.search?.resultCount === 0) entry.empty += 1;
        counts.set(normalisedQuery ?? '', entry);
      }
      const query = queries.find((q) => q.panel.title === 'Top searches')!;
      const [top] = await run(query.sql, context(all()));
      const expected = counts.get(String(top!.Search));
      assert.ok(expected);
      assert.equal(Number(top!.Searches), Math.max(...[...counts.values()].map((c) => c.searches)));
      assert.equal(Number(top!.Searches), expected.searches);
      assert.equal(Number(top!['Found nothing']), expected.empty);
    });
  });
});
