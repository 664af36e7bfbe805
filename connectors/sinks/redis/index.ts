/**
 * The Redis sink: item cards, view counters, unique viewers, trending items and rating/sentiment
 * summaries per item. keys.ts documents the key layout the API reads.
 */
export { createRedisSink } from './redis-sink.ts';
export { defaultRedisSinkOptions, type RedisSinkOptions } from './options.ts';
export { offsetField, prefixPattern, redisKeys, viewerId, type RedisKeys } from './keys.ts';
export { cardOrder, toItemCard, SELLER_VERSION_BITS, type ItemCard } from './item-card.ts';
export {
  decayedViews,
  halfLifeMs,
  landmarkFor,
  LANDMARK_STEP_HALF_LIVES,
  PRUNE_BELOW_SCORE,
  rescaleFactor,
  viewWeight,
} from './trending-decay.ts';
export { redisError } from './redis-errors.ts';
