/**
 * The synthetic catalogue, grown from the seed catalogue: sellers, then items. The first items are
 * the seed products as the old shop listed them (so the seed reviews have their items); the rest
 * are offers of the seed models, of the models beside them and of accessories, by sellers chosen
 * Zipf-wise (a few big shops list most items), each with a title, description, category spelling,
 * price, images and attributes written the way that seller writes them.
 *
 * Every item also gets a popularity rank: shoppers' attention follows it (see sessions.ts), so
 * the most popular tenth of the items gets most of the views, as in real shops.
 */
import type { Item } from '../schemas/types.generated.ts';
import { brands } from './brands.ts';
import { categorySlugs, spellCategory } from './category-spellings.ts';
import { accessoryFamily, productFamilies, type ProductFamily } from './families.ts';
import { offerAttributes, offerDescription, offerImages, offerTitle, type Offer } from './listing-text.ts';
import { priceTag } from './prices.ts';
import { colours, type Colour, type SeedCategory } from './product-kinds.ts';
import { ZipfSampler, type Random } from './random.ts';
import { createSellers, type CatalogueSeller } from './sellers.ts';

export interface CatalogueItem {
  /** The item as last published; changes replace it. */
  item: Item;
  version: number;
  readonly offer: Offer;
  readonly seller: CatalogueSeller;
  /** How good the item is, from -1 to 1: its review ratings lean on it. */
  readonly quality: number;
  /** Popularity rank, 0 for the item shoppers want most. */
  rank: number;
  /** What a search matches it by (see search.ts). */
  readonly tokens: readonly string[];
  /** True for the seed products, imported from the old shop as they were. */
  readonly imported: boolean;
}

export interface Catalogue {
  readonly sellers: readonly CatalogueSeller[];
  /** In the order they are created (published): the seed products first. */
  readonly items: readonly CatalogueItem[];
  /** Most popular first. */
  readonly byRank: readonly CatalogueItem[];
  /** Each seed category's items, most popular first. */
  readonly byCategory: ReadonlyMap<SeedCategory, readonly CatalogueItem[]>;
  /** The item listed for each seed product (index = seed index - 1), while the catalogue has one. */
  readonly seedItems: readonly CatalogueItem[];
}

export interface CatalogueOptions {
  /** How many items. */
  items: number;
  /** How many sellers. */
  sellers: number;
}

/** Share of offers that are accessories: the long tail of cheap items. */
const ACCESSORY_SHARE = 0.28;
/** Share of accessory offers that are a new accessory model rather than another offer of one. */
const NEW_ACCESSORY_SHARE = 0.6;
/** Sellers are chosen Zipf-wise: the first few shops hold most of the catalogue. */
const SELLER_ZIPF_EXPONENT = 0.9;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** One offer of `family` by `seller`: an item as that seller lists it. */
function createItem(rng: Random, offer: Offer, seller: CatalogueSeller, asSeeded: boolean): CatalogueItem {
  const { family, variant, colour } = offer;
  const id = rng.uuid();
  const markup = rng.normal(1, 0.05);
  const brandName = brands[family.brand]?.name ?? family.brand;
  const item: Item = asSeeded
    ? {
        // The old shop's listing, word for word.
        id,
        sellerId: seller.seller.id,
        title: family.name,
        description: family.description,
        category: family.kind.category,
        price: priceTag(family.priceUsd, seller.currency),
        imageUrls: offerImages(rng, id),
        attributes: { brand: brandName },
      }
    : {
        id,
        sellerId: seller.seller.id,
        title: offerTitle(rng, offer),
        description: offerDescription(rng, offer),
        category: spellCategory(rng, family.kind),
        price: priceTag(family.priceUsd * (variant?.priceFactor ?? 1) * markup, seller.currency),
        imageUrls: offerImages(rng, id),
        attributes: offerAttributes(rng, offer, brandName),
      };
  return {
    item,
    version: 1,
    offer,
    seller,
    quality: clamp(seller.quality * 0.5 + rng.normal(0, 0.35), -1, 1),
    rank: 0,
    imported: asSeeded,
    tokens: [
      ...family.tokens,
      `cat:${categorySlugs[family.kind.category]}`,
      ...(variant?.token ? [variant.token] : []),
      ...(colour ? [colour.token] : []),
    ],
  };
}

