/**
 * An item's rating and sentiment summaries, as the Redis sink keeps them (`item:<id>:ratings` and
 * `item:<id>:sentiment` hashes; connectors/sinks/redis/keys.ts), parsed exactly as the item page
 * parses them (api/items/item-views.ts).
 *
 * @example
 * const { rating, sentiment } = await readReviewSummaries(deps.redis, deps.keys, itemId);
 * // rating: { average: 4.25, count: 12 }, sentiment: { positive: 9, neutral: 2, negative: 1, meanScore: 0.4172 }
 */
import type { Redis } from 'ioredis';
import { redisError, type RedisKeys } from '../../connectors/sinks/redis/index.ts';
import { ratingOf, sentimentOf, type Rating, type Sentiment } from '../items/item-views.ts';

export interface ReviewSummaries {
  rating: Rating;
  sentiment: Sentiment;
}

/**
 * Both summaries of `itemId`, read in one MULTI: the sink's script updates the two hashes together,
 * so a transaction sees them agree (a plain pipeline could see one before and one after an update).
 */
export async function readReviewSummaries(
  redis: Redis,
  keys: RedisKeys,
  itemId: string,
): Promise<ReviewSummaries> {
  let results: [Error | null, unknown][] | null;
  try {
    results = await redis
      .multi()
      .hgetall(keys.itemRatings(itemId))
      .hgetall(keys.itemSentiment(itemId))
      .exec();
  } catch (error) {
    throw redisError(error, "reading the item's review summaries");
  }
  const failure = results?.find(([error]) => error)?.[0];
  if (!results || failure) {
    throw redisError(failure ?? new Error('transaction aborted'), "reading the item's review summaries");
  }
  return {
    rating: ratingOf(results[0]![1] as Record<string, string>),
    sentiment: sentimentOf(results[1]![1] as Record<string, string>),
  };
}
