/** Unpacking downloaded archives (tar.gz, zip) into the cache, atomically. */
import { mkdir, rename, rm } from 'node:fs/promises';
import { runCommand } from '../process/run-command.ts';

/**
 * Extracts `archive` into `target` through a temporary directory, so an interrupted extraction
 * never leaves a half-filled target that a later run would take for complete.
 */
export async function extractArchive(archive: string, target: string, logFile?: string): Promise<void> {
  const temporary = `${target}.partial`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  if (archive.endsWith('.zip')) await runCommand('unzip', ['-q', archive, '-d', temporary], { logFile });
  else await runCommand('tar', ['-xzf', archive, '-C', temporary], { logFile });
  await rm(target, { recursive: true, force: true });
  await rename(temporary, target);
}
