/**
 * Catalogue changes as the shop's outbox publishes them: creations, then now and again an item
 * repriced (sales, rises), retitled, redescribed, recategorised by moderation or given photos,
 * and a seller renamed, re-rated or moved. Each change carries the whole entity after it and its
 * version, one more than before.
 */
import type { ItemChanged, SellerChanged } from '../schemas/types.generated.ts';
import type { CatalogueItem } from './catalogue.ts';
import { offerDescription, offerImages, offerTitle } from './listing-text.ts';
import { repriced } from './prices.ts';
import { WeightedTable, type Random } from './random.ts';
import { renamedSeller, sellerRegions, type CatalogueSeller } from './sellers.ts';

/** Services that change the catalogue on their own (`changedBy` of their changes). */
export const services = {
  catalogueImport: 'catalogue-import',
  pricing: 'pricing-service',
  moderation: 'catalogue-moderation',
  ratings: 'rating-service',
} as const;

export function itemCreated(rng: Random, entry: CatalogueItem, time: number): ItemChanged {
  return {
    eventId: rng.uuid(),
    type: 'CREATED',
    item: entry.item,
    version: entry.version,
    // The seed catalogue came in by import; the rest was listed by its sellers.
    changedBy: entry.imported ? services.catalogueImport : entry.seller.managerId,
    occurredAt: time,
  };
}

export function sellerCreated(rng: Random, entry: CatalogueSeller, time: number): SellerChanged {
  return {
    eventId: rng.uuid(),
    type: 'CREATED',
    seller: entry.seller,
    version: entry.version,
    changedBy: entry.managerId,
    occurredAt: time,
  };
}

type ItemEdit = 'price' | 'title' | 'description' | 'category' | 'images';

const itemEdits = new WeightedTable<ItemEdit>([
  ['price', 55],
  ['title', 15],
  ['description', 10],
  ['category', 10],
  ['images', 10],
]);

const priceFactors = new WeightedTable<number>([
  [0.8, 10],
  [0.9, 25],
  [0.95, 25],
  [1.05, 25],
  [1.1, 15],
]);

/**
 * Changes `entry` in place (one edit, version + 1) and returns the UPDATED event.
 *
 * @example
 * itemChange(rng, entry, time); // { type: 'UPDATED', item: { …, price: 10% off }, version: 2, … }
 */
export function itemChange(rng: Random, entry: CatalogueItem, time: number): ItemChanged {
  const before = entry.item;
  let changedBy = entry.seller.managerId;
  switch (itemEdits.sample(rng)) {
    case 'price':
      entry.item = { ...before, price: repriced(before.price, priceFactors.sample(rng)) };
      if (rng.chance(0.3)) changedBy = services.pricing;
      break;
    case 'title':
      entry.item = { ...before, title: offerTitle(rng, entry.offer) };
      break;
    case 'description':
      entry.item = { ...before, description: offerDescription(rng, entry.offer) };
      break;
    case 'category':
      // Moderation files the item under the shop's own category name.
      entry.item = { ...before, category: entry.offer.family.kind.category };
      changedBy = services.moderation;
      break;
    case 'images': {
      const images = offerImages(rng, before.id);
      entry.item = {
        ...before,
        imageUrls: images.length > 0 ? images : [`items/${before.id.slice(0, 8)}/front.jpg`],
      };
      break;
    }
  }
  entry.version += 1;
  return {
    eventId: rng.uuid(),
    type: 'UPDATED',
    item: entry.item,
    version: entry.version,
    changedBy,
    occurredAt: time,
  };
}

/** Changes `entry` in place (renamed, re-rated or moved; version + 1) and returns the UPDATED event. */
export function sellerChange(rng: Random, entry: CatalogueSeller, time: number): SellerChanged {
  const before = entry.seller;
  let changedBy = entry.managerId;
  const roll = rng.next();
  if (roll < 0.45) {
    entry.seller = { ...before, name: renamedSeller(rng, before.name) };
  } else if (roll < 0.9) {
    // The rating service recomputes the average from new reviews: small steps, within 1 to 5.
    const rating = before.rating ?? Math.round(rng.normal(4.4, 0.3) * 10) / 10;
    const next = Math.round(Math.min(5, Math.max(1, rating + rng.pick([-0.1, 0.1, 0.1, 0]))) * 10) / 10;
    entry.seller = { ...before, rating: next };
    changedBy = services.ratings;
  } else {
    entry.seller = { ...before, region: sellerRegions.sample(rng) };
  }
  entry.version += 1;
  return {
    eventId: rng.uuid(),
    type: 'UPDATED',
    seller: entry.seller,
    version: entry.version,
    changedBy,
    occurredAt: time,
  };
}
