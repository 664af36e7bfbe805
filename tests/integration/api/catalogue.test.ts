/**
 * Contract tests of the catalogue search endpoints on the real stack: fixtures are EnrichedItem and
 * ScoredComment values written through the real search sink into a private index prefix (so the
 * documents are exactly the pipeline's), and the API reads that prefix.
 *
 * The catalogue: eight live items priced in roubles, one in dollars, one deleted (a tombstone),
 * a rating stub of an item that never arrived, and 120 identical garden hoses priced in euros for
 * the pagination tests (an index whose max_result_window is 50, so only search_after gets past it).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApi, type TestApi, type TestResponse } from '../../support/api.ts';
import { uniqueName } from '../../support/index.ts';
import {
  enrichedItem,
  FIXTURE_TIME,
  scoredComment,
  SearchNamespace,
  type ItemSpec,
} from '../../support/search-fixtures.ts';

const sellers = {
  gadgets: { id: randomUUID(), name: 'Gadget House' },
  apple: { id: randomUUID(), name: 'Apple Store' },
  general: { id: randomUUID(), name: 'Всё для дома' },
  garden: { id: randomUUID(), name: 'Сад и огород' },
};
const categories = {
  phones: { id: 'electronics.phones', path: ['Electronics', 'Phones'], raw: 'Смартфоны' },
  audio: { id: 'electronics.audio', path: ['Electronics', 'Audio'], raw: 'Наушники' },
  accessories: { id: 'electronics.accessories', path: ['Electronics', 'Accessories'], raw: 'Аксессуары' },
  shoes: { id: 'clothing.shoes', path: ['Clothing', 'Shoes'], raw: 'Обувь' },
  kitchen: { id: 'home.kitchen', path: ['Home', 'Kitchen'], raw: 'Кухня' },
  garden: { id: 'garden.tools', path: ['Garden', 'Tools'], raw: 'Сад' },
};
const ids = {
  phone: randomUUID(),
  iphone: randomUUID(),
  iphone2: randomUUID(),
  aifon: randomUUID(),
  headphones: randomUUID(),
  case: randomUUID(),
  shoes: randomUUID(),
  kettle: randomUUID(),
  stand: randomUUID(),
  nokia: randomUUID(),
  neverArrived: randomUUID(),
};
const HOSES = 120;
const hoseIds = Array.from({ length: HOSES }, () => randomUUID());

type Seller = { id: string; name: string };
function item(
  id: string,
  title: string,
  seller: Seller,
  category: ItemSpec['category'],
  priceMinor: number,
  minute: number,
  extra: Partial<ItemSpec> = {},
) {
  return enrichedItem({
    id,
    version: 1,
    title,
    sellerId: seller.id,
    seller: { name: seller.name, version: 1 },
    category,
    priceMinor,
    updatedAt: FIXTURE_TIME + minute * 60_000,
    ...extra,
  });
}

function sortedIds(response: TestResponse): string[] {
  return (response.body.items as { id: string }[]).map((hit) => hit.id).sort();
}
function orderedIds(response: TestResponse): string[] {
  return (response.body.items as { id: string }[]).map((hit) => hit.id);
}
const sameIds = (...list: string[]) => [...list].sort();

describe('Catalogue search API (/v1/search)', () => {
  const search = new SearchNamespace(uniqueName('test-catalogue'));
  let api: TestApi;
  let bucket: string;
  const get = (path: string) => api.request('GET', path);

  before(async () => {
    // The API starts on a prefix whose indices do not exist yet: the first test sees a fresh platform.
    api = await startTestApi({ SEARCH_INDEX_PREFIX: search.prefix });
    bucket = api.config.api.imagesBucket;
  });

  after(async () => {
    await api?.stop();
    await search.remove();
  });

  it('answers an empty catalogue, not an error, before the search indices exist', async () => {
    const response = await get('/v1/search/items?q=смартфон');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, {
      items: [],
      total: 0,
      totalRelation: 'eq',
      facets: { categories: [], sellers: [], prices: [] },
      nextCursor: null,
    });
    const suggestions = await get('/v1/search/suggestions?q=смарт');
    assert.equal(suggestions.status, 200);
    assert.deepEqual(suggestions.body, { suggestions: [] });
  });

  describe('on the fixture catalogue', () => {
    before(async () => {
      const image = (id: string) => ({ imageUrls: [`s3://${bucket}/items/${id}/front.jpg`] });
      await search.write([
        item(ids.phone, 'Смартфон Samsung Galaxy A54', sellers.gadgets, categories.phones, 2_999_000, 1, {
          description: 'Отличная камера и яркий экран',
          ...image(ids.phone),
        }),
        item(ids.iphone, 'Apple iPhone 15 128 ГБ', sellers.apple, categories.phones, 8_999_000, 2, {
          description: 'Флагман Apple',
        }),
        item(ids.iphone2, 'Apple iPhone 15 128 ГБ', sellers.general, categories.phones, 9_199_000, 3, {
          description: 'Флагман Apple, новый',
        }),
        item(ids.aifon, 'Айфон 15 Pro восстановленный', sellers.apple, categories.phones, 6_500_000, 4, {
          description: 'Как новый, гарантия год',
        }),
        item(
          ids.headphones,
          'Wireless noise cancelling headphones',
          sellers.gadgets,
          categories.audio,
          1_299_000,
          5,
          {
            description: 'Over-ear, 30 hours of music',
          },
        ),
        item(ids.case, 'Чехол силиконовый', sellers.gadgets, categories.accessories, 99_000, 6, {
          description: 'Подходит для Samsung Galaxy A54',
        }),
        item(ids.shoes, 'Running shoes for women', sellers.general, categories.shoes, 499_000, 7, {
          description: 'Light mesh upper',
        }),
        item(ids.kettle, 'Электрический чайник', sellers.general, categories.kitchen, 250_000, 8, {
          description: 'Стальной корпус, 1,7 л',
        }),
        item(ids.stand, 'Laptop stand', sellers.general, categories.accessories, 4_999, 9, {
          currency: 'USD',
          description: 'Aluminium',
        }),
        item(ids.nokia, 'Смартфон Nokia 3310', sellers.gadgets, categories.phones, 399_000, 10),
        enrichedItem({ id: ids.nokia, version: 2, title: 'Смартфон Nokia 3310', deleted: true }),
        ...hoseIds.map((id, i) =>
          item(
            id,
            'Садовый шланг 20 м',
            sellers.garden,
            categories.garden,
            (1 + (i % 5)) * 1_000,
            20 + (i % 3),
            {
              currency: 'EUR',
              description: 'Армированный',
            },
          ),
        ),
        scoredComment({ id: randomUUID(), itemId: ids.iphone, version: 1, text: 'Отлично', rating: 5 }),
        scoredComment({ id: randomUUID(), itemId: ids.iphone, version: 1, text: 'Хорошо', rating: 4 }),
        scoredComment({ id: randomUUID(), itemId: ids.phone, version: 1, text: 'Нормально', rating: 3 }),
        scoredComment({ id: randomUUID(), itemId: ids.aifon, version: 1, text: 'Супер', rating: 5 }),
        ...[1, 2, 3].map(() =>
          scoredComment({ id: randomUUID(), itemId: ids.kettle, version: 1, text: 'Течёт', rating: 2 }),
        ),
        // A review of an item the index never got: a rating-only stub, which no search shows.
        scoredComment({ id: randomUUID(), itemId: ids.neverArrived, version: 1, text: '?', rating: 1 }),
      ]);
      // Deep from/size pages fail past this; search_after pages do not (a page is at most 41 hits here).
      await search.client.indices.putSettings({
        index: `${search.prefix}-items`,
        body: { index: { max_result_window: 50 } },
      });
      await search.refresh();
    });

    it('finds Russian words by their stem: "смартфоны" finds "Смартфон …", not the deleted one', async () => {
      const response = await get(`/v1/search/items?q=${encodeURIComponent('смартфоны')}`);
      assert.equal(response.status, 200);
      assert.deepEqual(orderedIds(response), [ids.phone]);
      assert.equal(response.body.total, 1);
      assert.equal(response.body.totalRelation, 'eq');
      const kettles = await get(`/v1/search/items?q=${encodeURIComponent('чайники')}`);
      assert.deepEqual(orderedIds(kettles), [ids.kettle]);
    });

    it('finds English words by their stem', async () => {
      assert.deepEqual(orderedIds(await get('/v1/search/items?q=headphone')), [ids.headphones]);
      assert.deepEqual(orderedIds(await get('/v1/search/items?q=woman%20shoe')), [ids.shoes]);
    });

    it('forgives typos in Latin and Cyrillic words', async () => {
      const iphon = await get('/v1/search/items?q=iphon');
      assert.deepEqual(sortedIds(iphon), sameIds(ids.iphone, ids.iphone2));
      const hit = (iphon.body.items as { id: string; highlight?: string }[]).find(
        (h) => h.id === ids.iphone,
      )!;
      assert.equal(hit.highlight, 'Apple <mark>iPhone</mark> 15 128 ГБ');
      assert.deepEqual(orderedIds(await get(`/v1/search/items?q=${encodeURIComponent('чайнек')}`)), [
        ids.kettle,
      ]);
    });

    it('matches a word still being typed: "айфо" finds "Айфон …"', async () => {
      assert.deepEqual(orderedIds(await get(`/v1/search/items?q=${encodeURIComponent('айфо')}`)), [
        ids.aifon,
      ]);
      assert.deepEqual(
        sortedIds(await get(`/v1/search/items?q=${encodeURIComponent('apple iph')}`)),
        sameIds(ids.iphone, ids.iphone2),
      );
    });

    it('takes the longest queries without an engine error', async () => {
      const fuzzy = Array.from({ length: 6 }, (_, i) => `${'смартфонщик'.repeat(2)}${i}`).join(' ');
      const many = Array.from({ length: 50 }, (_, i) => `w${i}`)
        .join(' ')
        .slice(0, 200);
      for (const q of [fuzzy, many, 'Смартфон '.repeat(22).slice(0, 200)]) {
        const response = await get(`/v1/search/items?q=${encodeURIComponent(q)}`);
        assert.equal(response.status, 200, JSON.stringify(response.body));
      }
      const suggestion = await get(`/v1/search/suggestions?q=${encodeURIComponent(many.slice(0, 100))}`);
      assert.equal(suggestion.status, 200);
    });

    it('ranks a title match above a description-only match', async () => {
      const response = await get('/v1/search/items?q=galaxy');
      assert.deepEqual(orderedIds(response), [ids.phone, ids.case]);
    });

    it('filters by category (with its subcategories), seller, currency and price', async () => {
      const ids_ = async (query: string) => sortedIds(await get(`/v1/search/items?${query}&limit=40`));
      assert.deepEqual(
        await ids_('category=electronics.phones'),
        sameIds(ids.phone, ids.iphone, ids.iphone2, ids.aifon),
      );
      assert.deepEqual(
        await ids_('category=electronics&currency=RUB'),
        sameIds(ids.phone, ids.iphone, ids.iphone2, ids.aifon, ids.headphones, ids.case),
      );
      assert.deepEqual(await ids_('category=home.kitchen,clothing.shoes'), sameIds(ids.kettle, ids.shoes));
      assert.deepEqual(
        await ids_('category=home.kitchen&category=clothing.shoes'),
        sameIds(ids.kettle, ids.shoes),
      );
      assert.deepEqual(await ids_(`seller=${sellers.apple.id}`), sameIds(ids.iphone, ids.aifon));
      assert.deepEqual(
        await ids_(`seller=${sellers.apple.id},${sellers.gadgets.id}&category=electronics.phones`),
        sameIds(ids.iphone, ids.aifon, ids.phone),
      );
      assert.deepEqual(await ids_('currency=USD'), [ids.stand]);
      assert.deepEqual(
        await ids_('currency=RUB&priceMin=1000000&priceMax=6500000'),
        sameIds(ids.phone, ids.aifon, ids.headphones),
      );
      assert.deepEqual(await ids_('currency=RUB&priceMax=250000'), sameIds(ids.case, ids.kettle));
      assert.deepEqual(await ids_(`q=${encodeURIComponent('apple')}&seller=${sellers.general.id}`), [
        ids.iphone2,
      ]);
    });

    it('counts facets under the query and the other filters, each facet ignoring its own filter', async () => {
      const all = await get('/v1/search/items?currency=RUB');
      assert.equal(all.body.total, 8);
      const categoryCounts = [
        { id: 'electronics.phones', path: ['Electronics', 'Phones'], count: 4 },
        { id: 'clothing.shoes', path: ['Clothing', 'Shoes'], count: 1 },
        { id: 'electronics.accessories', path: ['Electronics', 'Accessories'], count: 1 },
        { id: 'electronics.audio', path: ['Electronics', 'Audio'], count: 1 },
        { id: 'home.kitchen', path: ['Home', 'Kitchen'], count: 1 },
      ];
      assert.deepEqual(all.body.facets.categories, categoryCounts);
      const bySeller = (facets: { sellers: { id: string; name: string; count: number }[] }) =>
        Object.fromEntries(facets.sellers.map((s) => [s.name, s.count]));
      assert.deepEqual(bySeller(all.body.facets), { 'Gadget House': 3, 'Всё для дома': 3, 'Apple Store': 2 });
      assert.ok(all.body.facets.sellers.some((s: { id: string }) => s.id === sellers.apple.id));
      assert.deepEqual(all.body.facets.prices, [
        { to: 100_000, currency: 'RUB', count: 1 },
        { from: 100_000, to: 500_000, currency: 'RUB', count: 2 },
        { from: 500_000, to: 1_000_000, currency: 'RUB', count: 0 },
        { from: 1_000_000, to: 5_000_000, currency: 'RUB', count: 2 },
        { from: 5_000_000, to: 10_000_000, currency: 'RUB', count: 3 },
        { from: 10_000_000, currency: 'RUB', count: 0 },
      ]);

      // Picking a category narrows the hits, the sellers and the prices, but not the categories.
      const phones = await get('/v1/search/items?currency=RUB&category=electronics.phones');
      assert.equal(phones.body.total, 4);
      assert.deepEqual(phones.body.facets.categories, categoryCounts);
      assert.deepEqual(bySeller(phones.body.facets), {
        'Apple Store': 2,
        'Gadget House': 1,
        'Всё для дома': 1,
      });
      assert.deepEqual(
        phones.body.facets.prices.filter((p: { count: number }) => p.count > 0),
        [
          { from: 1_000_000, to: 5_000_000, currency: 'RUB', count: 1 },
          { from: 5_000_000, to: 10_000_000, currency: 'RUB', count: 3 },
        ],
      );
      // Picking a price range too narrows the categories, and the prices still show every range.
      const cheap = await get('/v1/search/items?currency=RUB&category=electronics.phones&priceMax=5000000');
      assert.deepEqual(orderedIds(cheap), [ids.phone]);
      assert.deepEqual(
        cheap.body.facets.categories.map((c: { id: string; count: number }) => [c.id, c.count]),
        [
          ['electronics.accessories', 1],
          ['electronics.audio', 1],
          ['clothing.shoes', 1],
          ['electronics.phones', 1],
          ['home.kitchen', 1],
        ].sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0]))),
      );
      assert.equal(cheap.body.facets.prices.find((p: { from?: number }) => p.from === 5_000_000).count, 3);
      // The query counts too.
      const apple = await get('/v1/search/items?q=apple');
      assert.deepEqual(apple.body.facets.categories, [
        { id: 'electronics.phones', path: ['Electronics', 'Phones'], count: 2 },
      ]);
    });

    it('sorts by price, by newest, by rating and (with text) by relevance', async () => {
      const phones = (sort: string) =>
        get(`/v1/search/items?category=electronics.phones${sort ? `&sort=${sort}` : ''}`).then(orderedIds);
      assert.deepEqual(await phones('price_asc'), [ids.phone, ids.aifon, ids.iphone, ids.iphone2]);
      assert.deepEqual(await phones('price_desc'), [ids.iphone2, ids.iphone, ids.aifon, ids.phone]);
      assert.deepEqual(await phones('newest'), [ids.aifon, ids.iphone2, ids.iphone, ids.phone]);
      assert.deepEqual(await phones(''), [ids.aifon, ids.iphone2, ids.iphone, ids.phone], 'no text: newest');
      assert.deepEqual(await phones('relevance'), [ids.aifon, ids.iphone2, ids.iphone, ids.phone]);
      // Rated from the reviews, best first; the unrated last.
      assert.deepEqual(await phones('rating'), [ids.aifon, ids.iphone, ids.phone, ids.iphone2]);
      const relevance = await get('/v1/search/items?q=galaxy&sort=relevance');
      assert.deepEqual(orderedIds(relevance), [ids.phone, ids.case]);
    });

    it('answers each hit with its category, price, seller, rating, image URLs and time', async () => {
      const response = await get('/v1/search/items?category=electronics.phones&sort=rating');
      const [aifon, iphone, phone, iphone2] = response.body.items;
      assert.deepEqual(iphone, {
        id: ids.iphone,
        title: 'Apple iPhone 15 128 ГБ',
        category: { id: 'electronics.phones', path: ['Electronics', 'Phones'] },
        price: { amountMinor: 8_999_000, currency: 'RUB' },
        seller: sellers.apple,
        rating: { average: 4.5, count: 2 },
        imageUrls: iphone.imageUrls,
        updatedAt: new Date(FIXTURE_TIME + 2 * 60_000).toISOString(),
      });
      assert.deepEqual(aifon.rating, { average: 5, count: 1 });
      assert.equal(iphone2.rating, null);
      // Stored as s3:// references; handed out as presigned, time-limited URLs.
      const url = new URL(phone.imageUrls[0]);
      assert.equal(url.pathname, `/${bucket}/items/${ids.phone}/front.jpg`);
      assert.equal(url.searchParams.get('X-Amz-Expires'), String(api.config.api.imageUrlTtlSeconds));
      assert.ok(url.searchParams.get('X-Amz-Signature'));
    });

    it('hides deleted items and rating stubs everywhere', async () => {
      assert.deepEqual(orderedIds(await get('/v1/search/items?q=nokia')), []);
      const everything = await get('/v1/search/items?limit=40&currency=RUB');
      assert.ok(!orderedIds(everything).includes(ids.nokia));
      assert.ok(!orderedIds(everything).includes(ids.neverArrived));
      const anyCurrency = await get('/v1/search/items');
      assert.equal(anyCurrency.body.total, 8 + 1 + HOSES);
    });

    it('pages past the index’s result window with search_after, without duplicates or gaps', async () => {
      // The index refuses from/size past 50 hits...
      await assert.rejects(
        search.client.search({ index: `${search.prefix}-items`, body: { from: 49, size: 7 } }),
        /Result window is too large/,
      );
      // ...and every sort pages through all 120 hoses, 7 at a time, many of them tied.
      for (const query of [
        'q=шланг',
        'currency=EUR&sort=price_asc',
        'currency=EUR',
        'currency=EUR&sort=price_desc',
      ]) {
        const seen: string[] = [];
        const prices: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: TestResponse = await get(
            `/v1/search/items?${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
          );
          assert.equal(page.status, 200, JSON.stringify(page.body));
          assert.equal(page.body.total, HOSES, query);
          seen.push(...orderedIds(page));
          prices.push(
            ...(page.body.items as { price: { amountMinor: number } }[]).map((h) => h.price.amountMinor),
          );
          cursor = page.body.nextCursor;
          pages += 1;
          assert.ok(pages <= 20, `${query}: more pages than 120 / 7`);
        } while (cursor);
        assert.equal(pages, Math.ceil(HOSES / 7), query);
        assert.equal(seen.length, HOSES, `${query}: ${seen.length} hits`);
        assert.deepEqual([...seen].sort(), [...hoseIds].sort(), `${query}: every hose once`);
        if (query.endsWith('price_asc'))
          assert.deepEqual(
            prices,
            [...prices].sort((a, b) => a - b),
          );
      }
    });

    it('refuses a cursor of another query and a cursor tampered with (400)', async () => {
      const first = await get('/v1/search/items?q=шланг&limit=7');
      const cursor: string = first.body.nextCursor;
      assert.ok(cursor);
      const assertCursorRefused = async (path: string) => {
        const response = await get(path);
        assert.equal(response.status, 400, path);
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
        assert.equal(response.body.code, 'VALIDATION_FAILED');
        assert.deepEqual(
          response.body.errors.map((e: { path: string }) => e.path),
          ['query.cursor'],
        );
      };
      await assertCursorRefused(
        `/v1/search/items?q=${encodeURIComponent('садовый')}&limit=7&cursor=${cursor}`,
      );
      await assertCursorRefused(`/v1/search/items?q=шланг&sort=price_asc&limit=7&cursor=${cursor}`);
      await assertCursorRefused(`/v1/search/items?q=шланг&currency=EUR&limit=7&cursor=${cursor}`);
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { a: unknown[] };
      for (const values of [[null, 'x'], ['not a number', 'x'], [1], [1, 'x', 3]]) {
        const forged = Buffer.from(JSON.stringify({ ...decoded, a: values })).toString('base64url');
        await assertCursorRefused(`/v1/search/items?q=шланг&limit=7&cursor=${forged}`);
      }
      await assertCursorRefused('/v1/search/items?q=шланг&cursor=bm90LWpzb24');
      await assertCursorRefused('/v1/search/items?q=шланг&cursor=not*base64');
      // The limit is not part of the query: the next page may be longer.
      const next = await get(`/v1/search/items?q=шланг&limit=20&cursor=${cursor}`);
      assert.equal(next.status, 200);
      assert.equal(next.body.items.length, 20);
    });

    it('suggests distinct live titles as the shopper types', async () => {
      const suggest = (q: string, limit?: number) =>
        get(`/v1/search/suggestions?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`);
      const aifon = await suggest('айфо');
      assert.equal(aifon.status, 200);
      assert.deepEqual(aifon.body, {
        suggestions: [{ itemId: ids.aifon, title: 'Айфон 15 Pro восстановленный' }],
      });
      // Two listings with one title: one suggestion.
      const apple = await suggest('apple iph');
      assert.equal(apple.body.suggestions.length, 1);
      assert.equal(apple.body.suggestions[0].title, 'Apple iPhone 15 128 ГБ');
      assert.ok([ids.iphone, ids.iphone2].includes(apple.body.suggestions[0].itemId));
      // The deleted Nokia is not suggested.
      assert.deepEqual(
        (await suggest('смартф')).body.suggestions.map((s: { itemId: string }) => s.itemId),
        [ids.phone],
      );
      assert.equal((await suggest('с', 1)).body.suggestions.length, 1);
      assert.deepEqual((await suggest('шланг')).body.suggestions.length, 1);
    });
  });

  describe('validation', () => {
    const assertInvalid = async (path: string, fields: string[]) => {
      const response = await get(path);
      assert.equal(response.status, 400, `${path}: ${JSON.stringify(response.body)}`);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
      assert.equal(response.body.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        response.body.errors.map((e: { path: string }) => e.path),
        fields,
        path,
      );
    };

    it('refuses each bad parameter of the item search, listing every field', async () => {
      await assertInvalid(`/v1/search/items?q=${'a'.repeat(201)}`, ['query.q']);
      await assertInvalid('/v1/search/items?category=Electronics', ['query.category.0']);
      await assertInvalid('/v1/search/items?category=home.kitchen,bad%20id', ['query.category.1']);
      await assertInvalid(`/v1/search/items?category=${Array(21).fill('a').join(',')}`, ['query.category']);
      await assertInvalid('/v1/search/items?seller=seller-a', ['query.seller.0']);
      await assertInvalid('/v1/search/items?priceMin=-1&currency=RUB', ['query.priceMin']);
      await assertInvalid('/v1/search/items?priceMax=ten&currency=RUB', ['query.priceMax']);
      await assertInvalid('/v1/search/items?priceMin=1.5&currency=RUB', ['query.priceMin']);
      await assertInvalid('/v1/search/items?priceMin=100', ['query.currency']);
      await assertInvalid('/v1/search/items?priceMin=200&priceMax=100&currency=RUB', ['query.priceMax']);
      await assertInvalid('/v1/search/items?currency=rub', ['query.currency']);
      await assertInvalid('/v1/search/items?sort=cheapest', ['query.sort']);
      for (const limit of ['0', '101', 'many', '2.5']) {
        await assertInvalid(`/v1/search/items?limit=${limit}`, ['query.limit']);
      }
      await assertInvalid('/v1/search/items?cursor=a%2Bb', ['query.cursor']);
      await assertInvalid('/v1/search/items?sort=cheapest&limit=0&seller=x', [
        'query.seller.0',
        'query.sort',
        'query.limit',
      ]);
    });

    it('refuses each bad parameter of the suggestions', async () => {
      await assertInvalid('/v1/search/suggestions', ['query.q']);
      await assertInvalid('/v1/search/suggestions?q=%20%20', ['query.q']);
      await assertInvalid(`/v1/search/suggestions?q=${'a'.repeat(101)}`, ['query.q']);
      for (const limit of ['0', '21', 'x']) {
        await assertInvalid(`/v1/search/suggestions?q=a&limit=${limit}`, ['query.limit']);
      }
    });
  });

  describe('with the search engine unreachable', () => {
    let down: TestApi;
    before(async () => {
      down = await startTestApi({ SEARCH_INDEX_PREFIX: search.prefix, SEARCH_URL: 'http://127.0.0.1:1' });
    });
    after(async () => {
      await down?.stop();
    });

    it('answers 503, retriable, for searches and suggestions', async () => {
      for (const path of ['/v1/search/items?q=a', '/v1/search/suggestions?q=a']) {
        const response = await down.request('GET', path);
        assert.equal(response.status, 503, path);
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
        assert.equal(response.body.code, 'SERVICE_UNAVAILABLE');
        assert.ok(Number(response.headers.get('retry-after')) >= 1);
      }
    });
  });
});
