/**
 * The event sequence of a load run, as a pure iterator: first the catalogue (every seller, then
 * every item, as CREATED changes one millisecond apart), then the seed reviews, then an endless
 * stream in which shoppers' actions are interleaved with the changes a live shop sees: now and
 * then a review, an item repriced or retitled, a seller renamed.
 *
 * Nothing here reads a clock or the environment: event times run from `startTime` on a simulated
 * clock that advances by `rate` events per second (exponential gaps, as arrivals at a busy shop),
 * and ids are UUIDv4-shaped values drawn from the seeded generator. The same options give the same
 * events, byte for byte; independent streams per part mean that, say, more sessions leave the
 * catalogue unchanged.
 */
import { buildCatalogue, type Catalogue, type CatalogueItem } from './catalogue.ts';
import { itemChange, itemCreated, sellerChange, sellerCreated } from './catalogue-changes.ts';
import { ReviewStream } from './comments.ts';
import type { GeneratedEvent } from './events.ts';
import { resolveLoadOptions, type GenerateOptions } from './options.ts';
import { Random, WeightedTable } from './random.ts';
import { SearchIndex } from './search.ts';
import { Shoppers } from './sessions.ts';
import { UserPool } from './shopper-traits.ts';

/** Shares of the live stream (after the catalogue): what a shop's topics see in a day. */
const streamMix = new WeightedTable<'activity' | 'comment' | 'item' | 'seller'>([
  ['activity', 96.2],
  ['comment', 2.5],
  ['item', 1.15],
  ['seller', 0.15],
]);

/** Registered users: enough that most signed-in sessions are different people, bounded for memory. */
function userPoolSize(sessions: number): number {
  return Math.min(200_000, Math.max(1_000, sessions * 40));
}

/** The catalogue a run with these options starts with (the first events of {@link generateEvents}). */
export function catalogueFor(options: Partial<GenerateOptions> = {}): Catalogue {
  const { seed, items, sellers } = resolveLoadOptions(options);
  return buildCatalogue(Random.derive(seed, 'catalogue'), { items, sellers });
}

/** How many events the catalogue phase has: every seller and every item, once. */
export function catalogueEventCount(options: Partial<GenerateOptions> = {}): number {
  const { items, sellers } = resolveLoadOptions(options);
  return items + sellers;
}

/**
 * Every event of a load run, in order, forever (take as many as you need). Throws CONFIG_INVALID
 * for bad options before the first event.
 *
 * @example
 * for (const event of generateEvents({ seed: 7, items: 100 })) {
 *   console.log(event.topic, event.key, event.value.occurredAt);
 *   if (++n === 1000) break;
 * }
 */
export function generateEvents(options: Partial<GenerateOptions> = {}): Generator<GeneratedEvent, never> {
  const resolved = resolveLoadOptions(options);
  return events(resolved, catalogueFor(resolved));
}

function* events(options: GenerateOptions, catalogue: Catalogue): Generator<GeneratedEvent, never> {
  const { seed, rate, sessions, startTime } = options;
  const changes = Random.derive(seed, 'changes');
  let time = startTime;

  for (const entry of catalogue.sellers) {
    yield { topic: 'sellers', key: entry.seller.id, value: sellerCreated(changes, entry, time) };
    time += 1;
  }
  for (const entry of catalogue.items) {
    yield { topic: 'items', key: entry.item.id, value: itemCreated(changes, entry, time) };
    time += 1;
  }

  const users = new UserPool(seed, userPoolSize(sessions));
  const reviews = new ReviewStream(Random.derive(seed, 'reviews'), catalogue, users);
  const shoppers = new Shoppers(
    Random.derive(seed, 'sessions'),
    catalogue,
    new SearchIndex(catalogue),
    users,
    {
      sessions,
    },
  );
  shoppers.onPurchase((userId, entry) => reviews.recordPurchase(userId, entry));
  const clock = Random.derive(seed, 'clock');
  const meanGapMs = 1000 / rate;

  for (const value of reviews.seedReviews(time)) {
    yield { topic: 'comments', key: value.comment.id, value };
    time = Math.max(time, value.occurredAt + 1);
  }

  for (;;) {
    time += clock.exponential(meanGapMs);
    const at = Math.round(time);
    switch (streamMix.sample(clock)) {
      case 'activity': {
        // A turn of several actions (a click, then the page it opens) spans a few milliseconds of
        // that session's time only: the shop's clock keeps to the rate.
        const actions = shoppers.next(at);
        for (const value of actions) yield { topic: 'activity', key: value.sessionId, value };
        // The rate counts events, not turns: the clock moves on once more for each extra action.
        for (let i = 1; i < actions.length; i += 1) time += clock.exponential(meanGapMs);
        break;
      }
      case 'comment': {
        const value = reviews.next(at);
        yield { topic: 'comments', key: value.comment.id, value };
        break;
      }
      case 'item': {
        const entry = catalogue.items[changes.int(0, catalogue.items.length - 1)] as CatalogueItem;
        yield { topic: 'items', key: entry.item.id, value: itemChange(changes, entry, at) };
        break;
      }
      case 'seller': {
        const entry = catalogue.sellers[changes.int(0, catalogue.sellers.length - 1)];
        if (entry) yield { topic: 'sellers', key: entry.seller.id, value: sellerChange(changes, entry, at) };
        break;
      }
    }
  }
}
