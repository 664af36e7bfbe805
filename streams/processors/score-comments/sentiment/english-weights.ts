import type { EnglishFeatureOptions } from './english-features.ts';

/**
 * The committed English model, as stored in `model/en-weights.json`: one int8 per hash bucket
 * (the bucket's weight is `weights[i] * scale`), base64 in one JSON string so that the file stays
 * small, loads with one decode and costs the type checker nothing.
 */
export interface EnglishWeightsFile {
  format: 'hashed-linear-int8/1';
  version: string;
  features: EnglishFeatureOptions;
  /** Divide the bucket sum by sqrt(number of buckets), so long reviews do not saturate. */
  lengthNormalisation: boolean;
  bias: number;
  /** Weights of the two AFINN-165 features: positive, negative. */
  lexiconWeights: [number, number];
  scale: number;
  weights: string;
}

/** The model in memory, ready to score. */
export interface EnglishWeights {
  version: string;
  features: EnglishFeatureOptions;
  lengthNormalisation: boolean;
  bias: number;
  lexiconWeights: [number, number];
  buckets: Float32Array;
}

/** Quantises float weights to int8 with one scale; the largest |weight| maps to 127. */
export function encodeEnglishWeights(
  model: EnglishWeights,
): EnglishWeightsFile & { quantisationError: number } {
  let largest = 0;
  for (const w of model.buckets) largest = Math.max(largest, Math.abs(w));
  const scale = largest > 0 ? largest / 127 : 1;
  const quantised = new Int8Array(model.buckets.length);
  let squaredError = 0;
  for (let i = 0; i < model.buckets.length; i++) {
    const q = Math.round(model.buckets[i]! / scale);
    quantised[i] = q;
    squaredError += (q * scale - model.buckets[i]!) ** 2;
  }
  return {
    format: 'hashed-linear-int8/1',
    version: model.version,
    features: model.features,
    lengthNormalisation: model.lengthNormalisation,
    bias: model.bias,
    lexiconWeights: model.lexiconWeights,
    scale,
    weights: Buffer.from(quantised.buffer).toString('base64'),
    quantisationError: Math.sqrt(squaredError / model.buckets.length),
  };
}

/** Decodes the committed file; throws when it is not a model this code can read. */
export function decodeEnglishWeights(file: EnglishWeightsFile): EnglishWeights {
  if (file.format !== 'hashed-linear-int8/1') {
    throw new Error(`unknown English weights format ${JSON.stringify(file.format)}`);
  }
  const bytes = Buffer.from(file.weights, 'base64');
  const size = 1 << file.features.bits;
  if (bytes.length !== size) {
    throw new Error(`English weights hold ${bytes.length} buckets, expected 2^${file.features.bits}`);
  }
  const quantised = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const buckets = new Float32Array(size);
  for (let i = 0; i < size; i++) buckets[i] = quantised[i]! * file.scale;
  return {
    version: file.version,
    features: file.features,
    lengthNormalisation: file.lengthNormalisation,
    bias: file.bias,
    lexiconWeights: file.lexiconWeights,
    buckets,
  };
}

/**
 * The model's log-odds of "positive" for a text, with how many features fired.
 */
export function englishLogit(
  model: EnglishWeights,
  features: { buckets: number[]; lexiconPositive: number; lexiconNegative: number },
): number {
  let sum = 0;
  for (const bucket of features.buckets) sum += model.buckets[bucket]!;
  if (model.lengthNormalisation && features.buckets.length > 0) sum /= Math.sqrt(features.buckets.length);
  return (
    model.bias +
    sum +
    model.lexiconWeights[0] * features.lexiconPositive +
    model.lexiconWeights[1] * features.lexiconNegative
  );
}
