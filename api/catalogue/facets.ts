/**
 * Facets of the catalogue search: categories, sellers and price ranges with counts, as engine
 * aggregations, and their mapping to the API's shape.
 *
 * Counts are multi-select: each facet counts under the query and every filter except its own
 * dimension's (its aggregation is wrapped in a filter of the other dimensions, and the dimensions'
 * filters go in `post_filter`, which narrows the hits but not the aggregations). So after picking
 * a category the other categories still show what picking them instead would give.
 *
 * Prices: amounts of different currencies cannot share a range, so the ranges count the hits of
 * one currency - the `currency` filter's, or else the most common one among the hits - and say
 * which. Boundaries are in major units (a shop in roubles: 1 000, 5 000, ... ₽) and answered in
 * minor units, like the `priceMin`/`priceMax` filters.
 */
import { currencyFractionDigits } from '../../connectors/sinks/search/index.ts';

/** Most categories and sellers a facet lists (the most frequent first). */
export const FACET_SIZE = 30;

/** Price range boundaries in major units of the currency. */
export const PRICE_BOUNDARIES_MAJOR = [1_000, 5_000, 10_000, 50_000, 100_000] as const;

type Query = Record<string, unknown>;

/** The filter of each facet dimension (absent: not filtered on it). */
export interface DimensionFilters {
  category?: Query;
  seller?: Query;
  price?: Query;
}

export interface CategoryFacet {
  id: string;
  path: string[];
  count: number;
}

export interface SellerFacet {
  id: string;
  name: string | null;
  count: number;
}

export interface PriceFacet {
  /** Inclusive lower bound in minor units; absent for the lowest range. */
  from?: number;
  /** Exclusive upper bound in minor units; absent for the highest range. */
  to?: number;
  currency: string;
  count: number;
}

export interface Facets {
  categories: CategoryFacet[];
  sellers: SellerFacet[];
  prices: PriceFacet[];
}

/** Every dimension's filter together: the search's `post_filter`. */
export function postFilter(filters: DimensionFilters): Query | undefined {
  const all = Object.values(filters).filter((f): f is Query => f !== undefined);
  return all.length === 0 ? undefined : { bool: { filter: all } };
}

function allBut(filters: DimensionFilters, own: keyof DimensionFilters): Query {
  const others = Object.entries(filters)
    .filter(([dimension, f]) => dimension !== own && f !== undefined)
    .map(([, f]) => f as Query);
  return { bool: { filter: others } };
}

const priceRanges = [
  { to: PRICE_BOUNDARIES_MAJOR[0] },
  ...PRICE_BOUNDARIES_MAJOR.slice(1).map((to, i) => ({ from: PRICE_BOUNDARIES_MAJOR[i]!, to })),
  { from: PRICE_BOUNDARIES_MAJOR.at(-1)! },
];

/** The aggregations of the three facets under `filters`; see the module comment. */
export function facetAggregations(filters: DimensionFilters): Record<string, unknown> {
  const firstSource = (field: string) => ({ top_hits: { size: 1, _source: { includes: [field] } } });
  return {
    categories: {
      filter: allBut(filters, 'category'),
      aggs: {
        ids: {
          terms: { field: 'category.id', size: FACET_SIZE },
          aggs: { sample: firstSource('category.path') },
        },
      },
    },
    sellers: {
      filter: allBut(filters, 'seller'),
      aggs: {
        ids: { terms: { field: 'sellerId', size: FACET_SIZE }, aggs: { sample: firstSource('seller.name') } },
      },
    },
    prices: {
      filter: allBut(filters, 'price'),
      aggs: {
        currencies: {
          terms: { field: 'price.currency', size: 1 },
          aggs: { ranges: { range: { field: 'price.amount', ranges: priceRanges } } },
        },
      },
    },
  };
}

interface Bucket {
  key: string;
  doc_count: number;
  sample?: { hits: { hits: { _source?: Record<string, unknown> }[] } };
}

interface RangeBucket {
  from?: number;
  to?: number;
  doc_count: number;
}

/** The source of the first document of a bucket's `sample`. */
function sampleOf(bucket: Bucket): Record<string, unknown> {
  return bucket.sample?.hits.hits[0]?._source ?? {};
}

/** The facets from the engine's `aggregations` (absent, e.g. an empty index: no facets). */
export function readFacets(aggregations: Record<string, unknown> | undefined): Facets {
  const buckets = (name: string, inner: string) =>
    ((aggregations?.[name] as Record<string, { buckets?: Bucket[] }> | undefined)?.[inner]?.buckets ??
      []) as Bucket[];
  const categories = buckets('categories', 'ids').map((bucket) => {
    const category = sampleOf(bucket).category as { path?: string[] } | undefined;
    return { id: bucket.key, path: category?.path ?? [], count: bucket.doc_count };
  });
  const sellers = buckets('sellers', 'ids').map((bucket) => {
    const seller = sampleOf(bucket).seller as { name?: string } | null | undefined;
    return { id: bucket.key, name: seller?.name ?? null, count: bucket.doc_count };
  });
  const currency = buckets('prices', 'currencies')[0] as
    (Bucket & { ranges?: { buckets: RangeBucket[] } }) | undefined;
  const prices: PriceFacet[] = [];
  if (currency) {
    const scale = 10 ** currencyFractionDigits(currency.key);
    for (const range of currency.ranges?.buckets ?? []) {
      prices.push({
        ...(range.from !== undefined ? { from: Math.round(range.from * scale) } : {}),
        ...(range.to !== undefined ? { to: Math.round(range.to * scale) } : {}),
        currency: currency.key,
        count: range.doc_count,
      });
    }
  }
  return { categories, sellers, prices };
}
