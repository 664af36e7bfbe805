/**
 * How sellers spell the category of an item. Most copy the shop's own name ("Смартфоны"); the rest
 * type it in another case, in English, by a synonym or a sub-category, as an exported path
 * ("Электроника > Смартфоны"), with a typo, or as something no taxonomy knows ("Новинки"). The
 * normalise-items processor maps all but the last onto the taxonomy; the shares here are what it
 * sees.
 */
import type { ProductKind, SeedCategory } from './product-kinds.ts';
import { WeightedTable, type Random } from './random.ts';
import { typoInText, varyCase } from './text-noise.ts';

/** English names, synonyms and parent paths of each seed category. */
const categoryNames: Readonly<
  Record<SeedCategory, { en: readonly string[]; synonyms: readonly string[]; path: string }>
> = {
  Смартфоны: {
    en: ['Smartphones', 'Mobile phones'],
    synonyms: ['Телефоны', 'Мобильные телефоны', 'Сотовые телефоны'],
    path: 'Электроника > Смартфоны',
  },
  Ноутбуки: {
    en: ['Laptops', 'Notebooks'],
    synonyms: ['Ноутбуки и ультрабуки', 'Лэптопы'],
    path: 'Компьютеры / Ноутбуки',
  },
  Аудиотехника: {
    en: ['Audio', 'Audio equipment'],
    synonyms: ['Аудио', 'Звуковая техника'],
    path: 'Электроника > Аудиотехника',
  },
  Гаджеты: { en: ['Gadgets', 'Smart gadgets'], synonyms: ['Умные гаджеты'], path: 'Электроника > Гаджеты' },
  Аксессуары: {
    en: ['Accessories', 'Computer accessories'],
    synonyms: ['Компьютерная периферия', 'Периферия'],
    path: 'Electronics/Accessories',
  },
  Камеры: {
    en: ['Cameras', 'Photo and video'],
    synonyms: ['Фото и видео', 'Фототехника'],
    path: 'Электроника > Фото и видео',
  },
  'Умный дом': {
    en: ['Smart home', 'Home automation'],
    synonyms: ['Устройства умного дома', 'Умная техника'],
    path: 'Электроника > Умный дом',
  },
  'Игровые консоли': {
    en: ['Game consoles', 'Gaming consoles'],
    synonyms: ['Игровые приставки', 'Приставки'],
    path: 'Игры > Игровые консоли',
  },
  Планшеты: { en: ['Tablets'], synonyms: ['Планшетные компьютеры'], path: 'Электроника > Планшеты' },
  Мониторы: {
    en: ['Monitors', 'Displays'],
    synonyms: ['Компьютерные мониторы'],
    path: 'Компьютеры > Мониторы',
  },
  'Хранение данных': {
    en: ['Data storage', 'Storage devices'],
    synonyms: ['Накопители', 'Носители информации'],
    path: 'Компьютеры > Хранение данных',
  },
  Дроны: {
    en: ['Drones', 'Quadcopters'],
    synonyms: ['Квадрокоптеры', 'Беспилотники'],
    path: 'Электроника > Дроны',
  },
};

/** Categories no taxonomy can place: merchandising labels and catch-alls sellers file items under. */
export const unknownCategories: readonly string[] = [
  'Разное',
  'Прочее',
  'Новинки',
  'Хиты продаж',
  'Распродажа',
  'Уценка',
  'Без категории',
  'Товары со скидкой',
  'Sale',
  'New arrivals',
  'Misc',
];

type Spelling = 'as-is' | 'case' | 'english' | 'synonym' | 'kind' | 'path' | 'typo' | 'unknown';

/** The shares of each spelling, as observed on marketplaces that let sellers type the category. */
const spellings = new WeightedTable<Spelling>([
  ['as-is', 50],
  ['case', 9],
  ['english', 10],
  ['synonym', 8],
  ['kind', 8],
  ['path', 4],
  ['typo', 8],
  ['unknown', 3],
]);

/**
 * The category as one seller types it for an item of `kind`.
 *
 * @example
 * spellCategory(rng, productKinds.smartphone); // 'Смартфоны', 'СМАРТФОНЫ', 'Mobile phones', 'Смартфны', 'Новинки'…
 */
export function spellCategory(rng: Random, kind: ProductKind): string {
  const names = categoryNames[kind.category];
  switch (spellings.sample(rng)) {
    case 'as-is':
      return kind.category;
    case 'case':
      return varyCase(rng, kind.category);
    case 'english':
      return rng.pick(names.en);
    case 'synonym':
      return rng.pick(names.synonyms);
    case 'kind':
      return rng.pick(kind.categoryNames);
    case 'path':
      return names.path;
    case 'typo':
      // One slip in a word of five letters or more: what a typo-tolerant matcher can still place.
      return typoInText(rng, rng.chance(0.7) ? kind.category : rng.pick(names.en));
    case 'unknown':
      return rng.pick(unknownCategories);
  }
}

/** The slug of a seed category's storefront page (`/catalog/<slug>`). */
export const categorySlugs: Readonly<Record<SeedCategory, string>> = {
  Смартфоны: 'smartphones',
  Ноутбуки: 'laptops',
  Аудиотехника: 'audio',
  Гаджеты: 'gadgets',
  Аксессуары: 'accessories',
  Камеры: 'cameras',
  'Умный дом': 'smart-home',
  'Игровые консоли': 'consoles',
  Планшеты: 'tablets',
  Мониторы: 'monitors',
  'Хранение данных': 'storage',
  Дроны: 'drones',
};

/** How shoppers type a whole department into the search box. */
export const categoryQueries: Readonly<Record<SeedCategory, readonly string[]>> = {
  Смартфоны: ['смартфоны', 'телефоны', 'smartphones'],
  Ноутбуки: ['ноутбуки', 'laptops'],
  Аудиотехника: ['аудиотехника', 'аудио', 'audio'],
  Гаджеты: ['гаджеты', 'gadgets'],
  Аксессуары: ['аксессуары', 'accessories'],
  Камеры: ['камеры', 'фототехника', 'cameras'],
  'Умный дом': ['умный дом', 'smart home'],
  'Игровые консоли': ['игровые консоли', 'приставки', 'consoles'],
  Планшеты: ['планшеты', 'tablets'],
  Мониторы: ['мониторы', 'monitors'],
  'Хранение данных': ['хранение данных', 'накопители'],
  Дроны: ['дроны', 'квадрокоптеры', 'drones'],
};
