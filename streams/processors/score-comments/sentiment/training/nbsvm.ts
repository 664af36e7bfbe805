import { englishFeatures, type EnglishFeatureOptions } from '../english-features.ts';
import type { EnglishWeights } from '../english-weights.ts';
import type { Example } from './datasets.ts';
import { minimise } from './lbfgs.ts';

/** Hyper-parameters of one training run (chosen on sst2_dev, see train.ts). */
export interface TrainOptions {
  features: EnglishFeatureOptions;
  /** L2 penalty on the bucket weights (in the naive-Bayes-scaled space). */
  l2: number;
  /** Naive-Bayes smoothing α; 0 turns the NB scaling off (plain logistic regression). */
  nbAlpha: number;
  /** Use the two AFINN-165 features. */
  lexicon: boolean;
  lengthNormalisation: boolean;
  maxIterations: number;
}

/** A text turned into features once, so that every training iteration reuses them. */
export interface EncodedExample {
  buckets: Int32Array;
  lexicon: [number, number];
  label: 0 | 1;
}

export function encode(examples: readonly Example[], features: EnglishFeatureOptions): EncodedExample[] {
  return examples.map(({ text, label }) => {
    const f = englishFeatures(text, features);
    return {
      buckets: Int32Array.from(f.buckets),
      lexicon: [f.lexiconPositive, f.lexiconNegative],
      label,
    };
  });
}

/**
 * Naive-Bayes log-count ratios r = log((p/|p|₁) / (q/|q|₁)) of binary features (Wang & Manning
 * 2012, "Baselines and bigrams"): the logistic regression then learns on features scaled by r,
 * which is what lifts NBSVM above plain logistic regression on short texts.
 */
function nbRatios(data: readonly EncodedExample[], size: number, alpha: number): Float64Array {
  const r = new Float64Array(size);
  if (alpha === 0) return r.fill(1);
  const p = new Float64Array(size).fill(alpha);
  const q = new Float64Array(size).fill(alpha);
  for (const example of data) {
    const counts = example.label === 1 ? p : q;
    for (const bucket of example.buckets) counts[bucket]!++;
  }
  let pSum = 0;
  let qSum = 0;
  for (let i = 0; i < size; i++) {
    pSum += p[i]!;
    qSum += q[i]!;
  }
  for (let i = 0; i < size; i++) r[i] = Math.log(p[i]! / pSum / (q[i]! / qSum));
  return r;
}

/**
 * Trains the English model: L2-regularised logistic regression over NB-scaled hashed n-grams
 * plus the two lexicon features, minimised with L-BFGS. The NB ratios are folded into the
 * returned bucket weights, so scoring is one sum.
 */
export function trainEnglish(
  data: readonly EncodedExample[],
  options: TrainOptions,
  version: string,
): EnglishWeights {
  const size = 1 << options.features.bits;
  const r = nbRatios(data, size, options.nbAlpha);
  const lexiconAt = size;
  const biasAt = size + 2;
  const x = new Float64Array(size + 3);
  const scales = data.map((example) =>
    options.lengthNormalisation && example.buckets.length > 0 ? 1 / Math.sqrt(example.buckets.length) : 1,
  );
  const useLexicon = options.lexicon ? 1 : 0;

  const objective = (w: Float64Array, gradient: Float64Array): number => {
    let loss = 0;
    gradient.fill(0);
    for (let d = 0; d < data.length; d++) {
      const example = data[d]!;
      const scale = scales[d]!;
      let sum = 0;
      for (const bucket of example.buckets) sum += w[bucket]! * r[bucket]!;
      const z =
        w[biasAt]! +
        sum * scale +
        useLexicon * (w[lexiconAt]! * example.lexicon[0] + w[lexiconAt + 1]! * example.lexicon[1]);
      // log(1 + e^z) - y·z, computed without overflow.
      loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - example.label * z;
      const error = 1 / (1 + Math.exp(-z)) - example.label;
      const g = error * scale;
      for (const bucket of example.buckets) gradient[bucket] = gradient[bucket]! + g * r[bucket]!;
      gradient[lexiconAt] = gradient[lexiconAt]! + useLexicon * error * example.lexicon[0];
      gradient[lexiconAt + 1] = gradient[lexiconAt + 1]! + useLexicon * error * example.lexicon[1];
      gradient[biasAt] = gradient[biasAt]! + error;
    }
    // The bias and the two lexicon weights are left unpenalised: they are few and well determined.
    let penalty = 0;
    for (let i = 0; i < size; i++) {
      penalty += w[i]! * w[i]!;
      gradient[i] = gradient[i]! + options.l2 * w[i]!;
    }
    return loss + 0.5 * options.l2 * penalty;
  };

  minimise(objective, x, { memory: 10, maxIterations: options.maxIterations, tolerance: 1e-7 });

  const buckets = new Float32Array(size);
  for (let i = 0; i < size; i++) buckets[i] = x[i]! * r[i]!;
  return {
    version,
    features: options.features,
    lengthNormalisation: options.lengthNormalisation,
    bias: x[biasAt]!,
    lexiconWeights: [useLexicon * x[lexiconAt]!, useLexicon * x[lexiconAt + 1]!],
    buckets,
  };
}
