/**
 * Trending items with forward decay (Cormode et al., "Forward Decay: A Practical Time Decay Model
 * for Streaming Systems", ICDE 2009), so no background job ever rewrites the scores.
 *
 * Exponential decay says a view at time t weighs 2^(-(now - t)/h) at time `now` (h: the half-life).
 * Every item's weight shrinks by the same factor as time passes, so the *order* of items never
 * depends on `now`: factor it out and add, for each view, 2^((t - L)/h) for a fixed landmark L.
 * Score(item) · 2^(-(now - L)/h) is the item's decayed view count, and ZREVRANGE of the raw scores
 * is "trending now" - relative order is all the API needs.
 *
 * t is the event's own time (`activity.occurredAt`), never the sink's clock, so replaying a topic
 * produces the same scores.
 *
 * The exponent grows with t - L, and doubles overflow past 2^1023, so the landmark moves forward
 * from time to time: all scores are multiplied by 2^(-(L' - L)/h) (ZUNIONSTORE with WEIGHTS) and
 * L' is stored. Landmarks sit on a grid of `LANDMARK_STEP_HALF_LIVES` half-lives: an event whose
 * grid point lies past the landmark moves it there. Hence
 * - exponents stay below 64 for new views (scores stay far from overflow and keep full precision),
 * - the landmark is a function of the newest event time alone - the same whatever order partitions
 *   arrive in - and a rescale multiplies by a power of two, which is exact in floating point,
 * - at most one rescale per 64 half-lives (64 h at the default one-hour half-life).
 * A rescale also drops items whose score fell below 2^-64 (no view within 64 half-lives before the
 * new landmark), so the set holds only what could still trend.
 *
 * The Lua script apply-item-views.lua applies exactly these formulas; the functions here are the
 * reference the tests check it against, and what the API uses to show decayed counts.
 */

/** How far apart landmarks are, in half-lives. */
export const LANDMARK_STEP_HALF_LIVES = 64;

/** A rescale removes members whose score is below this (see above). */
export const PRUNE_BELOW_SCORE = 2 ** -LANDMARK_STEP_HALF_LIVES;

export function halfLifeMs(halfLifeMinutes: number): number {
  return halfLifeMinutes * 60_000;
}

/** The landmark an event at `eventTime` needs: the grid point at or before it. */
export function landmarkFor(eventTime: number, halfLife: number): number {
  const step = LANDMARK_STEP_HALF_LIVES * halfLife;
  return Math.floor(eventTime / step) * step;
}

/** What one view at `eventTime` adds to its item's score under `landmark`. */
export function viewWeight(eventTime: number, landmark: number, halfLife: number): number {
  return 2 ** ((eventTime - landmark) / halfLife);
}

/** The factor every score is multiplied by when the landmark moves from `from` to `to`. */
export function rescaleFactor(from: number, to: number, halfLife: number): number {
  return 2 ** (-(to - from) / halfLife);
}

/**
 * An item's decayed view count at `now`: each view counted as 2^(-(now - t)/h).
 *
 * @example
 * decayedViews(score, landmark, Date.now(), halfLifeMs(config.redis.trendingHalfLifeMinutes));
 */
export function decayedViews(score: number, landmark: number, now: number, halfLife: number): number {
  return score * 2 ** ((landmark - now) / halfLife);
}
