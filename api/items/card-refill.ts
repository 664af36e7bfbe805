/**
 * Writing cards the API built from Postgres into the cache, atomically under the sink's ordering
 * rule (refill-item-card.lua), so the API and the Redis sink both write cards and neither ever
 * replaces a newer one. Two uses:
 * - a read that missed refills the card, so the next read is a hit;
 * - a write, once committed, puts its new state (or the deletion) in the cache, so the writer reads
 *   what it wrote instead of the state before; the sink's own write of that state, arriving later
 *   with the same order, then changes nothing.
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { ItemCard, RedisKeys } from '../../connectors/sinks/redis/index.ts';
import { LuaScript } from '../../connectors/sinks/redis/lua-script.ts';
import type { Logger } from '../../core/log/index.ts';

const refillScript = new LuaScript(
  'refill-item-card',
  readFileSync(new URL('./refill-item-card.lua', import.meta.url), 'utf8'),
);

/** A card to write, or (card null) a deletion, with the order the sink would store it under. */
export interface CacheEntry {
  itemId: string;
  order: string;
  card: ItemCard | null;
}

/**
 * Applies the entry unless the cache recorded the same order or a newer one; resolves to whether
 * it was applied.
 *
 * @example
 * await refillCard(redis, keys, { itemId: card.id, order: '6291457', card }); // true: nothing newer was there
 */
export async function refillCard(redis: Redis, keys: RedisKeys, entry: CacheEntry): Promise<boolean> {
  const applied = await refillScript.run(
    redis,
    [keys.itemCardVersions, keys.itemCard(entry.itemId)],
    [entry.itemId, entry.order, entry.card === null ? '' : JSON.stringify(entry.card)],
  );
  return applied === 1;
}

/**
 * `refillCard` for paths where the cache is an optimisation: a failure is logged, not thrown (the
 * data the request needs is already in hand, and the sink or the next miss writes the card).
 */
export async function refillCardQuietly(
  redis: Redis,
  keys: RedisKeys,
  entry: CacheEntry | undefined,
  log: Logger,
): Promise<void> {
  if (entry === undefined) return;
  try {
    await refillCard(redis, keys, entry);
  } catch (error) {
    log.warn({ err: error, itemId: entry.itemId }, 'could not write the item card to the cache');
  }
}
