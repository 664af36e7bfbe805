/**
 * The shop's sellers: marketplace-style names (a brand-like shop name, a company "ООО «…»", a sole
 * trader "ИП Иванов А. В.", a few official brand stores), the region they ship from (weighted by
 * where Russian e-commerce sellers are), a rating (most between 4 and 5, some not rated yet) and
 * the currency they price in. Renames happen the way they do on marketplaces.
 */
import type { Seller } from '../schemas/types.generated.ts';
import { brands } from './brands.ts';
import { WeightedTable, type Random } from './random.ts';

export type Currency = 'RUB' | 'USD' | 'EUR';

export interface CatalogueSeller {
  /** The seller as last published. */
  seller: Seller;
  version: number;
  /** The currency its prices are in. */
  readonly currency: Currency;
  /** How well it serves, from -1 to 1: reviews of its items lean on it. */
  quality: number;
  /** The account that manages the shop: `changedBy` of its changes. */
  readonly managerId: string;
}

const RU_ROOTS = ['Техно', 'Электро', 'Гаджет', 'Цифро', 'Мега', 'Мобайл', 'Смарт', 'Фото', 'Аудио', 'Гейм'];
const RU_SUFFIXES = ['Мир', 'Маркет', 'Плюс', 'Точка', 'Центр', 'Лайн', 'Сити', 'Шоп', 'Стор', 'Хаб'];
const EN_ROOTS = ['Digital', 'Smart', 'Gadget', 'Tech', 'Mobile', 'Audio', 'Photo', 'Pixel', 'Volt', 'Nord'];
const EN_SUFFIXES = ['Store', 'Shop', 'Point', 'House', 'Zone', 'Hub', '24', 'Pro', 'Market', 'Lab'];
const SURNAMES = [
  'Смирнов',
  'Иванов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
];
const INITIALS = 'АБВГДЕИКЛМНОПРСТ';
const OFFICIAL_BRANDS = ['apple', 'samsung', 'xiaomi', 'sony', 'huawei', 'lenovo', 'jbl', 'dyson'];

type NameStyle = 'ru' | 'en' | 'llc' | 'trader' | 'official';

const nameStyles = new WeightedTable<NameStyle>([
  ['ru', 30],
  ['en', 30],
  ['llc', 15],
  ['trader', 20],
  ['official', 5],
]);

/** Where sellers ship from. */
export const sellerRegions = new WeightedTable<string | null>([
  ['Москва', 30],
  ['Санкт-Петербург', 14],
  ['Екатеринбург', 6],
  ['Новосибирск', 6],
  ['Казань', 5],
  ['Краснодар', 5],
  ['Нижний Новгород', 4],
  ['Ростов-на-Дону', 4],
  ['Самара', 3],
  ['Челябинск', 3],
  ['Уфа', 3],
  ['Воронеж', 3],
  ['Пермь', 2],
  ['Владивосток', 2],
  ['Калининград', 2],
  ['Moscow', 3],
  [null, 5],
]);

const currencies = new WeightedTable<Currency>([
  ['RUB', 78],
  ['USD', 14],
  ['EUR', 8],
]);

function shopName(rng: Random): string {
  switch (nameStyles.sample(rng)) {
    case 'ru':
      return rng.pick(RU_ROOTS) + rng.pick(RU_SUFFIXES);
    case 'en':
      return `${rng.pick(EN_ROOTS)} ${rng.pick(EN_SUFFIXES)}`;
    case 'llc':
      return `ООО «${rng.pick(RU_ROOTS)}${rng.pick(RU_SUFFIXES).toLowerCase()}»`;
    case 'trader': {
      const surname = rng.pick(SURNAMES);
      const female = rng.chance(0.35);
      const initials = `${rng.pick([...INITIALS])}. ${rng.pick([...INITIALS])}.`;
      return `ИП ${female ? `${surname}а` : surname} ${initials}`;
    }
    case 'official': {
      const brand = brands[rng.pick(OFFICIAL_BRANDS)];
      return rng.chance(0.5) ? `${brand?.name} Official Store` : `Фирменный магазин ${brand?.name}`;
    }
  }
}

/**
 * `count` sellers with distinct names. The first ones are the big shops (the catalogue gives them
 * most items), so they always price in roubles, like the big shops of a Russian marketplace.
 */
export function createSellers(rng: Random, count: number): CatalogueSeller[] {
  const taken = new Set<string>();
  const sellers: CatalogueSeller[] = [];
  for (let i = 0; i < count; i += 1) {
    let name = shopName(rng);
    // Same-named shops exist, but the storefront needs them told apart: try another name, then number it.
    for (let attempt = 2; taken.has(name); attempt += 1)
      name = shopName(rng) + (attempt > 3 ? ` ${attempt}` : '');
    taken.add(name);
    const rated = rng.chance(0.92);
    const rating = rated ? Math.round(Math.min(5, Math.max(2.5, rng.normal(4.55, 0.3))) * 10) / 10 : null;
    sellers.push({
      seller: { id: rng.uuid(), name, rating, region: sellerRegions.sample(rng) },
      version: 1,
      currency: i < 5 ? 'RUB' : currencies.sample(rng),
      quality: rating === null ? rng.normal(0, 0.3) : Math.max(-1, Math.min(1, (rating - 4.4) * 1.2)),
      managerId: rng.uuid(),
    });
  }
  return sellers;
}

/** A new name for a seller, as shops rename themselves: dropping the legal form, going official. */
export function renamedSeller(rng: Random, name: string): string {
  const llc = /^ООО «(.+)»$/u.exec(name);
  if (llc?.[1] && rng.chance(0.6)) return llc[1];
  const choices = [
    `${name} Official`,
    `${name} — доставка за 1 день`,
    `${name.replace(/ (Store|Shop|Market)$/u, '')} Store`,
    name.toUpperCase(),
    shopName(rng),
  ].filter((candidate) => candidate !== name);
  return rng.pick(choices);
}
