/**
 * Trains the English model offline and writes model/en-weights.json and model/en-model.meta.json.
 *
 *   npm run train:sentiment [-- --data DIR]
 *
 * What it trains on, and why: cr + blitzer_elec + sst2_train. MR is left out because SST is
 * built from MR's snippets, and SST's test set is one of the held-out figures. Hyper-parameters
 * are chosen on sst2_dev only. Held-out figures: sst2_test (never seen), and 10-fold
 * cross-validation on cr and on blitzer_elec (each fold trained on the other nine folds plus the
 * other training sets). ru_rusentiment_test is evaluation-only and is not read here.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import {
  decodeEnglishWeights,
  encodeEnglishWeights,
  englishLogit,
  type EnglishWeights,
} from './english-weights.ts';
import { DEFAULT_DATA_DIR, readSet, requireDataDir, type Example } from './training/datasets.ts';
import { figures, type Figures } from './training/metrics.ts';
import { encode, trainEnglish, type EncodedExample, type TrainOptions } from './training/nbsvm.ts';

const TRAINING_SETS = ['cr', 'blitzer_elec', 'sst2_train'] as const;
const TUNING_SET = 'sst2_dev';
const TEST_SET = 'sst2_test';
const FOLDS = 10;
const HASH_BITS = 18;

/** The grid searched on sst2_dev; every other setting is fixed. */
const GRID: TrainOptions[] = [true, false].flatMap((negation) =>
  [0.5, 1].flatMap((nbAlpha) =>
    [0.3, 1, 3].map((l2) => ({
      features: { bits: HASH_BITS, negation, bigrams: true },
      l2,
      nbAlpha,
      lexicon: true,
      lengthNormalisation: false,
      maxIterations: 200,
    })),
  ),
);

const { values } = parseArgs({ options: { data: { type: 'string', default: DEFAULT_DATA_DIR } } });
const dataDir = requireDataDir(values.data!);
const modelDir = new URL('./model/', import.meta.url);

/** Writes a model file in the repository's Prettier style, so `prettier --check` stays clean. */
async function writeJson(name: string, value: unknown): Promise<void> {
  const path = fileURLToPath(new URL(name, modelDir));
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(JSON.stringify(value), { ...options, filepath: path }));
}

function logits(model: EnglishWeights, data: readonly EncodedExample[]): number[] {
  return data.map((e) =>
    englishLogit(model, {
      buckets: Array.from(e.buckets),
      lexiconPositive: e.lexicon[0],
      lexiconNegative: e.lexicon[1],
    }),
  );
}

/** Quantises like the committed file, so every figure is that of the model as it will run. */
function quantised(model: EnglishWeights): EnglishWeights {
  return decodeEnglishWeights(encodeEnglishWeights(model));
}

function evaluate(model: EnglishWeights, data: readonly EncodedExample[]): Figures {
  return figures(
    data.map((e) => e.label),
    logits(model, data),
  );
}

function round(figure: Figures): Figures {
  return { accuracy: +figure.accuracy.toFixed(4), macroF1: +figure.macroF1.toFixed(4), n: figure.n };
}

const started = Date.now();
const sets = new Map<string, Example[]>(
  [...TRAINING_SETS, TUNING_SET, TEST_SET].map((name) => [name, readSet(dataDir, name)]),
);
const trainingExamples = TRAINING_SETS.flatMap((name) => sets.get(name)!);
console.log(`training sets: ${TRAINING_SETS.map((n) => `${n} (${sets.get(n)!.length})`).join(', ')}`);

