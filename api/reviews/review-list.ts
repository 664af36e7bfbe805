/**
 * An item's reviews, newest first, from the search engine's comments index (the search sink
 * writes scored reviews there, with their sentiment), a page at a time.
 *
 * Keyset pagination: the sort is `occurredAt` desc then `id` desc, a total order, and the next
 * page starts after the last review of this one (`search_after`). Unlike from/size it costs the
 * same on page 500 as on page 1, and a review written between two requests does not shift the
 * pages: nothing is skipped or shown twice (a review edited meanwhile moves to the top, as its
 * `occurredAt` is its last change). The cursor is that sort key, base64url JSON, opaque to clients.
 *
 * `createdAt` is not in the index (events carry the time of each change, not of the first), so it
 * is read from Postgres, the system of record, by primary key for the page's ids.
 */
import type { Client } from '@opensearch-project/opensearch';
import type pg from 'pg';
import type { CommentDocument } from '../../connectors/sinks/search/index.ts';
import { searchFailure } from '../../connectors/sinks/search/index.ts';
import { validationError } from '../http/problem.ts';
import { withPostgres } from '../http/postgres-errors.ts';
import type { Review } from './schemas.ts';

/** The sort key of a review in the list: `[occurredAt, id]`. */
export type ReviewSortKey = [number, string];

export function encodeCursor(key: ReviewSortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key in `cursor`; VALIDATION_FAILED (400) for anything this API did not hand out. */
export function decodeCursor(cursor: string): ReviewSortKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    !Array.isArray(key) ||
    key.length !== 2 ||
    !Number.isSafeInteger(key[0]) ||
    typeof key[1] !== 'string' ||
    key[1].length > 100
  ) {
    throw validationError('The cursor is not one this API returned; start again without it', [
      { path: 'query.cursor', message: 'is not a cursor this API returned' },
    ]);
  }
  return key as ReviewSortKey;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReviewPage {
  reviews: Review[];
  nextCursor: string | null;
}

export interface ReviewListSource {
  search: Client;
  /** The comments alias. */
  index: string;
  /** For error messages. */
  searchUrl: string;
  postgres: pg.Pool;
}

/** One page of `itemId`'s reviews after `after` (the first page when absent). */
export async function listReviews(
  source: ReviewListSource,
  itemId: string,
  limit: number,
  after?: ReviewSortKey,
): Promise<ReviewPage> {
  let hits: { _source?: CommentDocument; sort?: unknown[] }[];
  try {
    const response = await source.search.search({
      index: source.index,
      // A comments index not created yet (no review ever indexed) is an empty list, not an error.
      ignore_unavailable: true,
      body: {
        // One more than asked: whether a next page exists, without a second request.
        size: limit + 1,
        query: { bool: { filter: [{ term: { itemId } }] } },
        sort: [{ occurredAt: { order: 'desc' } }, { id: { order: 'desc' } }],
        ...(after ? { search_after: after } : {}),
        track_total_hits: false,
      },
    });
    hits = response.body.hits.hits as typeof hits;
  } catch (error) {
    throw searchFailure(error, `listing the reviews of item ${itemId}`, source.searchUrl);
  }
  const page = hits.slice(0, limit).filter((hit) => hit._source);
  const createdAt = await creationTimes(
    source.postgres,
    page.map((hit) => hit._source!.id),
  );
  const last = page.at(-1);
  return {
    reviews: page.map((hit) => reviewOf(hit._source!, createdAt.get(hit._source!.id))),
    nextCursor:
      hits.length > limit && last ? encodeCursor([last._source!.occurredAt, last._source!.id]) : null,
  };
}

function reviewOf(document: CommentDocument, createdAt: Date | undefined): Review {
  const updatedAt = new Date(document.occurredAt).toISOString();
  return {
    id: document.id,
    itemId: document.itemId,
    authorId: document.authorId,
    text: document.text,
    rating: document.rating,
    sentiment: document.sentiment
      ? {
          label: document.sentiment.label as 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE',
          score: document.sentiment.score,
        }
      : null,
    // Every indexed review has its row; a missing one (a review the index knows from elsewhere)
    // falls back to the only time the index has.
    createdAt: createdAt?.toISOString() ?? updatedAt,
    updatedAt,
  };
}

async function creationTimes(postgres: pg.Pool, ids: string[]): Promise<Map<string, Date>> {
  const uuids = ids.filter((id) => UUID.test(id));
  if (uuids.length === 0) return new Map();
  const { rows } = await withPostgres('reading when the reviews were written', () =>
    postgres.query<{ id: string; created_at: Date }>(
      'SELECT id, created_at FROM comments WHERE id = ANY($1::uuid[])',
      [uuids],
    ),
  );
  return new Map(rows.map((row) => [row.id, row.created_at]));
}
