/**
 * The provisioning cache: one JSON file per service under the cache directory, written only after
 * provisioning succeeded, keyed by the service's recipe string. A second `stack up` finds it and
 * skips straight to starting; a changed recipe or a failed isProvisioned() check redoes the work.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Provisioned } from '../service.ts';

interface CacheEntry {
  recipe: string;
  provisionedAt: string;
  provisioned: Provisioned;
}

export async function readCached(file: string, recipe: string): Promise<Provisioned | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
    return entry.recipe === recipe ? entry.provisioned : undefined;
  } catch {
    return undefined;
  }
}

export async function writeCached(file: string, recipe: string, provisioned: Provisioned): Promise<void> {
  const entry: CacheEntry = { recipe, provisionedAt: new Date().toISOString(), provisioned };
  await writeFile(file, `${JSON.stringify(entry, null, 2)}\n`);
}
