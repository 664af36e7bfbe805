/**
 * The Redis key layout of the platform: the one place that names every key the Redis sink writes
 * and the API reads. The layout is a public contract - a key is never renamed, only added.
 *
 * Every key starts with the configured prefix `p` (`REDIS_KEY_PREFIX`, default `eshop:`). Ids are
 * the entity ids as they appear in the events (UUIDs), inserted verbatim.
 *
 * | key                               | type        | holds                                                        |
 * | --------------------------------- | ----------- | ------------------------------------------------------------ |
 * | `p` `item:<id>:card`              | string      | the item card as JSON (`ItemCard`, item-card.ts); absent once the item is deleted |
 * | `p` `item-card:versions`          | hash        | item id → ordering version of the card written last (kept after a delete, so an older update cannot bring the card back) |
 * | `p` `item:<id>:views`             | string      | page views of the item, an integer (INCR)                    |
 * | `p` `item:<id>:viewers`           | HyperLogLog | unique viewers (`u:<userId>`, or `s:<sessionId>` for anonymous shoppers); read with PFCOUNT |
 * | `p` `trending:items`              | sorted set  | item id → forward-decayed view weight (trending-decay.ts); read with ZREVRANGE |
 * | `p` `trending:landmark`           | string      | the epoch milliseconds the trending weights are relative to  |
 * | `p` `item:<id>:ratings`           | hash        | `count`, `sum` (integers) and `avg` (4 decimals) of the live reviews' star ratings; absent while there are none |
 * | `p` `item:<id>:sentiment`         | hash        | `count`, `POSITIVE`, `NEUTRAL`, `NEGATIVE` (reviews per label), `scoreSumMicros` (integer, millionths) and `meanScore` (4 decimals, -1..1); absent while there are none |
 * | `p` `item:<id>:comment-versions`  | hash        | comment id → `version|rating|scoreMicros|label` of the review as counted; `version|||` once deleted. Bookkeeping that makes the two summaries exact under updates and deletes |
 * | `p` `sink:offsets`                | hash        | `<topic>:<partition>` → the last Kafka offset applied, written atomically with the data it covers |
 *
 * What the API does with them: cards by `MGET` of `item:<id>:card` (a missing card is a deleted or
 * not yet enriched item: fall back to Postgres). The API also writes cards - a miss refilled from
 * Postgres, and the state an item write committed - always through a script that applies the sink's
 * rule on `item-card:versions` (newest order wins, and is recorded: api/items/refill-item-card.lua),
 * building the card with the pipeline's own normalise-items and `toItemCard`, so the two writers
 * agree on every card. "Trending now" by `ZREVRANGE trending:items 0 n-1`,
 * skipping ids whose card is missing (a delete does not touch the counters, so replays stay
 * order-independent); counts by `GET`/`PFCOUNT`; summaries by `HGETALL`.
 *
 * All keys of one prefix may be put in one Redis Cluster slot by giving the prefix a hash tag
 * (`{eshop}:`): the sink's scripts touch several keys at once.
 *
 * @example
 * const keys = redisKeys('eshop:');
 * await redis.get(keys.itemCard('6f1d7c2e-…'));        // '{"id":"6f1d7c2e-…","title":"iPhone 13",…}'
 * await redis.zrevrange(keys.trendingItems, 0, 9);      // the ten hottest item ids
 */

/** The names of the platform's keys under one prefix. */
export interface RedisKeys {
  readonly prefix: string;
  itemCard(itemId: string): string;
  readonly itemCardVersions: string;
  itemViews(itemId: string): string;
  itemViewers(itemId: string): string;
  readonly trendingItems: string;
  readonly trendingLandmark: string;
  itemRatings(itemId: string): string;
  itemSentiment(itemId: string): string;
  itemCommentVersions(itemId: string): string;
  readonly sinkOffsets: string;
}

export function redisKeys(prefix: string): RedisKeys {
  const item = (itemId: string, what: string) => `${prefix}item:${itemId}:${what}`;
  return {
    prefix,
    itemCard: (itemId) => item(itemId, 'card'),
    itemCardVersions: `${prefix}item-card:versions`,
    itemViews: (itemId) => item(itemId, 'views'),
    itemViewers: (itemId) => item(itemId, 'viewers'),
    trendingItems: `${prefix}trending:items`,
    trendingLandmark: `${prefix}trending:landmark`,
    itemRatings: (itemId) => item(itemId, 'ratings'),
    itemSentiment: (itemId) => item(itemId, 'sentiment'),
    itemCommentVersions: (itemId) => item(itemId, 'comment-versions'),
    sinkOffsets: `${prefix}sink:offsets`,
  };
}

/** The field of `sink:offsets` holding a partition's last applied offset. */
export function offsetField(topic: string, partition: number): string {
  // Kafka topic names are [a-zA-Z0-9._-], so the colon cannot be part of one.
  return `${topic}:${partition}`;
}

/** The HyperLogLog element of a viewer: the signed-in user, else the browser session. */
export function viewerId(userId: string | null, sessionId: string): string {
  if (userId) return `u:${userId}`;
  return sessionId ? `s:${sessionId}` : '';
}

/** A SCAN MATCH pattern for every key under `prefix` (glob characters in the prefix escaped). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/gu, (c) => `\\${c}`)}*`;
}
