/**
 * As-you-type suggestions: item titles whose words start with what was typed, from the title's
 * search_as_you_type field (`bool_prefix`: every word but the last whole, the last a prefix), one
 * per distinct title. `collapse` on the title keyword does the deduplication in the engine, so a
 * page of suggestions is not eaten by a hundred listings of the same phone; titles that differ
 * only in case are folded here.
 */
import { liveItemsFilter } from '../../connectors/sinks/search/index.ts';

export interface Suggestion {
  itemId: string;
  title: string;
}

/** The engine request for up to `limit` suggestions of `q`. */
export function buildSuggestionSearch(q: string, limit: number): Record<string, unknown> {
  return {
    // A few more than asked, for the titles the case folding merges.
    size: limit * 2,
    query: {
      bool: {
        must: [
          {
            multi_match: {
              query: q,
              type: 'bool_prefix',
              fields: ['title.suggest', 'title.suggest._2gram', 'title.suggest._3gram'],
              operator: 'and',
            },
          },
        ],
        filter: liveItemsFilter,
      },
    },
    collapse: { field: 'title.keyword' },
    sort: [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }],
    _source: ['id', 'title'],
  };
}

/** The suggestions of an engine answer: distinct titles (ignoring case), best first, at most `limit`. */
export function readSuggestions(
  hits: readonly { _source?: Record<string, unknown> }[],
  limit: number,
): Suggestion[] {
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const hit of hits) {
    const title = hit._source?.title;
    const itemId = hit._source?.id;
    if (typeof title !== 'string' || typeof itemId !== 'string') continue;
    const key = title.toLocaleLowerCase('ru');
    if (seen.has(key)) continue;
    seen.add(key);
    suggestions.push({ itemId, title });
    if (suggestions.length === limit) break;
  }
  return suggestions;
}
