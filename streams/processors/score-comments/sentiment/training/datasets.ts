import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One labelled text: 0 negative, 1 positive. */
export interface Example {
  text: string;
  label: 0 | 1;
}

/** `../shared/data/sentiment` beside the repository, where the labelled sets are kept. */
export const DEFAULT_DATA_DIR = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../../../../shared/data/sentiment',
);

/** Reads a JSONL file of `{"text": …, "label": 0|1}` lines; names the line that is malformed. */
export function readExamples(path: string): Example[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const examples: Example[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const value: unknown = JSON.parse(line);
    const { text, label } = (value ?? {}) as { text?: unknown; label?: unknown };
    if (typeof text !== 'string' || (label !== 0 && label !== 1)) {
      throw new Error(`${path}:${index + 1}: expected {"text": string, "label": 0|1}`);
    }
    examples.push({ text, label });
  });
  return examples;
}

/** The data directory, or exit with a message saying where the data was expected. */
export function requireDataDir(dir: string): string {
  if (!existsSync(dir)) {
    console.error(
      `sentiment data not found at ${dir}\n` +
        'Expected the labelled JSONL sets (cr.jsonl, blitzer_elec.jsonl, sst2_*.jsonl, …) there; ' +
        'pass another directory with --data DIR.',
    );
    process.exit(2);
  }
  return dir;
}

/** Reads one named set (`cr`, `sst2_dev`, …) from the data directory. */
export function readSet(dir: string, name: string): Example[] {
  const path = join(dir, `${name}.jsonl`);
  if (!existsSync(path)) {
    console.error(`sentiment data set ${name} not found: ${path}`);
    process.exit(2);
  }
  return readExamples(path);
}

/** Names of every `.jsonl` set in the directory, sorted. */
export function listSets(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .map((file) => basename(file, '.jsonl'))
    .sort();
}
