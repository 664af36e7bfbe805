/**
 * Measures the scorer on labelled JSONL (`{"text": …, "label": 0|1}`, 0 negative, 1 positive).
 *
 *   npm run eval:sentiment -- FILE     one file; ends with one JSON line of its figures
 *   npm run eval:sentiment             every set in ../shared/data/sentiment, as a table
 *
 * The sign of the score decides the class; a score of exactly 0 counts as wrong. Speed is
 * `scoreSentiment` over all texts of the set, repeated until at least a second has passed,
 * in this one process on one core.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { scoreSentiment } from './index.ts';
import meta from './model/en-model.meta.json' with { type: 'json' };
import {
  DEFAULT_DATA_DIR,
  listSets,
  readExamples,
  requireDataDir,
  type Example,
} from './training/datasets.ts';
import { figures } from './training/metrics.ts';

const MIN_SECONDS = 1;

interface Result {
  accuracy: number;
  macro_f1: number;
  n: number;
  per_second: number;
}

function measure(examples: readonly Example[]): Result {
  const scores = examples.map((e) => scoreSentiment(e.text).score);
  const { accuracy, macroF1, n } = figures(
    examples.map((e) => e.label),
    scores,
  );
  // Time whole passes until a second has gone by; the checksum keeps the work observable.
  let passes = 0;
  let checksum = 0;
  const start = process.hrtime.bigint();
  let elapsed: number;
  do {
    for (const example of examples) checksum += scoreSentiment(example.text).score;
    passes++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  } while (elapsed < MIN_SECONDS && examples.length > 0);
  if (Number.isNaN(checksum)) throw new Error('a score was NaN');
  return {
    accuracy: +accuracy.toFixed(4),
    macro_f1: +macroF1.toFixed(4),
    n,
    per_second: examples.length === 0 ? 0 : Math.round((passes * examples.length) / elapsed),
  };
}

/** How the committed model relates to a set, from its training metadata. */
function role(set: string): string {
  if (set in meta.trainedOn) return 'TRAINED ON (not held out)';
  if (set in meta.tunedOn) return 'tuned on (not held out)';
  if (set.startsWith('ru_')) return 'held out (Russian lexicon, eval only)';
  if (set === 'mr') return 'NOT held out: sst2_train is built from MR';
  return 'held out';
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { data: { type: 'string', default: DEFAULT_DATA_DIR } },
});

console.log(`model ${scoreSentiment('').modelVersion}`);
if (positionals.length > 0) {
  for (const file of positionals) {
    const result = measure(readExamples(file));
    console.log(`${basename(file)}: ${result.n} texts`);
    console.log(`accuracy   ${(result.accuracy * 100).toFixed(2)}%`);
    console.log(`macro-F1   ${result.macro_f1.toFixed(4)}`);
    console.log(`speed      ${result.per_second.toLocaleString('en-US')} comments/s (one process)`);
    console.log(JSON.stringify(result));
  }
} else {
  const dir = requireDataDir(values.data!);
  const rows = listSets(dir).map((set) => ({
    set,
    role: role(set),
    ...measure(readExamples(`${dir}/${set}.jsonl`)),
  }));
  const header = ['set', 'n', 'accuracy', 'macro-F1', 'comments/s', 'relation to the model'];
  const table = rows.map((r) => [
    r.set,
    String(r.n),
    `${(r.accuracy * 100).toFixed(2)}%`,
    r.macro_f1.toFixed(4),
    r.per_second.toLocaleString('en-US'),
    r.role,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(row));
  console.log(
    `\nThe English model was trained on ${Object.keys(meta.trainedOn).join(', ')} and tuned on ` +
      `${Object.keys(meta.tunedOn).join(', ')}: their rows are not held-out figures. Held-out ` +
      `cross-validation (from training): cr ${meta.heldOut.crossValidation.cr.accuracy}, ` +
      `blitzer_elec ${meta.heldOut.crossValidation.blitzer_elec.accuracy}.`,
  );
  for (const { set, accuracy, macro_f1, n, per_second } of rows) {
    console.log(JSON.stringify({ set, accuracy, macro_f1, n, per_second }));
  }
}
