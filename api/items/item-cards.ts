/**
 * The pipeline's rules, run in the API: the same pure normalise-items processor the stream runs,
 * configured the same way (`config.items`), and the Redis sink's `toItemCard` / `cardOrder`. So a
 * card the API builds from Postgres is the card the sink would have written for that state, and an
 * item the API accepts is one the pipeline accepts (never dead-lettered after a 201).
 */
import type { PlatformConfig } from '../../core/config/index.ts';
import { cardOrder, toItemCard } from '../../connectors/sinks/redis/index.ts';
import type { EnrichedItem, Item, ItemChanged, NormalisedItem } from '../../schemas/types.generated.ts';
import {
  createNormaliseItems,
  defaultNormaliseItemsOptions,
  type NormaliseItemsOptions,
} from '../../streams/processors/normalise-items/index.ts';
import type { ProcessorContext } from '../../streams/runtime/processor.ts';
import type { CacheEntry } from './card-refill.ts';
import { eventItem, type ItemRow } from './item-rows.ts';

// The processor reads neither of these; they exist because its signature asks for a context.
const context: ProcessorContext = {
  topic: 'shop.items',
  partition: 0,
  offset: '0',
  timestamp: 0,
  tables: { get: () => undefined, lookup: () => [] },
};
// The card does not carry the source event id; a fixed one keeps the build pure.
const NO_EVENT_ID = '00000000-0000-0000-0000-000000000000';

export class CatalogueRules {
  private readonly normaliser;
  readonly currencies: readonly string[];

  constructor(config: Pick<PlatformConfig, 'items'>) {
    const options: Partial<NormaliseItemsOptions> = {
      ...(config.items.priceCapMinor === undefined ? {} : { priceCapMinor: config.items.priceCapMinor }),
      ...(config.items.currencies === undefined ? {} : { currencies: config.items.currencies }),
    };
    this.normaliser = createNormaliseItems(options);
    this.currencies = options.currencies ?? defaultNormaliseItemsOptions.currencies;
  }

  /**
   * The normalised item, or the pipeline's reason for rejecting it. `occurredAt` becomes its
   * `updatedAt` (writes put the row's `updated_at` there, so the stream and the API agree).
   */
  normalise(
    item: Item,
    version: number,
    occurredAt: number,
    deleted = false,
  ): NormalisedItem | { rejected: string } {
    const event: ItemChanged = {
      eventId: NO_EVENT_ID,
      type: deleted ? 'DELETED' : 'UPDATED',
      item,
      version,
      changedBy: 'api',
      occurredAt,
    };
    const result = this.normaliser.process(event, context);
    if (result.kind === 'reject') return { rejected: result.reason };
    return result.records[0]!.value;
  }

  /**
   * What the sink would do to the cache for this row: write its card (normalised, joined with its
   * seller like enrich-items does, a deleted seller showing as unknown) or, for a deleted row,
   * delete it - under the order of both versions. Undefined for a row the pipeline rejects (it
   * never gets a card, so it is not on sale) or whose versions cannot be ordered.
   */
  cacheEntryOf(row: ItemRow, bucket: string): CacheEntry | undefined {
    const item = this.normalise(eventItem(row, bucket), row.version, row.updatedAt.getTime(), row.deleted);
    if ('rejected' in item) return undefined;
    const enriched: EnrichedItem = {
      item,
      seller: row.seller.deleted
        ? null
        : {
            id: row.seller.id,
            name: row.seller.name,
            rating: row.seller.rating,
            region: row.seller.region,
            version: row.seller.version,
          },
      enrichedAt: 0,
    };
    const order = cardOrder(enriched);
    if (order === undefined) return undefined;
    return { itemId: row.id, order, card: item.deleted ? null : toItemCard(enriched) };
  }
}
