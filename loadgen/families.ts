/**
 * Product families: one product model that several sellers offer in several variants. The seed
 * catalogue's 53 products are families, so are the models beside them (iPhone 14 and 15 beside the
 * iPhone 13), and the accessories grown from templates (cases and screen protectors for the
 * phones, chargers, cables, power banks, memory cards): the cheap long tail of every shop.
 */
import { brands } from './brands.ts';
import { productKinds, type KindKey, type ProductKind } from './product-kinds.ts';
import type { Random } from './random.ts';
import { seedProducts, type SeedProduct } from './seed-catalogue.ts';

export interface ProductFamily {
  /** The model's own name: "iPhone 14", "Spigen Ultra Hybrid case for iPhone 13". */
  readonly name: string;
  /** With the brand in front when the name lacks it: "Apple iPhone 14". */
  readonly fullName: string;
  /** A Russian listing title without variant: "Смартфон Apple iPhone 14". */
  readonly ruTitle: string;
  readonly description: string;
  /** List price in US dollars, before the seller's markup and the variant. */
  readonly priceUsd: number;
  /** Key in brands.ts. */
  readonly brand: string;
  readonly kind: ProductKind;
  /** Search tokens of the family (see search.ts). */
  readonly tokens: readonly string[];
  /** Relative demand: the catalogue ranks items by it. */
  readonly popularity: number;
  /** 1-based index in the seed catalogue when the family is a seed product itself. */
  readonly seedIndex?: number;
}

/** Words that say something about a product and that shoppers put in queries, found in descriptions. */
const FEATURES: readonly (readonly [RegExp, string])[] = [
  [/игров|gaming/iu, 'attr:gaming'],
  [/беспровод|wireless/iu, 'attr:wireless'],
  [/шумоподавл/iu, 'attr:anc'],
  [/4k/iu, 'attr:4k'],
  [/oled/iu, 'attr:oled'],
  [/механическ/iu, 'attr:mechanical'],
  [/портатив|компактн/iu, 'attr:portable'],
  [/флагман/iu, 'attr:flagship'],
];

/** Lower-case words of a model name that identify it ("iphone", "14"), as search tokens. */
export function modelTokens(name: string, brandKey: string): string[] {
  const brandName = brands[brandKey]?.name.toLowerCase();
  return name
    .toLowerCase()
    .split(/\s+/u)
    .filter((word) => word !== '' && word !== brandName && !['для', 'for', 'case', '—', '–'].includes(word))
    .map((word) => `w:${word}`);
}

function featureTokens(text: string): string[] {
  return FEATURES.filter(([pattern]) => pattern.test(text)).map(([, token]) => token);
}

function withBrand(name: string, brandKey: string): string {
  const brandName = brands[brandKey]?.name ?? '';
  return name.toLowerCase().startsWith(brandName.toLowerCase()) ? name : `${brandName} ${name}`;
}

function productFamily(
  rng: Random,
  seed: SeedProduct,
  name: string,
  priceUsd: number,
  seedIndex?: number,
): ProductFamily {
  const kind = productKinds[seed.kind];
  const fullName = withBrand(name, seed.brand);
  // The seed describes its own model; a sibling gets the same words with its own name.
  const description = seed.description.replace(seed.name, name);
  return {
    name,
    fullName,
    ruTitle: `${kind.ru} ${fullName}`,
    description,
    priceUsd,
    brand: seed.brand,
    kind,
    tokens: [
      `brand:${seed.brand}`,
      `kind:${kind.key}`,
      ...modelTokens(name, seed.brand),
      ...featureTokens(`${description} ${kind.ru}`),
    ],
    popularity: rng.logNormal(1, 0.6),
    ...(seedIndex === undefined ? {} : { seedIndex }),
  };
}

/** The seed products (in seed order, so seed index i is element i - 1) and their related models. */
export function productFamilies(rng: Random): { seeds: ProductFamily[]; related: ProductFamily[] } {
  const seeds = seedProducts.map((seed, i) => productFamily(rng, seed, seed.name, seed.price, i + 1));
  const related = seedProducts.flatMap((seed) =>
    seed.related.map((model) =>
      productFamily(rng, seed, model.name, Math.round(seed.price * model.priceFactor) - 0.01),
    ),
  );
  return { seeds, related };
}

