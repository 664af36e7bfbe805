/**
 * Shoppers' searches and what they find. A query is made from what a shopper wants (a model they
 * have in mind, a kind of product, a brand, a department, or something the shop does not sell),
 * written the way people type: lower case, Cyrillic brand names ("самсунг", "айфон"), a typo now
 * and then, sometimes the wrong keyboard layout. The result count comes from a small inverted
 * index over the catalogue's search tokens, so it agrees with the catalogue: a query for a model
 * finds its offers and accessories, a query for something unsold finds nothing.
 *
 * Tokens: `brand:<key>`, `kind:<key>`, `cat:<slug>`, `attr:<feature>`, `mem:<size>`,
 * `colour:<name>`, and `w:<word>` for the words of a model name.
 */
import { brands, modelWordsTyped } from './brands.ts';
import type { Catalogue, CatalogueItem } from './catalogue.ts';
import { categoryQueries } from './category-spellings.ts';
import { colourQueries, productKinds, type KindKey } from './product-kinds.ts';
import { WeightedTable, type Random } from './random.ts';
import { capitalise, typo, typoInText, wrongLayout } from './text-noise.ts';

/** How many results a search returns on its first page: the ones a shopper can click. */
export const RESULTS_PAGE = 30;

export interface SearchOutcome {
  /** The query as typed. */
  readonly query: string;
  /** How many items it found (0: nothing). */
  readonly resultCount: number;
  /** The first page of results, most popular first. */
  readonly results: readonly CatalogueItem[];
}

const FEATURE_WORDS: Readonly<Record<string, readonly string[]>> = {
  'attr:gaming': ['игровой', 'игровые', 'игровая', 'gaming'],
  'attr:wireless': ['беспроводные', 'беспроводной', 'wireless', 'bluetooth'],
  'attr:anc': ['с шумоподавлением', 'шумодав', 'anc'],
  'attr:4k': ['4k', '4к'],
  'attr:oled': ['oled', 'amoled'],
  'attr:mechanical': ['механическая', 'mechanical'],
  'attr:portable': ['портативная', 'портативный', 'компактный'],
  'attr:flagship': ['флагман', 'флагманский'],
};

const MEMORY_WORDS: Readonly<Record<string, readonly string[]>> = {
  'mem:128': ['128', '128gb', '128 гб'],
  'mem:256': ['256', '256gb', '256 гб', '256гб'],
  'mem:512': ['512', '512gb', '512 гб'],
  'mem:1tb': ['1tb', '1 тб'],
};

/** What people look for in an electronics shop that it does not sell, or cannot spell. */
const UNSOLD_QUERIES = [
  'холодильник samsung',
  'стиральная машина',
  'кроссовки nike',
  'детская коляска',
  'зимние шины r16',
  'корм для кошек',
  'iphone 17 pro max',
  'playstation 6',
  'лего техник',
  'подарок маме',
  'электросамокат',
  'шуруповерт makita',
  'кофемашина delonghi',
  'samsung galaxy z fold 7',
  'nothing phone 3',
  'steam deck oled',
  'пуховик женский',
  'велосипед',
  'видеокарта rtx 5090',
  'ёлка искусственная',
];

type Intent = 'model' | 'kind' | 'brand' | 'category' | 'nothing';

const intents = new WeightedTable<Intent>([
  ['model', 52],
  ['kind', 20],
  ['brand', 8],
  ['category', 8],
  ['nothing', 12],
]);

/** How many distinct token sets {@link SearchIndex.find} remembers; emptied when full. */
const CACHE_SIZE = 20_000;

/** Items by search token, each list most popular first, and the search over them. */
export class SearchIndex {
  private readonly postings = new Map<string, CatalogueItem[]>();
  // Queries are as skewed as views: caching intersections makes a large catalogue's search cheap
  // (200 000 items: from 15 to under 1 ms per search on average). Tokens never change, so entries
  // never go stale.
  private readonly cache = new Map<string, { count: number; page: CatalogueItem[] }>();

  constructor(catalogue: Catalogue) {
    for (const entry of catalogue.byRank) {
      for (const token of new Set(entry.tokens)) {
        let list = this.postings.get(token);
        if (!list) this.postings.set(token, (list = []));
        list.push(entry);
      }
    }
  }

  /** The items carrying every token: how many, and the first page. */
  find(tokens: readonly string[]): { count: number; page: CatalogueItem[] } {
    if (tokens.length < 2) return this.intersect(tokens);
    const key = [...tokens].sort().join('|');
    let found = this.cache.get(key);
    if (!found) {
      if (this.cache.size >= CACHE_SIZE) this.cache.clear();
      this.cache.set(key, (found = this.intersect(tokens)));
    }
    return { count: found.count, page: [...found.page] };
  }

