/**
 * One search request to the items alias, with its failures classified for the API: an alias that
 * does not exist yet (a fresh platform, before the search sink's first start) is an empty
 * catalogue, not an error; an engine that does not answer, or answers 429/5xx, is a retriable 503;
 * an engine 400 on a page after the first is the cursor's fault (400), on a first page our bug.
 */
import { errors } from '@opensearch-project/opensearch';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { validationError } from '../http/problem.ts';
import type { EngineSearchBody } from './search-results.ts';

/** Seconds a client is told to wait before retrying when the engine is unavailable. */
const RETRY_AFTER_SECONDS = 2;

function errorType(error: errors.ResponseError): string | undefined {
  return (error.body as { error?: { type?: string } } | undefined)?.error?.type;
}

/**
 * Runs `body` against the items alias; null when the alias does not exist.
 *
 * @example
 * const answer = await searchItemsIndex(deps, buildItemSearch(params), { paged: false });
 */
export async function searchItemsIndex(
  deps: Pick<ApiDependencies, 'search' | 'indices' | 'config'>,
  body: Record<string, unknown>,
  options: { paged: boolean },
): Promise<EngineSearchBody | null> {
  try {
    const response = await deps.search.search({ index: deps.indices.items, body });
    return response.body as unknown as EngineSearchBody;
  } catch (error) {
    if (error instanceof errors.ResponseError) {
      if (error.statusCode === 404 && errorType(error) === 'index_not_found_exception') return null;
      if (error.statusCode === 400 && options.paged) {
        throw validationError('The cursor does not fit this search', [
          { path: 'query.cursor', message: 'does not fit this search; start again without a cursor' },
        ]);
      }
      // Any other refusal is a request we built wrongly: a bug, answered 500 and logged.
      if (error.statusCode !== 429 && error.statusCode < 500) throw error;
    }
    throw new PlatformError(
      ErrorCodes.SERVICE_UNAVAILABLE,
      `search engine at ${deps.config.search.url} failed a catalogue search: ${(error as Error).message}`,
      { cause: error, retriable: true, service: 'search', retryAfterSeconds: RETRY_AFTER_SECONDS },
    );
  }
}
