/**
 * Item reads: from the Redis cards the pipeline writes, in one round trip per request; a missing
 * card falls back to Postgres, and the card built from it (the sink's own rules: item-cards.ts) is
 * written back under the sink's ordering (card-refill.ts), so the next read is a hit and no newer
 * card is ever overwritten.
 */
import type { ChainableCommander } from 'ioredis';
import { redisError, type ItemCard } from '../../connectors/sinks/redis/index.ts';
import type { Logger } from '../../core/log/index.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { refillCardQuietly } from './card-refill.ts';
import { presignImages } from '../http/image-references.ts';
import type { CatalogueRules } from './item-cards.ts';
import { readItemRows } from './item-rows.ts';
import { isPageCard, itemOf, parseCard, ratingOf, sentimentOf, tileOf } from './item-views.ts';
import { withPostgres } from '../http/postgres-errors.ts';
import type { ItemTile, ItemView } from './schemas.ts';

export type CacheOutcome = 'hit' | 'miss';

export interface TrendingTile extends ItemTile {
  score: number;
}

/** Ranks read per round of the trending list: a few deleted items must not shorten it. */
const TRENDING_OVERFETCH = 2;
const TRENDING_ROUNDS = 3;

export class ItemReader {
  constructor(
    private readonly deps: ApiDependencies,
    private readonly rules: CatalogueRules,
  ) {}

  /** The item page of a live item (and whether the cache had it), or undefined. */
  async item(id: string, log: Logger): Promise<{ item: ItemView; cache: CacheOutcome } | undefined> {
    const { keys } = this.deps;
    const [cardJson, ratings, sentiment, views] = (await this.exec(
      'reading an item',
      this.deps.redis
        .pipeline()
        .get(keys.itemCard(id))
        .hgetall(keys.itemRatings(id))
        .hgetall(keys.itemSentiment(id))
        .get(keys.itemViews(id)),
    )) as [string | null, Record<string, string>, Record<string, string>, string | null];
    let card = parseCard(cardJson);
    let cache: CacheOutcome = 'hit';
    // A card written before cards carried the page's fields is served from Postgres (it is not
    // replaced: same order; it is brought up to date by the item's next change).
    if (card === undefined || !isPageCard(card)) {
      cache = 'miss';
      card = (await this.cardsFromPostgres([id], log)).get(id);
      if (card === undefined || !isPageCard(card)) return undefined;
    }
    const summaries = {
      rating: ratingOf(ratings),
      sentiment: sentimentOf(sentiment),
      views: Number(views ?? 0),
    };
    return { item: itemOf(card, await this.images(card), summaries), cache };
  }

  /**
   * Tiles of the live items among `ids` (cards by one MGET and ratings in the same round trip;
   * misses from Postgres), and whether every one came from the cache.
   */
  async tiles(
    ids: readonly string[],
    log: Logger,
  ): Promise<{ tiles: Map<string, ItemTile>; cache: CacheOutcome }> {
    if (ids.length === 0) return { tiles: new Map(), cache: 'hit' };
    const { cards, ratings } = await this.cardsAndRatings(ids);
    const missed = ids.filter((id) => !cards.has(id));
    for (const [id, card] of await this.cardsFromPostgres(missed, log)) cards.set(id, card);
    const tiles = new Map<string, ItemTile>();
    for (const id of ids) {
      const card = cards.get(id);
      if (card) tiles.set(id, tileOf(card, await this.images(card), ratings.get(id) ?? null));
    }
    return { tiles, cache: missed.length === 0 ? 'hit' : 'miss' };
  }

  /** The `limit` hottest live items, hottest first; ids whose card is gone (deleted) are skipped. */
  async trending(limit: number): Promise<TrendingTile[]> {
    const trending: TrendingTile[] = [];
    const window = limit * TRENDING_OVERFETCH;
    for (let round = 0; round < TRENDING_ROUNDS && trending.length < limit; round += 1) {
      const ranked = await this.exec(
        'reading the trending items',
        this.deps.redis
          .pipeline()
          .zrevrange(this.deps.keys.trendingItems, round * window, (round + 1) * window - 1, 'WITHSCORES'),
      );
      const flat = ranked[0] as string[];
      const ids = flat.filter((_, i) => i % 2 === 0);
      if (ids.length === 0) break;
      const { cards, ratings } = await this.cardsAndRatings(ids);
      for (let i = 0; i < ids.length && trending.length < limit; i += 1) {
        const card = cards.get(ids[i]!);
        if (!card) continue;
        const tile = tileOf(card, await this.images(card), ratings.get(card.id) ?? null);
        trending.push({ ...tile, score: Number(flat[2 * i + 1]) });
      }
      if (ids.length < window) break;
    }
    return trending;
  }

  /** Cards and rating summaries of `ids` in one round trip. */
  private async cardsAndRatings(ids: readonly string[]) {
    const { keys } = this.deps;
    const pipeline = this.deps.redis.pipeline().mget(...ids.map((id) => keys.itemCard(id)));
    for (const id of ids) pipeline.hmget(keys.itemRatings(id), 'count', 'avg');
    const [cardJsons, ...ratingPairs] = (await this.exec('reading item cards', pipeline)) as [
      (string | null)[],
      ...[string | null, string | null][],
    ];
    const cards = new Map<string, ItemCard>();
    const ratings = new Map<string, ItemTile['rating']>();
    ids.forEach((id, i) => {
      const card = parseCard(cardJsons[i]);
      if (card) cards.set(id, card);
      const [reviews, avg] = ratingPairs[i] ?? [null, null];
      ratings.set(id, ratingOf({ count: reviews, avg }));
    });
    return { cards, ratings };
  }

  /**
   * Cards of the live items among `ids` built from Postgres, each written back to the cache unless
   * a newer one is recorded there. A failed refill is logged, not answered: the read still has its
   * data, and the next read tries again.
   */
  private async cardsFromPostgres(ids: readonly string[], log: Logger): Promise<Map<string, ItemCard>> {
    const cards = new Map<string, ItemCard>();
    if (ids.length === 0) return cards;
    const rows = await withPostgres('reading items', () => readItemRows(this.deps.postgres, ids));
    await Promise.all(
      rows.map(async (row) => {
        const entry = this.rules.cacheEntryOf(row, this.deps.config.api.imagesBucket);
        if (!entry?.card) return;
        cards.set(row.id, entry.card);
        await refillCardQuietly(this.deps.redis, this.deps.keys, entry, log);
      }),
    );
    return cards;
  }

  private images(card: ItemCard): Promise<{ url: string }[]> {
    const { s3, config } = this.deps;
    return presignImages(card.imageUrls, {
      s3,
      bucket: config.api.imagesBucket,
      ttlSeconds: config.api.imageUrlTtlSeconds,
    });
  }

  /** Runs a pipeline (one round trip); any command's failure fails the read (503 when Redis is down). */
  private async exec(doing: string, pipeline: ChainableCommander): Promise<unknown[]> {
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (error) {
      throw redisError(error, doing);
    }
    if (results === null) throw redisError(new Error('the pipeline was discarded'), doing);
    return results.map(([error, value]) => {
      if (error) throw redisError(error, doing);
      return value;
    });
  }
}