interface AccessoryLine {
  readonly brand: string;
  readonly line: string;
}

const CASE_LINES: readonly AccessoryLine[] = [
  { brand: 'spigen', line: 'Ultra Hybrid' },
  { brand: 'spigen', line: 'Liquid Air' },
  { brand: 'spigen', line: 'Tough Armor' },
  { brand: 'deppa', line: 'Gel Color' },
  { brand: 'deppa', line: 'Air Case' },
  { brand: 'uniq', line: 'Hybrid Lino' },
  { brand: 'baseus', line: 'Liquid Silica' },
];
const CASE_MATERIALS = ['силиконовый', 'прозрачный', 'противоударный', 'кожаный', 'матовый'];
const PROTECTOR_LINES: readonly AccessoryLine[] = [
  { brand: 'spigen', line: 'Glas.tR' },
  { brand: 'deppa', line: '3D Full Glue' },
  { brand: 'borofone', line: '9H' },
  { brand: 'baseus', line: 'Privacy' },
];
const CARD_LINES: readonly AccessoryLine[] = [
  { brand: 'sandisk', line: 'Extreme' },
  { brand: 'sandisk', line: 'Ultra' },
  { brand: 'kingston', line: 'Canvas Select Plus' },
  { brand: 'samsung', line: 'EVO Plus' },
  { brand: 'samsung', line: 'PRO Plus' },
  { brand: 'transcend', line: '300S' },
];
const FLASH_LINES: readonly AccessoryLine[] = [
  { brand: 'sandisk', line: 'Ultra Flair' },
  { brand: 'kingston', line: 'DataTraveler Exodia' },
  { brand: 'transcend', line: 'JetFlash 790' },
];
const CHARGER_BRANDS = ['anker', 'baseus', 'ugreen', 'xiaomi', 'samsung', 'apple'];
const CABLE_BRANDS = ['anker', 'baseus', 'ugreen', 'borofone', 'apple'];
const POWER_BANK_BRANDS = ['xiaomi', 'anker', 'baseus', 'ugreen'];
const CABLE_ENDS = ['USB-C – USB-C', 'USB-A – USB-C', 'USB-C – Lightning', 'USB-A – Lightning'];

const ACCESSORY_DESCRIPTIONS: Readonly<Partial<Record<KindKey, readonly string[]>>> = {
  case: [
    'Защищает корпус от царапин и ударов. Точные вырезы под камеру и кнопки.',
    'Тонкий чехол с поддержкой беспроводной зарядки.',
  ],
  'screen-protector': [
    'Олеофобное покрытие, твёрдость 9H, полная проклейка.',
    'Закалённое стекло, не мешает работе сенсора.',
  ],
  charger: [
    'Поддержка Power Delivery и Quick Charge. Защита от перегрева и перенапряжения.',
    'Компактный блок на GaN-транзисторах, быстрая зарядка смартфонов и ноутбуков.',
  ],
  cable: [
    'Нейлоновая оплётка, поддержка быстрой зарядки.',
    'Усиленные коннекторы, передача данных до 480 Мбит/с.',
  ],
  'power-bank': [
    'Быстрая зарядка, два выхода, индикатор уровня заряда.',
    'Заряжает смартфон до трёх раз, можно брать в самолёт.',
  ],
  'memory-card': [
    'Скорость чтения до 170 МБ/с, подходит для записи 4K-видео.',
    'Класс скорости U3, V30, A2. Адаптер SD в комплекте.',
  ],
  'usb-flash': [
    'Металлический корпус, скорость чтения до 150 МБ/с.',
    'Компактная флешка с колечком для ключей.',
  ],
};

function accessory(
  rng: Random,
  kindKey: KindKey,
  brandKey: string,
  name: string,
  ruTitle: string,
  priceUsd: number,
  extraTokens: readonly string[],
): ProductFamily {
  const kind = productKinds[kindKey];
  return {
    name,
    fullName: withBrand(name, brandKey),
    ruTitle,
    description: rng.pick(ACCESSORY_DESCRIPTIONS[kindKey] ?? ['']),
    priceUsd: Math.round(priceUsd * 100) / 100,
    brand: brandKey,
    kind,
    tokens: [`brand:${brandKey}`, `kind:${kind.key}`, ...extraTokens],
    // Accessories are many and each one is bought less than the devices they go with.
    popularity: rng.logNormal(0.35, 0.9),
  };
}

