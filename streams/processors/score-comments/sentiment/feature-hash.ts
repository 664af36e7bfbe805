/**
 * Feature hashing for the English model: every unigram and bigram maps to one of 2^bits buckets
 * without a vocabulary, so the committed model is one dense array and unseen words cost nothing.
 * FNV-1a over UTF-16 code units, then a murmur3 finaliser, because FNV alone spreads short
 * strings poorly over the low bits that the bucket mask keeps.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of a string (unsigned). */
export function fnv1a(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Salt for a word inside a negation's scope, so "not good" and "good" are different features. */
const NEGATED_SALT = 0x5bd1e995;

/** Hash of a word token, distinct when the word stands in a negation's scope. */
export function tokenHash(token: string, negated: boolean): number {
  const h = fnv1a(token);
  return negated ? mix(h ^ NEGATED_SALT) : h;
}

/** Bucket of a unigram from its token hash. */
export function unigramBucket(h: number, mask: number): number {
  return mix(h) & mask;
}

/** Bucket of a bigram from its two token hashes; order matters ("not bad" is not "bad not"). */
export function bigramBucket(first: number, second: number, mask: number): number {
  return mix(Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) ^ second) & mask;
}
