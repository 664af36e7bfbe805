import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCategoryMatcher } from '../streams/processors/normalise-items/category-matcher.ts';
import { priceProblem } from '../streams/processors/normalise-items/check-price.ts';
import { defaultNormaliseItemsOptions } from '../streams/processors/normalise-items/options.ts';
import { buildCatalogue } from './catalogue.ts';
import { unknownCategories } from './category-spellings.ts';
import { priceTag, repriced } from './prices.ts';
import { Random } from './random.ts';
import { seedProducts } from './seed-catalogue.ts';

const catalogue = buildCatalogue(Random.derive(42, 'catalogue'), { items: 2000, sellers: 50 });
const items = catalogue.items.map((entry) => entry.item);

function share(predicate: (item: (typeof items)[number]) => boolean): number {
  return items.filter(predicate).length / items.length;
}

describe('buildCatalogue', () => {
  it('is the same for the same seed', () => {
    const again = buildCatalogue(Random.derive(42, 'catalogue'), { items: 2000, sellers: 50 });
    assert.deepEqual(
      again.items.map((entry) => entry.item),
      items,
    );
    const other = buildCatalogue(Random.derive(43, 'catalogue'), { items: 2000, sellers: 50 });
    assert.notDeepEqual(
      other.items.map((entry) => entry.item.title),
      items.map((item) => item.title),
    );
  });

  it('starts with the seed products as the old shop listed them', () => {
    seedProducts.forEach((seed, i) => {
      const item = items[i];
      assert.equal(item?.title, seed.name);
      assert.equal(item?.description, seed.description);
      assert.equal(item?.category, seed.category);
      assert.equal(catalogue.seedItems[i]?.item, item);
    });
  });

  it('has sellers with distinct names, ratings from 1 to 5 or none, and items from many of them', () => {
    const names = catalogue.sellers.map((entry) => entry.seller.name);
    assert.equal(new Set(names).size, names.length);
    for (const { seller } of catalogue.sellers) {
      assert.ok(seller.rating === null || (seller.rating >= 1 && seller.rating <= 5), String(seller.rating));
    }
    const ids = new Set(catalogue.sellers.map((entry) => entry.seller.id));
    assert.ok(items.every((item) => ids.has(item.sellerId)));
    const perSeller = new Map<string, number>();
    for (const item of items) perSeller.set(item.sellerId, (perSeller.get(item.sellerId) ?? 0) + 1);
    const counts = [...perSeller.values()].sort((a, b) => b - a);
    assert.ok(perSeller.size > 40, `only ${perSeller.size} sellers have items`);
    // Zipf-like: the biggest shop lists far more than the median one.
    assert.ok((counts[0] as number) > 5 * (counts[Math.floor(counts.length / 2)] as number));
  });

  it('prices in minor units, mostly roubles, every price valid for the normaliser', () => {
    const rub = share((item) => item.price.currency === 'RUB');
    assert.ok(rub > 0.6 && rub < 0.95, `RUB share ${rub}`);
    assert.ok(share((item) => item.price.currency === 'USD') > 0.02);
    assert.ok(share((item) => item.price.currency === 'EUR') > 0.01);
    for (const item of items) {
      assert.ok(Number.isSafeInteger(item.price.amountMinor));
      assert.equal(
        priceProblem(item.price, defaultNormaliseItemsOptions),
        undefined,
        JSON.stringify(item.price),
      );
    }
  });

  it('writes titles and descriptions the way sellers do: some HTML, some noise, all non-empty', () => {
    const html = share((item) => /<[a-z][^>]*>/iu.test(item.description));
    assert.ok(html > 0.15 && html < 0.5, `HTML share ${html}`);
    assert.ok(share((item) => /&[a-z]+;/u.test(item.description)) > 0.02, 'some descriptions carry entities');
    assert.ok(share((item) => item.title !== item.title.trim()) > 0.01, 'some titles have stray spaces');
    assert.ok(new Set(items.map((item) => item.title)).size > 700, 'titles repeat too much');
    for (const item of items) assert.notEqual(item.title.trim(), '');
  });

  // The normalise-items processor must place what sellers type: most spellings map onto the
  // taxonomy, a few are unknown on purpose (merchandising labels such as "Новинки").
  it('spells categories in many ways, nearly all of which the normaliser can place', () => {
    const spellings = new Set(items.map((item) => item.category));
    assert.ok(spellings.size > 60, `only ${spellings.size} spellings`);
    const unknown = share((item) => unknownCategories.includes(item.category));
    assert.ok(unknown > 0.01 && unknown < 0.06, `unknown share ${unknown}`);
    const matcher = createCategoryMatcher();
    const placed = share((item) => matcher.match(item.category).known);
    assert.ok(placed > 0.9, `the normaliser places ${placed} of the categories`);
  });

  it('ranks items by popularity, each category in order', () => {
    assert.deepEqual(
      catalogue.byRank.map((entry) => entry.rank),
      catalogue.byRank.map((_, i) => i),
    );
    for (const list of catalogue.byCategory.values()) {
      for (let i = 1; i < list.length; i += 1)
        assert.ok((list[i - 1]?.rank as number) < (list[i]?.rank as number));
    }
    const total = [...catalogue.byCategory.values()].reduce((sum, list) => sum + list.length, 0);
    assert.equal(total, items.length);
  });
});

describe('prices', () => {
  it('tags prices as shops do', () => {
    assert.deepEqual(priceTag(799.99, 'RUB'), { amountMinor: 7_359_000, currency: 'RUB' });
    assert.deepEqual(priceTag(799.99, 'USD'), { amountMinor: 79_999, currency: 'USD' });
    assert.deepEqual(priceTag(799.99, 'EUR'), { amountMinor: 73_600, currency: 'EUR' });
    assert.deepEqual(priceTag(5, 'RUB'), { amountMinor: 45_900, currency: 'RUB' });
  });

  it('always changes the amount when repricing', () => {
    for (const price of [priceTag(5, 'RUB'), priceTag(3, 'USD'), priceTag(799.99, 'EUR')]) {
      for (const factor of [0.95, 1.05]) {
        const next = repriced(price, factor);
        assert.notEqual(next.amountMinor, price.amountMinor);
        assert.equal(next.currency, price.currency);
        assert.equal(factor < 1, next.amountMinor < price.amountMinor);
      }
    }
  });
});
