/**
 * The brands of the catalogue: how titles write them and how Russian shoppers type them into a
 * search box ("самсунг", "сяоми").
 */

export interface Brand {
  /** As titles write it. */
  readonly name: string;
  /** Other ways shoppers type it, mostly Russian transliterations. */
  readonly typed: readonly string[];
}

export const brands: Readonly<Record<string, Brand>> = {
  apple: { name: 'Apple', typed: ['эпл', 'эппл'] },
  samsung: { name: 'Samsung', typed: ['самсунг'] },
  xiaomi: { name: 'Xiaomi', typed: ['сяоми', 'ксиоми'] },
  sony: { name: 'Sony', typed: ['сони'] },
  asus: { name: 'Asus', typed: ['асус'] },
  logitech: { name: 'Logitech', typed: ['логитек'] },
  dell: { name: 'Dell', typed: ['делл'] },
  gopro: { name: 'GoPro', typed: ['гопро'] },
  google: { name: 'Google', typed: ['гугл'] },
  oneplus: { name: 'OnePlus', typed: ['ванплас'] },
  lenovo: { name: 'Lenovo', typed: ['леново'] },
  hp: { name: 'HP', typed: ['хп'] },
  bose: { name: 'Bose', typed: ['боуз'] },
  fitbit: { name: 'Fitbit', typed: ['фитбит'] },
  garmin: { name: 'Garmin', typed: ['гармин'] },
  razer: { name: 'Razer', typed: ['рейзер'] },
  canon: { name: 'Canon', typed: ['кэнон', 'канон'] },
  dji: { name: 'DJI', typed: ['дджи'] },
  msi: { name: 'MSI', typed: ['мси'] },
  lg: { name: 'LG', typed: ['лж'] },
  wd: { name: 'WD', typed: ['western digital'] },
  nikon: { name: 'Nikon', typed: ['никон'] },
  hyperx: { name: 'HyperX', typed: ['хайперикс'] },
  microsoft: { name: 'Microsoft', typed: ['майкрософт'] },
  nintendo: { name: 'Nintendo', typed: ['нинтендо'] },
  sonos: { name: 'Sonos', typed: ['сонос'] },
  jbl: { name: 'JBL', typed: ['джбл'] },
  irobot: { name: 'iRobot', typed: ['айробот'] },
  dyson: { name: 'Dyson', typed: ['дайсон'] },
  ring: { name: 'Ring', typed: [] },
  meta: { name: 'Meta', typed: ['мета'] },
  huawei: { name: 'Huawei', typed: ['хуавей'] },
  acer: { name: 'Acer', typed: ['асер'] },
  sennheiser: { name: 'Sennheiser', typed: ['сеннхайзер'] },
  // Accessory makers, for the synthetic long tail.
  spigen: { name: 'Spigen', typed: [] },
  deppa: { name: 'Deppa', typed: ['деппа'] },
  uniq: { name: 'Uniq', typed: [] },
  baseus: { name: 'Baseus', typed: ['басеус'] },
  ugreen: { name: 'Ugreen', typed: ['югрин'] },
  anker: { name: 'Anker', typed: ['анкер'] },
  borofone: { name: 'Borofone', typed: [] },
  sandisk: { name: 'SanDisk', typed: ['сандиск'] },
  kingston: { name: 'Kingston', typed: ['кингстон'] },
  transcend: { name: 'Transcend', typed: [] },
};

/** Model words people spell in Cyrillic ("айфон 13"). */
export const modelWordsTyped: Readonly<Record<string, readonly string[]>> = {
  iphone: ['айфон'],
  ipad: ['айпад'],
  macbook: ['макбук'],
  airpods: ['аирподс', 'эйрподс'],
  galaxy: ['галакси'],
  playstation: ['плейстейшн', 'ps'],
  xbox: ['иксбокс'],
  pixel: ['пиксель'],
  switch: ['свитч'],
  buds: ['бадс'],
  watch: ['вотч'],
  roomba: ['румба'],
  quest: ['квест'],
};