/**
 * A new accessory family: a case or screen protector for one of `devices` (phones, tablets,
 * watches), or a charger, cable, power bank, memory card or flash drive.
 */
export function accessoryFamily(rng: Random, devices: readonly ProductFamily[]): ProductFamily {
  const brandName = (key: string): string => brands[key]?.name ?? key;
  switch (rng.int(0, 6)) {
    case 0:
    case 1: {
      // Cases for what is carried in a pocket or a bag; watches get screen protectors only.
      const device = rng.pick(devices.filter((family) => family.kind.key !== 'smartwatch'));
      const { brand, line } = rng.pick(CASE_LINES);
      const material = rng.pick(CASE_MATERIALS);
      return accessory(
        rng,
        'case',
        brand,
        `${brandName(brand)} ${line}${/case/iu.test(line) ? '' : ' case'} for ${device.fullName}`,
        `Чехол ${material} ${brandName(brand)} ${line} для ${device.fullName}`,
        rng.logNormal(16, 0.4),
        [...modelTokens(device.name, device.brand), `brand:${device.brand}`],
      );
    }
    case 2: {
      const device = rng.pick(devices);
      const { brand, line } = rng.pick(PROTECTOR_LINES);
      return accessory(
        rng,
        'screen-protector',
        brand,
        `${brandName(brand)} ${line} screen protector for ${device.fullName}`,
        `Защитное стекло ${brandName(brand)} ${line} для ${device.fullName}`,
        rng.logNormal(9, 0.4),
        [...modelTokens(device.name, device.brand), `brand:${device.brand}`],
      );
    }
    case 3: {
      const brand = rng.pick(CHARGER_BRANDS);
      const watts = rng.pick([20, 30, 45, 65, 100, 140]);
      const ports = rng.pick(['USB-C', 'USB-C + USB-A', '2×USB-C']);
      return accessory(
        rng,
        'charger',
        brand,
        `${brandName(brand)} ${watts}W ${ports} charger`,
        `Сетевое зарядное устройство ${brandName(brand)} ${watts}W ${ports}`,
        8 + watts * 0.35,
        [`w:${watts}w`, 'w:usb-c'],
      );
    }
    case 4: {
      const brand = rng.pick(CABLE_BRANDS);
      const ends = rng.pick(CABLE_ENDS);
      const metres = rng.pick(['1', '1.5', '2']);
      return accessory(
        rng,
        'cable',
        brand,
        `${brandName(brand)} ${ends} cable, ${metres} m`,
        `Кабель ${brandName(brand)} ${ends}, ${metres} м`,
        rng.logNormal(9, 0.4),
        ends.includes('Lightning') ? ['w:lightning'] : ['w:usb-c'],
      );
    }
    case 5: {
      const brand = rng.pick(POWER_BANK_BRANDS);
      const capacity = rng.pick([10000, 20000, 25000]);
      return accessory(
        rng,
        'power-bank',
        brand,
        `${brandName(brand)} power bank ${capacity} mAh`,
        `Внешний аккумулятор ${brandName(brand)} ${capacity} мА·ч`,
        12 + (capacity / 1000) * 1.4,
        [`w:${capacity}`],
      );
    }
    default: {
      const card = rng.chance(0.65);
      const { brand, line } = rng.pick(card ? CARD_LINES : FLASH_LINES);
      const gigabytes = rng.pick(card ? [64, 128, 256, 512] : [32, 64, 128, 256]);
      return card
        ? accessory(
            rng,
            'memory-card',
            brand,
            `${brandName(brand)} ${line} microSDXC ${gigabytes}GB`,
            `Карта памяти ${brandName(brand)} ${line} microSDXC ${gigabytes} ГБ`,
            6 + gigabytes * 0.09,
            [`w:${gigabytes}`, 'w:microsd'],
          )
        : accessory(
            rng,
            'usb-flash',
            brand,
            `${brandName(brand)} ${line} ${gigabytes}GB USB 3.2`,
            `USB-флешка ${brandName(brand)} ${line} ${gigabytes} ГБ USB 3.2`,
            5 + gigabytes * 0.06,
            [`w:${gigabytes}`],
          );
    }
  }
}
