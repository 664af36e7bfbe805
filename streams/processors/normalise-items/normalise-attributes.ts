/**
 * Item attributes (colour, size, memory…) become search facets, so "Colour", " colour " and
 * "ＣＯＬＯＵＲ" must be one key.
 */
import { normaliseText } from './normalise-text.ts';

/**
 * Keys: {@link normaliseText} and lower case; values: {@link normaliseText}. Entries whose key or
 * value is empty afterwards are dropped (an empty facet matches nothing and shows nothing). When
 * two keys fold into one, the entry whose key was already in normal form wins, otherwise the first
 * in code-unit order of the raw keys, so the result never depends on the order the map arrived in.
 * Entries are inserted in key order, so even the order of the result is independent of the input's.
 *
 * @example
 * normaliseAttributes({ ' Colour ': ' Midnight\u00A0Blue ', Memory: '128 GB', '': 'x' });
 * // { colour: 'Midnight Blue', memory: '128 GB' }
 */
export function normaliseAttributes(attributes: Readonly<Record<string, string>>): Record<string, string> {
  const chosen = new Map<string, { raw: string; value: string }>();
  for (const raw of Object.keys(attributes).sort()) {
    const key = normaliseText(raw).toLowerCase();
    const value = normaliseText(attributes[raw] ?? '');
    if (key === '' || value === '') continue;
    const existing = chosen.get(key);
    if (existing === undefined || (raw === key && existing.raw !== key)) chosen.set(key, { raw, value });
  }
  return Object.fromEntries(
    [...chosen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, { value }]) => [key, value]),
  );
}
