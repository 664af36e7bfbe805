/**
 * The keyset cursor of a seller's item list (newest first): the last item's creation time and id.
 * Keyset, not offset, so a page is as cheap at item 10 000 as at item 0 and items listed meanwhile
 * neither repeat nor get skipped. The time travels as Postgres' own text with microseconds - a
 * JavaScript Date would cut it to milliseconds and break ties between items of one millisecond.
 */
import { validationError } from '../http/problem.ts';

export interface ItemCursor {
  /** `created_at` as UTC text with microseconds: `2026-01-15T09:00:00.123456Z`. */
  createdAt: string;
  id: string;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

/** @example encodeCursor({ createdAt: '2026-01-15T09:00:00.123456Z', id }) // 'MjAyNi0w…' */
export function encodeCursor(cursor: ItemCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor, or VALIDATION_FAILED (400) for anything this endpoint did not hand out. */
export function decodeCursor(text: string): ItemCursor {
  const [createdAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !createdAt || !id || !TIME.test(createdAt) || !UUID.test(id)) {
    throw validationError('The cursor is not one this endpoint handed out', [
      { path: 'query.cursor', message: 'is not a cursor of this endpoint' },
    ]);
  }
  return { createdAt, id };
}
