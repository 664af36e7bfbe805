/**
 * Names of the search engine's indices: each target (items, comments) is a series of versioned
 * indices `<prefix>-<target>-v<N>` behind one alias `<prefix>-<target>` that readers and the sink
 * use. A reindex builds `v<N+1>` next to the live index and swaps the alias, so readers never see
 * a half-built index and the mapping can change without downtime.
 */
import type { SearchTarget } from './documents.ts';

/** The alias readers and the sink use, e.g. `shop-items`. */
export function aliasName(prefix: string, target: SearchTarget): string {
  return `${prefix}-${target}`;
}

/** The versioned index behind the alias, e.g. `shop-items-v2`. */
export function versionedIndexName(prefix: string, target: SearchTarget, version: number): string {
  return `${aliasName(prefix, target)}-v${version}`;
}

/** The pattern matching every versioned index of a target (also the template's index pattern). */
export function versionedIndexPattern(prefix: string, target: SearchTarget): string {
  return `${aliasName(prefix, target)}-v*`;
}

/** The index template's name, e.g. `shop-items`. */
export function templateName(prefix: string, target: SearchTarget): string {
  return aliasName(prefix, target);
}

/** N of `<prefix>-<target>-v<N>`, or undefined for any other name. */
export function indexVersionOf(prefix: string, target: SearchTarget, index: string): number | undefined {
  const head = `${aliasName(prefix, target)}-v`;
  if (!index.startsWith(head)) return undefined;
  const rest = index.slice(head.length);
  return /^[1-9]\d{0,8}$/.test(rest) ? Number(rest) : undefined;
}

/** The version a new index gets: one more than the highest existing one (1 when there is none). */
export function nextIndexVersion(prefix: string, target: SearchTarget, existing: Iterable<string>): number {
  let highest = 0;
  for (const index of existing) {
    const version = indexVersionOf(prefix, target, index);
    if (version !== undefined && version > highest) highest = version;
  }
  return highest + 1;
}
