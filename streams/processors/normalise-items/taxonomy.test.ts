import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCategoryMatcher } from './category-matcher.ts';
import { flattenTaxonomy, taxonomyTree } from './taxonomy.ts';

const categories = flattenTaxonomy(taxonomyTree);
const ids = new Set(categories.map((category) => category.id));

// Every category of the shop's catalogue (shared/data/seed-catalog.json), with where it belongs.
const SEED_CATEGORIES: Record<string, string> = {
  Смартфоны: 'electronics.phones',
  Ноутбуки: 'electronics.laptops',
  Аудиотехника: 'electronics.audio',
  Гаджеты: 'electronics.gadgets',
  Аксессуары: 'electronics.accessories',
  Камеры: 'electronics.cameras',
  'Умный дом': 'electronics.smart-home',
  'Игровые консоли': 'electronics.game-consoles',
  Планшеты: 'electronics.tablets',
  Мониторы: 'electronics.monitors',
  'Хранение данных': 'electronics.storage',
  Дроны: 'electronics.drones',
};

describe('taxonomy', () => {
  it('has unique, stable-looking ids made of lower-case slugs', () => {
    assert.equal(ids.size, categories.length);
    for (const { id } of categories) assert.match(id, /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/u);
  });

  it('gives every category an English and a Russian name and a path from the root', () => {
    for (const category of categories) {
      assert.match(category.en, /^[A-Z]/u, category.id);
      assert.match(category.ru, /^[А-ЯЁ]/u, category.id);
      assert.equal(category.path.length, category.id.split('.').length, category.id);
      assert.equal(category.path.at(-1), category.en);
      assert.equal(category.pathRu.at(-1), category.ru);
      if (category.parentId !== null) assert.ok(ids.has(category.parentId), category.id);
    }
  });

  it('lists parents before their children', () => {
    const seen = new Set<string>();
    for (const category of categories) {
      if (category.parentId !== null) assert.ok(seen.has(category.parentId), category.id);
      seen.add(category.id);
    }
  });

  it("covers every category of the shop's catalogue", () => {
    const matcher = createCategoryMatcher();
    for (const [raw, id] of Object.entries(SEED_CATEGORIES)) assert.equal(matcher.match(raw).id, id, raw);
  });

  it('has the usual departments of an e-shop', () => {
    for (const id of [
      'electronics', 'electronics.phones', 'electronics.laptops', 'electronics.tablets',
      'electronics.audio.headphones', 'electronics.tv', 'electronics.cameras', 'appliances', 'home',
      'home.kitchen', 'home.furniture', 'clothing', 'shoes', 'beauty', 'sports', 'toys', 'books', 'auto',
      'kids', 'pets', 'grocery',
    ]) {
      assert.ok(ids.has(id), id);
    } // prettier-ignore
  });

  it('names no two categories alike (building the matcher checks it)', () => {
    assert.doesNotThrow(() => createCategoryMatcher());
  });

  it('matches every name and synonym of a category to that category', () => {
    const matcher = createCategoryMatcher();
    const mismatches = categories.flatMap((category) =>
      category.names
        .filter((name) => matcher.match(name).id !== category.id)
        .map((name) => `${name} → ${matcher.match(name).id} (expected ${category.id})`),
    );
    assert.deepEqual(mismatches, []);
  });

  it('flattens a tree into ids and paths', () => {
    const tree = [
      { slug: 'a', en: 'A', ru: 'А', children: [{ slug: 'b', en: 'B', ru: 'Б', synonyms: ['bee'] }] },
    ];
    assert.deepEqual(flattenTaxonomy(tree), [
      { id: 'a', en: 'A', ru: 'А', path: ['A'], pathRu: ['А'], parentId: null, names: ['A', 'А'] },
      {
        id: 'a.b',
        en: 'B',
        ru: 'Б',
        path: ['A', 'B'],
        pathRu: ['А', 'Б'],
        parentId: 'a',
        names: ['B', 'Б', 'bee'],
      },
    ]);
  });
});
