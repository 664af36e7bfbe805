/**
 * What kinds of products the shop sells: how a title names each kind in Russian and English, the
 * seed category it belongs to, how shoppers search for it, the variants it comes in and what
 * reviewers talk about. The seed catalogue's products and the synthetic accessories all have one.
 */

/** The categories of the seed catalogue (shared/data/seed-catalog.json), as it spells them. */
export type SeedCategory =
  | 'Смартфоны'
  | 'Ноутбуки'
  | 'Аудиотехника'
  | 'Гаджеты'
  | 'Аксессуары'
  | 'Камеры'
  | 'Умный дом'
  | 'Игровые консоли'
  | 'Планшеты'
  | 'Мониторы'
  | 'Хранение данных'
  | 'Дроны';

/** What a review of a product can talk about (see review-phrases.ts). */
export type Aspect =
  'sound' | 'battery' | 'screen' | 'camera' | 'performance' | 'comfort' | 'build' | 'connection' | 'suction';

/** One variant of a product: its label in a title and the factor it puts on the price. */
export interface Variant {
  readonly ru: string;
  readonly en: string;
  /** Search token of the variant (e.g. `mem:256`), when shoppers search for it. */
  readonly token?: string;
  readonly priceFactor: number;
}

export interface ProductKind {
  readonly key: string;
  /** How a Russian title names it, singular: "Смартфон Apple iPhone 13". */
  readonly ru: string;
  readonly en: string;
  readonly category: SeedCategory;
  /** Category names sellers also file it under (sub-categories, Russian and English). */
  readonly categoryNames: readonly string[];
  /** How shoppers ask for it in a search box. */
  readonly queries: readonly string[];
  /** Sizes, memory or kits it comes in; empty when there is one model only. */
  readonly variants: readonly Variant[];
  /** Whether it comes in colours. */
  readonly coloured: boolean;
  readonly aspects: readonly Aspect[];
}

export interface Colour {
  readonly ru: string;
  readonly en: string;
  readonly token: string;
}

export const colours: readonly Colour[] = [
  { ru: 'чёрный', en: 'Black', token: 'colour:black' },
  { ru: 'белый', en: 'White', token: 'colour:white' },
  { ru: 'серебристый', en: 'Silver', token: 'colour:silver' },
  { ru: 'синий', en: 'Blue', token: 'colour:blue' },
  { ru: 'зелёный', en: 'Green', token: 'colour:green' },
  { ru: 'розовый', en: 'Pink', token: 'colour:pink' },
  { ru: 'серый', en: 'Space Grey', token: 'colour:grey' },
  { ru: 'фиолетовый', en: 'Purple', token: 'colour:purple' },
];

/** How shoppers type each colour. */
export const colourQueries: Readonly<Record<string, readonly string[]>> = {
  'colour:black': ['черный', 'чёрный', 'black'],
  'colour:white': ['белый', 'white'],
  'colour:silver': ['серебристый', 'silver'],
  'colour:blue': ['синий', 'голубой', 'blue'],
  'colour:green': ['зеленый', 'green'],
  'colour:pink': ['розовый', 'pink'],
  'colour:grey': ['серый', 'grey', 'space grey'],
  'colour:purple': ['фиолетовый', 'purple'],
};

const memory: readonly Variant[] = [
  { ru: '128 ГБ', en: '128GB', token: 'mem:128', priceFactor: 1 },
  { ru: '256 ГБ', en: '256GB', token: 'mem:256', priceFactor: 1.12 },
  { ru: '512 ГБ', en: '512GB', token: 'mem:512', priceFactor: 1.3 },
];

const laptopConfigs: readonly Variant[] = [
  { ru: '16/512 ГБ', en: '16GB/512GB', priceFactor: 1 },
  { ru: '16 ГБ/1 ТБ', en: '16GB/1TB', token: 'mem:1tb', priceFactor: 1.15 },
  { ru: '32 ГБ/1 ТБ', en: '32GB/1TB', token: 'mem:1tb', priceFactor: 1.35 },
];

const cameraKits: readonly Variant[] = [
  { ru: 'Body', en: 'Body', priceFactor: 1 },
  { ru: 'Kit 24-105mm', en: 'Kit 24-105mm', token: 'kit', priceFactor: 1.35 },
];

