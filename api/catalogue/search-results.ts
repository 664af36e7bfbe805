/**
 * An engine answer of the catalogue search as the API's page: hits in the API's shape, the total
 * and whether it is exact, the facets, and the sort values the next page starts after. Pure; image
 * references are turned into URLs by the caller (image-urls.ts).
 */
import type { SortValue } from './cursor.ts';
import { readFacets, type Facets } from './facets.ts';

export interface SearchHit {
  id: string;
  title: string;
  /** The title with the matched words in `<mark>`, HTML-escaped otherwise. */
  highlight?: string;
  category: { id: string | null; path: string[] };
  price: { amountMinor: number; currency: string };
  seller: { id: string; name: string } | null;
  rating: { average: number; count: number } | null;
  /** As stored (`s3://bucket/key`); the route hands out time-limited URLs instead. */
  imageUrls: string[];
  updatedAt: string;
}

export interface SearchPage {
  items: SearchHit[];
  total: number;
  /** `gte` when the engine stopped counting (past 10 000 hits). */
  totalRelation: 'eq' | 'gte';
  facets: Facets;
  /** The sort values of the page's last hit when there is a next page. */
  nextAfter: SortValue[] | null;
}

interface EngineHit {
  _source?: Record<string, unknown>;
  highlight?: Record<string, string[]>;
  sort?: SortValue[];
}

export interface EngineSearchBody {
  hits: { total?: { value: number; relation: string } | number; hits: EngineHit[] };
  aggregations?: Record<string, unknown>;
}

/** Averages are stored exact; two decimals are what a storefront shows. */
function roundRating(rating: unknown): SearchHit['rating'] {
  const value = rating as { average?: number; count?: number } | null | undefined;
  if (!value || typeof value.average !== 'number' || !value.count) return null;
  return { average: Math.round(value.average * 100) / 100, count: value.count };
}

const HIGHLIGHTED_FIELDS = ['title', 'title.ru', 'title.en', 'title.suggest'];

/** One hit in the API's shape. */
export function searchHitOf(hit: EngineHit): SearchHit {
  const source = hit._source ?? {};
  const category = (source.category ?? {}) as { id?: string | null; path?: string[] };
  const price = (source.price ?? {}) as { amountMinor: number; currency: string };
  const seller = source.seller as { id: string; name: string } | null | undefined;
  const highlight = HIGHLIGHTED_FIELDS.map((field) => hit.highlight?.[field]?.[0]).find(Boolean);
  return {
    id: source.id as string,
    title: source.title as string,
    ...(highlight ? { highlight } : {}),
    category: { id: category.id ?? null, path: category.path ?? [] },
    price: { amountMinor: price.amountMinor, currency: price.currency },
    seller: seller ? { id: seller.id, name: seller.name } : null,
    rating: roundRating(source.rating),
    imageUrls: (source.imageUrls as string[] | undefined) ?? [],
    updatedAt: new Date(source.updatedAt as number).toISOString(),
  };
}

/** The page of `limit` hits from an answer asked for `limit + 1` (the extra one says "more"). */
export function readSearchPage(body: EngineSearchBody, limit: number): SearchPage {
  const hits = body.hits.hits;
  const page = hits.slice(0, limit);
  const total = body.hits.total;
  return {
    items: page.map(searchHitOf),
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    totalRelation: typeof total === 'object' && total.relation === 'gte' ? 'gte' : 'eq',
    facets: readFacets(body.aggregations),
    nextAfter: hits.length > limit ? (page.at(-1)?.sort ?? null) : null,
  };
}

/** What a search of a catalogue with no index yet answers: nothing, not an error. */
export function emptySearchPage(): SearchPage {
  return {
    items: [],
    total: 0,
    totalRelation: 'eq',
    facets: { categories: [], sellers: [], prices: [] },
    nextAfter: null,
  };
}