// 1. Hyper-parameters on sst2_dev.
let best: { options: TrainOptions; dev: Figures } | undefined;
for (const options of GRID) {
  const model = quantised(trainEnglish(encode(trainingExamples, options.features), options, 'tuning'));
  const dev = evaluate(model, encode(sets.get(TUNING_SET)!, options.features));
  console.log(
    `  negation=${options.features.negation} nbAlpha=${options.nbAlpha} l2=${options.l2}: ` +
      `${TUNING_SET} accuracy ${dev.accuracy.toFixed(4)}`,
  );
  if (!best || dev.accuracy > best.dev.accuracy) best = { options, dev };
}
const chosen = best!.options;
console.log(`chosen on ${TUNING_SET}: ${JSON.stringify(chosen)}`);

// 2. Cross-validation on the two product-review sets.
function crossValidate(name: 'cr' | 'blitzer_elec'): Figures {
  const target = sets.get(name)!;
  const others = TRAINING_SETS.filter((n) => n !== name).flatMap((n) => sets.get(n)!);
  const labels: number[] = [];
  const scores: number[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = [...others, ...target.filter((_, i) => i % FOLDS !== fold)];
    const test = encode(
      target.filter((_, i) => i % FOLDS === fold),
      chosen.features,
    );
    const model = quantised(trainEnglish(encode(train, chosen.features), chosen, 'cv'));
    labels.push(...test.map((e) => e.label));
    scores.push(...logits(model, test));
  }
  const result = figures(labels, scores);
  console.log(`${FOLDS}-fold cross-validation on ${name}: accuracy ${result.accuracy.toFixed(4)}`);
  return result;
}
const crossValidation = {
  cr: round(crossValidate('cr')),
  blitzer_elec: round(crossValidate('blitzer_elec')),
};

// 3. The final model on all training sets; its sst2_test figure.
const trainedAt = new Date();
const version = `en-nbsvm-h${HASH_BITS}-${trainedAt.toISOString().slice(0, 10).replaceAll('-', '')}`;
const final = trainEnglish(encode(trainingExamples, chosen.features), chosen, version);
const { quantisationError, ...file } = encodeEnglishWeights(final);
const runtime = decodeEnglishWeights(file);
const test = round(evaluate(runtime, encode(sets.get(TEST_SET)!, chosen.features)));
console.log(
  `${TEST_SET} (held out): accuracy ${test.accuracy.toFixed(4)}, macro-F1 ${test.macroF1.toFixed(4)}`,
);

await writeJson('en-weights.json', file);
const meta = {
  version,
  trainedAt: trainedAt.toISOString(),
  model:
    'L2-regularised logistic regression on naive-Bayes-scaled binary hashed word unigrams and bigrams ' +
    '(NBSVM-style, Wang & Manning 2012) plus two AFINN-165 lexicon features; L-BFGS',
  trainedOn: Object.fromEntries(TRAINING_SETS.map((n) => [n, sets.get(n)!.length])),
  tunedOn: { [TUNING_SET]: sets.get(TUNING_SET)!.length },
  notTrainedOn: {
    mr: 'SST is built from MR snippets and sst2_test is a held-out figure',
    sst2_dev: 'tuning only',
    sst2_test: 'held-out test only',
    ru_rusentiment_test: 'evaluation only (CC BY-NC-SA 4.0); never read by training',
  },
  hyperParameters: {
    ...chosen,
    searchedGrid: GRID.map((g) => ({ negation: g.features.negation, nbAlpha: g.nbAlpha, l2: g.l2 })),
  },
  hashSize: 1 << HASH_BITS,
  hash: 'FNV-1a 32-bit + murmur3 finaliser (feature-hash.ts)',
  quantisation: { type: 'int8, one scale', scale: file.scale, rmsError: quantisationError },
  heldOut: {
    [TEST_SET]: test,
    crossValidation: { folds: FOLDS, foldRule: 'line index mod 10', ...crossValidation },
    tuning: { [TUNING_SET]: round(best!.dev) },
  },
  trainingSeconds: Math.round((Date.now() - started) / 1000),
};
await writeJson('en-model.meta.json', meta);
console.log(`wrote model/en-weights.json and model/en-model.meta.json (${version})`);