const kinds = [
  {
    key: 'smartphone',
    ru: 'Смартфон',
    en: 'Smartphone',
    category: 'Смартфоны',
    categoryNames: ['Телефоны', 'Мобильные телефоны', 'Smartphones', 'Mobile phones'],
    queries: ['смартфон', 'смартфоны', 'телефон', 'smartphone', 'phone'],
    variants: memory,
    coloured: true,
    aspects: ['camera', 'screen', 'battery', 'performance', 'build'],
  },
  {
    key: 'laptop',
    ru: 'Ноутбук',
    en: 'Laptop',
    category: 'Ноутбуки',
    categoryNames: ['Ультрабуки', 'Игровые ноутбуки', 'Laptops', 'Notebooks'],
    queries: ['ноутбук', 'ноутбуки', 'ноут', 'laptop', 'notebook'],
    variants: laptopConfigs,
    coloured: false,
    aspects: ['screen', 'battery', 'performance', 'build'],
  },
  {
    key: 'headphones',
    ru: 'Наушники',
    en: 'Headphones',
    category: 'Аудиотехника',
    categoryNames: ['Наушники', 'Беспроводные наушники', 'Headphones', 'Earbuds'],
    queries: ['наушники', 'беспроводные наушники', 'гарнитура', 'headphones', 'earbuds'],
    variants: [],
    coloured: true,
    aspects: ['sound', 'battery', 'comfort', 'connection'],
  },
  {
    key: 'speaker',
    ru: 'Портативная колонка',
    en: 'Speaker',
    category: 'Аудиотехника',
    categoryNames: ['Колонки', 'Портативные колонки', 'Speakers', 'Bluetooth speakers'],
    queries: ['колонка', 'портативная колонка', 'блютуз колонка', 'speaker', 'bluetooth speaker'],
    variants: [],
    coloured: true,
    aspects: ['sound', 'battery', 'connection', 'build'],
  },
  {
    key: 'fitness-band',
    ru: 'Фитнес-браслет',
    en: 'Fitness tracker',
    category: 'Гаджеты',
    categoryNames: ['Фитнес-браслеты', 'Фитнес трекеры', 'Fitness trackers'],
    queries: ['фитнес браслет', 'фитнес-браслет', 'трекер', 'fitness tracker'],
    variants: [],
    coloured: true,
    aspects: ['battery', 'screen', 'comfort', 'connection'],
  },
  {
    key: 'smartwatch',
    ru: 'Умные часы',
    en: 'Smartwatch',
    category: 'Гаджеты',
    categoryNames: ['Умные часы', 'Смарт-часы', 'Smartwatches', 'Smart watches'],
    queries: ['умные часы', 'смарт часы', 'часы', 'smartwatch', 'smart watch'],
    variants: [],
    coloured: true,
    aspects: ['battery', 'screen', 'comfort', 'connection'],
  },
  {
    key: 'mouse',
    ru: 'Мышь',
    en: 'Mouse',
    category: 'Аксессуары',
    categoryNames: ['Мыши', 'Компьютерные мыши', 'Игровые мыши', 'Computer mice'],
    queries: ['мышь', 'мышка', 'игровая мышь', 'mouse', 'gaming mouse'],
    variants: [],
    coloured: true,
    aspects: ['comfort', 'build', 'connection'],
  },
  {
    key: 'keyboard',
    ru: 'Клавиатура',
    en: 'Keyboard',
    category: 'Аксессуары',
    categoryNames: ['Клавиатуры', 'Механические клавиатуры', 'Keyboards'],
    queries: ['клавиатура', 'механическая клавиатура', 'keyboard', 'mechanical keyboard'],
    variants: [],
    coloured: false,
    aspects: ['comfort', 'build', 'connection'],
  },
  {
    key: 'action-camera',
    ru: 'Экшн-камера',
    en: 'Action camera',
    category: 'Камеры',
    categoryNames: ['Экшн-камеры', 'Action cameras', 'Видеокамеры'],
    queries: ['экшн камера', 'экшн-камера', 'action camera', 'гопро'],
    variants: [],
    coloured: false,
    aspects: ['camera', 'battery', 'build'],
  },
  {
    key: 'camera',
    ru: 'Фотоаппарат',
    en: 'Camera',
    category: 'Камеры',
    categoryNames: ['Фотоаппараты', 'Беззеркальные камеры', 'Фототехника', 'Cameras', 'Mirrorless cameras'],
    queries: ['фотоаппарат', 'беззеркалка', 'беззеркальная камера', 'camera', 'mirrorless camera'],
    variants: cameraKits,
    coloured: false,
    aspects: ['camera', 'battery', 'build'],
  },
  {
    key: 'drone',
    ru: 'Квадрокоптер',
    en: 'Drone',
    category: 'Дроны',
    categoryNames: ['Квадрокоптеры', 'Drones', 'Quadcopters'],
    queries: ['квадрокоптер', 'дрон', 'коптер', 'drone'],
    variants: [
      { ru: '', en: '', priceFactor: 1 },
      { ru: 'Fly More Combo', en: 'Fly More Combo', token: 'combo', priceFactor: 1.3 },
    ],
    coloured: false,
    aspects: ['camera', 'battery', 'connection'],
  },
  {
    key: 'monitor',
    ru: 'Монитор',
    en: 'Monitor',
    category: 'Мониторы',
    categoryNames: ['Игровые мониторы', 'Мониторы для ПК', 'Monitors', 'Displays'],
    queries: ['монитор', 'игровой монитор', 'monitor', 'монитор 27'],
    variants: [],
    coloured: false,
    aspects: ['screen', 'build'],
  },
  {
    key: 'ssd',
    ru: 'SSD-накопитель',
    en: 'SSD',
    category: 'Хранение данных',
    categoryNames: ['SSD накопители', 'Накопители', 'Внешние диски', 'Storage'],
    queries: ['ssd', 'ссд', 'внешний диск', 'накопитель', 'nvme'],
    variants: [],
    coloured: false,
    aspects: ['performance', 'build'],
  },
  {
    key: 'console',
    ru: 'Игровая консоль',
    en: 'Game console',
    category: 'Игровые консоли',
    categoryNames: ['Игровые приставки', 'Приставки', 'Consoles', 'Video game consoles'],
    queries: ['приставка', 'игровая приставка', 'консоль', 'console'],
    variants: [],
    coloured: false,
    aspects: ['performance', 'build'],
  },
  {
    key: 'tablet',
    ru: 'Планшет',
    en: 'Tablet',
    category: 'Планшеты',
    categoryNames: ['Планшетные компьютеры', 'Tablets'],
    queries: ['планшет', 'планшеты', 'tablet'],
    variants: memory,
    coloured: true,
    aspects: ['screen', 'battery', 'performance'],
  },
  {
    key: 'robot-vacuum',
    ru: 'Робот-пылесос',
    en: 'Robot vacuum',
    category: 'Умный дом',
    categoryNames: ['Умная техника', 'Smart home', 'Роботы-пылесосы'],
    queries: ['робот пылесос', 'робот-пылесос', 'пылесос', 'robot vacuum'],
    variants: [],
    coloured: false,
    aspects: ['suction', 'battery', 'connection'],
  },
  {
    key: 'vacuum',
    ru: 'Беспроводной пылесос',
    en: 'Cordless vacuum',
    category: 'Умный дом',
    categoryNames: ['Пылесосы', 'Бытовая техника', 'Smart home'],
    queries: ['пылесос', 'беспроводной пылесос', 'вертикальный пылесос', 'vacuum cleaner'],
    variants: [],
    coloured: false,
    aspects: ['suction', 'battery', 'build'],
  },
  {
    key: 'thermostat',
    ru: 'Умный термостат',
    en: 'Smart thermostat',
    category: 'Умный дом',
    categoryNames: ['Устройства умного дома', 'Smart home devices'],
    queries: ['термостат', 'умный термостат', 'thermostat'],
    variants: [],
    coloured: false,
    aspects: ['connection', 'build'],
  },
  {
    key: 'doorbell',
    ru: 'Видеодомофон',
    en: 'Video doorbell',
    category: 'Умный дом',
    categoryNames: ['Устройства умного дома', 'Smart home devices'],
    queries: ['видеодомофон', 'дверной звонок', 'умный звонок', 'video doorbell'],
    variants: [],
    coloured: false,
    aspects: ['camera', 'connection', 'battery'],
  },
  {
    key: 'vr-headset',
    ru: 'VR-гарнитура',
    en: 'VR headset',
    category: 'Гаджеты',
    categoryNames: ['Виртуальная реальность', 'VR-очки', 'VR headsets'],
    queries: ['vr очки', 'vr шлем', 'виртуальная реальность', 'vr headset'],
    variants: [],
    coloured: false,
    aspects: ['screen', 'comfort', 'performance'],
  },
  {
    key: 'media-player',
    ru: 'Медиаплеер',
    en: 'Media player',
    category: 'Гаджеты',
    categoryNames: ['Медиаплееры', 'Смарт ТВ приставки', 'Media players'],
    queries: ['медиаплеер', 'тв приставка', 'смарт тв приставка', 'media player'],
    variants: [],
    coloured: false,
    aspects: ['performance', 'connection'],
  },
  // Accessories: no seed products, grown from templates (see accessory-families.ts).
  {
    key: 'case',
    ru: 'Чехол',
    en: 'Case',
    category: 'Аксессуары',
    categoryNames: ['Чехлы', 'Чехлы для телефонов', 'Phone cases'],
    queries: ['чехол', 'чехол на', 'case'],
    variants: [],
    coloured: true,
    aspects: ['build'],
  },
  {
    key: 'screen-protector',
    ru: 'Защитное стекло',
    en: 'Screen protector',
    category: 'Аксессуары',
    categoryNames: ['Защитные стекла', 'Screen protectors'],
    queries: ['защитное стекло', 'стекло', 'пленка', 'screen protector'],
    variants: [],
    coloured: false,
    aspects: ['build'],
  },
  {
    key: 'charger',
    ru: 'Сетевое зарядное устройство',
    en: 'Charger',
    category: 'Аксессуары',
    categoryNames: ['Зарядные устройства', 'Chargers'],
    queries: ['зарядка', 'зарядное устройство', 'блок питания', 'charger'],
    variants: [],
    coloured: true,
    aspects: ['build', 'performance'],
  },
  {
    key: 'cable',
    ru: 'Кабель',
    en: 'Cable',
    category: 'Аксессуары',
    categoryNames: ['Кабели', 'Кабели и переходники', 'Cables'],
    queries: ['кабель', 'провод', 'кабель usb c', 'cable'],
    variants: [],
    coloured: true,
    aspects: ['build'],
  },
  {
    key: 'power-bank',
    ru: 'Внешний аккумулятор',
    en: 'Power bank',
    category: 'Аксессуары',
    categoryNames: ['Внешние аккумуляторы', 'Пауэрбанки', 'Power banks'],
    queries: ['пауэрбанк', 'повербанк', 'внешний аккумулятор', 'power bank'],
    variants: [],
    coloured: true,
    aspects: ['battery', 'build'],
  },
  {
    key: 'memory-card',
    ru: 'Карта памяти',
    en: 'Memory card',
    category: 'Хранение данных',
    categoryNames: ['Карты памяти', 'Memory cards'],
    queries: ['карта памяти', 'микро сд', 'microsd', 'memory card'],
    variants: [],
    coloured: false,
    aspects: ['performance'],
  },
  {
    key: 'usb-flash',
    ru: 'USB-флешка',
    en: 'USB flash drive',
    category: 'Хранение данных',
    categoryNames: ['Флешки', 'USB флешки', 'Flash drives'],
    queries: ['флешка', 'usb флешка', 'flash drive'],
    variants: [],
    coloured: false,
    aspects: ['performance', 'build'],
  },
] as const satisfies readonly ProductKind[];

export type KindKey = (typeof kinds)[number]['key'];

const kindsByKey: Partial<Record<KindKey, ProductKind>> = {};
for (const kind of kinds) kindsByKey[kind.key] = kind;

export const productKinds: Readonly<Record<KindKey, ProductKind>> = kindsByKey as Record<
  KindKey,
  ProductKind
>;

export const seedCategories: readonly SeedCategory[] = [
  'Смартфоны',
  'Ноутбуки',
  'Аудиотехника',
  'Гаджеты',
  'Аксессуары',
  'Камеры',
  'Умный дом',
  'Игровые консоли',
  'Планшеты',
  'Мониторы',
  'Хранение данных',
  'Дроны',
];