  private intersect(tokens: readonly string[]): { count: number; page: CatalogueItem[] } {
    const lists = tokens.map((token) => this.postings.get(token) ?? []);
    lists.sort((a, b) => a.length - b.length);
    const [shortest, ...others] = lists;
    if (!shortest) return { count: 0, page: [] };
    if (others.length === 0) return { count: shortest.length, page: shortest.slice(0, RESULTS_PAGE) };
    const otherTokens = tokens.filter((token) => (this.postings.get(token) ?? []) !== shortest);
    let count = 0;
    const page: CatalogueItem[] = [];
    for (const entry of shortest) {
      if (otherTokens.every((token) => entry.tokens.includes(token))) {
        count += 1;
        if (page.length < RESULTS_PAGE) page.push(entry);
      }
    }
    return { count, page };
  }
}

/** How a shopper types one token. */
function typed(rng: Random, token: string): string {
  const [kind, value = ''] = token.split(':', 2) as [string, string?];
  switch (kind) {
    case 'w': {
      const cyrillic = modelWordsTyped[value];
      if (cyrillic && rng.chance(0.3)) return rng.pick(cyrillic);
      return rng.chance(0.2) ? capitalise(value) : value;
    }
    case 'brand': {
      const brand = brands[value];
      if (!brand) return value;
      if (brand.typed.length > 0 && rng.chance(0.25)) return rng.pick(brand.typed);
      return rng.chance(0.8) ? brand.name.toLowerCase() : brand.name;
    }
    case 'kind':
      return rng.pick(productKinds[value as KindKey]?.queries ?? [value]);
    case 'attr':
      return rng.pick(FEATURE_WORDS[token] ?? [value]);
    case 'mem':
      return rng.pick(MEMORY_WORDS[token] ?? [value]);
    case 'colour':
      return rng.pick(colourQueries[token] ?? [value]);
    default:
      return value;
  }
}

/** The tokens of what a shopper who wants `entry` asks for. */
function modelTokensOf(rng: Random, entry: CatalogueItem): string[] {
  const words = entry.offer.family.tokens.filter((token) => token.startsWith('w:'));
  const brand = `brand:${entry.offer.family.brand}`;
  const kind = `kind:${entry.offer.family.kind.key}`;
  const details = entry.tokens.filter((token) => token.startsWith('mem:') || token.startsWith('colour:'));
  if (words.length === 0) return [kind, brand];
  switch (
    rng.weighted<'words' | 'brand' | 'kind' | 'detail'>([
      ['words', 40],
      ['brand', 25],
      ['kind', 15],
      ['detail', 20],
    ])
  ) {
    case 'words':
      return entry.offer.family.kind.key === 'case' || entry.offer.family.kind.key === 'screen-protector'
        ? [kind, ...words]
        : words;
    case 'brand':
      return [brand, ...words];
    case 'kind':
      return [kind, brand];
    case 'detail':
      return details.length > 0 ? [...words, rng.pick(details)] : [brand, ...words];
  }
}

/**
 * One search by a shopper whose interest is `wanted` (an item they would pick, most often a
 * popular one), with what it finds.
 *
 * @example
 * const outcome = search(rng, index, catalogue.byRank[0]);
 * // { query: 'playstation 5 slim', resultCount: 12, results: [...] }
 */
export function search(rng: Random, index: SearchIndex, wanted: CatalogueItem): SearchOutcome {
  const intent = intents.sample(rng);
  if (intent === 'nothing') {
    const roll = rng.next();
    // Something unsold; or a real query typed with the Russian layout on ("yjen,er" for "ноутбук").
    const query =
      roll < 0.75
        ? rng.pick(UNSOLD_QUERIES)
        : wrongLayout(typed(rng, `kind:${wanted.offer.family.kind.key}`)) || rng.pick(UNSOLD_QUERIES);
    return { query, resultCount: 0, results: [] };
  }
  let tokens: string[];
  switch (intent) {
    case 'model':
      tokens = modelTokensOf(rng, wanted);
      break;
    case 'kind': {
      const features = wanted.tokens.filter((token) => token.startsWith('attr:'));
      const kind = `kind:${wanted.offer.family.kind.key}`;
      tokens = features.length > 0 && rng.chance(0.5) ? [rng.pick(features), kind] : [kind];
      break;
    }
    case 'brand':
      tokens = [`brand:${wanted.offer.family.brand}`];
      break;
    default:
      tokens = [
        wanted.tokens.find((token) => token.startsWith('cat:')) ?? `kind:${wanted.offer.family.kind.key}`,
      ];
  }
  let query = tokens.map((token) => typed(rng, token)).join(' ');
  if (intent === 'category') query = rng.pick(categoryQueries[wanted.offer.family.kind.category]);
  const found = index.find(tokens);
  if (rng.chance(0.12)) {
    // One slip in a long word is forgiven by the search's fuzzy matching; two are not.
    if (rng.chance(0.75)) query = typoInText(rng, query);
    else {
      const words = query.split(' ');
      const i = rng.int(0, words.length - 1);
      const mangled = typo(rng, typo(rng, words[i] as string));
      if (mangled !== words[i]) {
        words[i] = mangled;
        return { query: words.join(' '), resultCount: 0, results: [] };
      }
    }
  }
  return { query, resultCount: found.count, results: found.page };
}
