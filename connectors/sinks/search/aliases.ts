/**
 * The versioned indices behind each alias: finding them, creating the first one, and swapping the
 * alias atomically from one index to another (one `_aliases` request: readers see the old index or
 * the new one, never neither).
 */
import { errors, type Client } from '@opensearch-project/opensearch';
import type { SearchTarget } from './documents.ts';
import {
  aliasName,
  indexVersionOf,
  nextIndexVersion,
  versionedIndexName,
  versionedIndexPattern,
} from './index-names.ts';

export interface AliasTarget {
  index: string;
  isWriteIndex: boolean;
}

/** The indices `alias` points to; empty when the alias does not exist. */
export async function aliasTargets(client: Client, alias: string): Promise<AliasTarget[]> {
  try {
    const response = await client.indices.getAlias({ name: alias });
    const body = response.body as Record<string, { aliases: Record<string, { is_write_index?: boolean }> }>;
    return Object.entries(body)
      .map(([index, entry]) => ({ index, isWriteIndex: entry.aliases[alias]?.is_write_index === true }))
      .sort((a, b) => a.index.localeCompare(b.index));
  } catch (error) {
    if (error instanceof errors.ResponseError && error.statusCode === 404) return [];
    throw error;
  }
}

/** The versioned indices of `target` that exist, oldest first. */
export async function versionedIndices(
  client: Client,
  prefix: string,
  target: SearchTarget,
): Promise<string[]> {
  const response = await client.indices.get({
    index: versionedIndexPattern(prefix, target),
    allow_no_indices: true,
    expand_wildcards: 'all',
  });
  return Object.keys(response.body)
    .filter((index) => indexVersionOf(prefix, target, index) !== undefined)
    .sort((a, b) => indexVersionOf(prefix, target, a)! - indexVersionOf(prefix, target, b)!);
}

/**
 * Creates the next versioned index of `target` (its settings and mappings come from the template).
 * `alias`: also make it the write index of the alias, in the same request.
 */
export async function createVersionedIndex(
  client: Client,
  prefix: string,
  target: SearchTarget,
  options: { alias?: boolean; settings?: Record<string, unknown> } = {},
): Promise<string> {
  const index = versionedIndexName(
    prefix,
    target,
    nextIndexVersion(prefix, target, await versionedIndices(client, prefix, target)),
  );
  await client.indices.create({
    index,
    body: {
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.alias ? { aliases: { [aliasName(prefix, target)]: { is_write_index: true } } } : {}),
    },
  });
  return index;
}

/**
 * Makes sure the alias of `target` exists: if it does not, creates the first versioned index with
 * the alias on it. Idempotent, and safe when two sinks start at once (the loser of the race finds
 * the winner's alias).
 */
export async function ensureAliasedIndex(
  client: Client,
  prefix: string,
  target: SearchTarget,
): Promise<void> {
  const alias = aliasName(prefix, target);
  if ((await aliasTargets(client, alias)).length > 0) return;
  try {
    await createVersionedIndex(client, prefix, target, { alias: true });
  } catch (error) {
    const raced =
      error instanceof errors.ResponseError &&
      error.statusCode === 400 &&
      (await aliasTargets(client, alias)).length > 0;
    if (!raced) throw error;
  }
}

/**
 * Points `alias` at `to` alone, as its write index, in one atomic request: the alias leaves every
 * index in `from`.
 */
export async function swapAlias(
  client: Client,
  alias: string,
  from: readonly string[],
  to: string,
): Promise<void> {
  await client.indices.updateAliases({
    body: {
      actions: [
        ...from.filter((index) => index !== to).map((index) => ({ remove: { index, alias } })),
        { add: { index: to, alias, is_write_index: true } },
      ],
    },
  });
}

export interface VersionedIndexInfo {
  index: string;
  /** Documents as of the last refresh. */
  documents: number;
  /** Behind the alias, and whether it is the alias's write index. */
  aliased: boolean;
  isWriteIndex: boolean;
}

export interface AliasInfo {
  target: SearchTarget;
  alias: string;
  /** Every versioned index of the target, oldest first, aliased or not. */
  indices: VersionedIndexInfo[];
}

/** Each alias of `prefix` with its versioned indices and their document counts. */
export async function describeSearchIndices(client: Client, prefix: string): Promise<AliasInfo[]> {
  const described: AliasInfo[] = [];
  for (const target of ['items', 'comments'] as const) {
    const alias = aliasName(prefix, target);
    const [behindAlias, indices] = await Promise.all([
      aliasTargets(client, alias),
      versionedIndices(client, prefix, target),
    ]);
    const counts = new Map<string, number>();
    if (indices.length > 0) {
      const rows = await client.cat.indices({ index: indices, format: 'json', h: ['index', 'docs.count'] });
      for (const row of rows.body) counts.set(row.index ?? '', Number(row['docs.count'] ?? 0));
    }
    described.push({
      target,
      alias,
      indices: indices.map((index) => {
        const entry = behindAlias.find((t) => t.index === index);
        return {
          index,
          documents: counts.get(index) ?? 0,
          aliased: entry !== undefined,
          isWriteIndex: entry?.isWriteIndex ?? false,
        };
      }),
    });
  }
  return described;
}
