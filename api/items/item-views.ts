/**
 * Cache entries → API answers: a card with its summaries becomes an item page or a tile. Pure, so
 * the shapes are tested with plain values; the key layout is connectors/sinks/redis/keys.ts.
 */
import type { ItemCard } from '../../connectors/sinks/redis/index.ts';
import type { ItemTile, ItemView } from './schemas.ts';

export type Rating = ItemTile['rating'];
export type Sentiment = ItemView['sentiment'];

/** A card parsed from its JSON; undefined when absent or not a card (never throws). */
export function parseCard(json: string | null | undefined): ItemCard | undefined {
  if (json === null || json === undefined) return undefined;
  try {
    const card = JSON.parse(json) as ItemCard;
    return typeof card === 'object' && card !== null && typeof card.id === 'string' ? card : undefined;
  } catch {
    return undefined;
  }
}

/** True when the card holds what an item page shows (cards written before the page lack it). */
export function isPageCard(
  card: ItemCard,
): card is ItemCard & Required<Pick<ItemCard, 'description' | 'attributes'>> {
  return (
    typeof card.description === 'string' && typeof card.attributes === 'object' && card.attributes !== null
  );
}

const count = (value: string | null | undefined) => {
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
};

/**
 * The rating summary of `item:<id>:ratings` (`count`, `avg`), or null while nothing is rated.
 *
 * @example
 * ratingOf({ count: '2', sum: '9', avg: '4.5000' }); // { average: 4.5, count: 2 }
 */
export function ratingOf(hash: { count?: string | null; avg?: string | null }): Rating {
  const reviews = count(hash.count);
  return reviews > 0 ? { average: count(hash.avg), count: reviews } : null;
}

/** The sentiment summary of `item:<id>:sentiment`, or null while no review is scored. */
export function sentimentOf(hash: Record<string, string>): Sentiment {
  if (count(hash.count) <= 0) return null;
  return {
    positive: count(hash.POSITIVE),
    neutral: count(hash.NEUTRAL),
    negative: count(hash.NEGATIVE),
    meanScore: count(hash.meanScore),
  };
}

/** A tile of a card; `images` are the card's image references made into URLs. */
export function tileOf(card: ItemCard, images: { url: string }[], rating: Rating): ItemTile {
  return {
    id: card.id,
    version: card.version,
    title: card.title,
    category: { id: card.category.id, path: [...card.category.path] },
    price: { amountMinor: card.price.amountMinor, currency: card.price.currency },
    seller: { id: card.seller.id, name: card.seller.name },
    images,
    rating,
    updatedAt: new Date(card.updatedAt).toISOString(),
  };
}

export interface ItemSummaries {
  rating: Rating;
  sentiment: Sentiment;
  views: number;
}

/** An item page of a card that holds one (`isPageCard`). */
export function itemOf(
  card: ItemCard & Required<Pick<ItemCard, 'description' | 'attributes'>>,
  images: { url: string }[],
  summaries: ItemSummaries,
): ItemView {
  return {
    ...tileOf(card, images, summaries.rating),
    description: card.description,
    attributes: { ...card.attributes },
    sentiment: summaries.sentiment,
    views: summaries.views,
  };
}
