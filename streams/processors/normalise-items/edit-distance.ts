// Without the u flag, so it sees the halves of a pair as well as lone surrogates.
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Damerau-Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
 * substitutions and transpositions of two adjacent characters each cost one, and no substring is
 * edited twice. That is the model of a typo ("смартфоын", "haedphones"), and unlike the
 * unrestricted distance it needs three rows of memory, not an alphabet-sized table.
 *
 * Counts Unicode code points, not UTF-16 units. Stops as soon as the distance must exceed `max`
 * and then returns `max + 1`: callers only ask "within 1 or 2?", so most comparisons end after a
 * row or two.
 *
 * @example
 * editDistance('наушники', 'наушнкии'); // 1 (a transposition)
 * editDistance('laptops', 'tablets', 2); // 3: more than 2
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  // Index code units directly unless a surrogate pair is present: the common case needs no copy.
  const s = SURROGATE.test(a) ? Array.from(a) : a;
  const t = SURROGATE.test(b) ? Array.from(b) : b;
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;

  let beforePrevious = new Uint32Array(t.length + 1);
  let previous = new Uint32Array(t.length + 1);
  let current = new Uint32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) previous[j] = j;
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        distance = Math.min(distance, beforePrevious[j - 2]! + 1);
      }
      current[j] = distance;
      rowMinimum = Math.min(rowMinimum, distance);
    }
    // Every later cell descends from some cell of this row, and costs never go down.
    if (rowMinimum > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  const distance = previous[t.length]!;
  return distance > max ? max + 1 : distance;
}