function pickFamily(
  rng: Random,
  families: readonly ProductFamily[],
  weights: Float64Array,
  total: number,
): ProductFamily {
  let r = rng.next() * total;
  for (let i = 0; i < families.length; i += 1) {
    r -= weights[i] as number;
    if (r < 0) return families[i] as ProductFamily;
  }
  return families[families.length - 1] as ProductFamily;
}

/**
 * The catalogue for `options`. Sellers and items come from `rng` alone, so the same seed gives the
 * same catalogue whatever the session options are.
 *
 * @example
 * const catalogue = buildCatalogue(Random.derive(42, 'catalogue'), { items: 500, sellers: 50 });
 * catalogue.byRank[0].item.title; // the most popular item
 */
export function buildCatalogue(rng: Random, options: CatalogueOptions): Catalogue {
  const sellers = createSellers(rng, options.sellers);
  const sellerSampler = new ZipfSampler(sellers.length, SELLER_ZIPF_EXPONENT);
  const pickSeller = (): CatalogueSeller => sellers[sellerSampler.sample(rng)] as CatalogueSeller;

  const { seeds, related } = productFamilies(rng);
  const products = [...seeds, ...related];
  // More offers for wanted models, but not all on one: sqrt flattens demand into supply.
  const weights = Float64Array.from(products, (family) => Math.sqrt(family.popularity));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const devices = products.filter((family) =>
    ['smartphone', 'tablet', 'smartwatch'].includes(family.kind.key),
  );
  const accessories: ProductFamily[] = [];

  const items: CatalogueItem[] = [];
  for (let i = 0; i < options.items; i += 1) {
    const seedFamily = seeds[i];
    if (seedFamily !== undefined) {
      items.push(createItem(rng, { family: seedFamily }, pickSeller(), true));
      continue;
    }
    let family: ProductFamily;
    if (rng.chance(ACCESSORY_SHARE)) {
      if (accessories.length === 0 || rng.chance(NEW_ACCESSORY_SHARE))
        accessories.push(accessoryFamily(rng, devices));
      family = rng.pick(accessories);
    } else {
      family = pickFamily(rng, products, weights, totalWeight);
    }
    const variant = family.kind.variants.length > 0 ? rng.pick(family.kind.variants) : undefined;
    const colour = family.kind.coloured && rng.chance(0.7) ? rng.pick(coloursOf(family)) : undefined;
    items.push(
      createItem(
        rng,
        { family, ...(variant && { variant }), ...(colour && { colour }) },
        pickSeller(),
        false,
      ),
    );
  }

  // Demand: the model's, a bonus for the big shops' listings (they rank first in the storefront),
  // and the luck of each listing.
  const sellerIndexes = new Map(sellers.map((seller, index) => [seller, index]));
  const scores = new Map<CatalogueItem, number>();
  for (const entry of items) {
    const sellerIndex = sellerIndexes.get(entry.seller) ?? 0;
    scores.set(entry, entry.offer.family.popularity * (1 + 1 / (sellerIndex + 2)) * rng.logNormal(1, 0.9));
  }
  const byRank = [...items].sort((a, b) => (scores.get(b) as number) - (scores.get(a) as number));
  byRank.forEach((entry, rank) => {
    entry.rank = rank;
  });

  const byCategory = new Map<SeedCategory, CatalogueItem[]>();
  for (const entry of byRank) {
    const category = entry.offer.family.kind.category;
    let list = byCategory.get(category);
    if (!list) byCategory.set(category, (list = []));
    list.push(entry);
  }

  return { sellers, items, byRank, byCategory, seedItems: items.slice(0, seeds.length) };
}

/** The colours a family comes in: a handful, fixed per model (no one sells a pink SSD). */
function coloursOf(family: ProductFamily): readonly Colour[] {
  let hash = 0;
  for (const c of family.name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return colours.filter((_, i) => ((hash >>> i) & 1) === 1 || i === 0);
}
