/**
 * Image references in item documents are `s3://<bucket>/<object key>` (what the item writes put in
 * events); readers hand out time-limited presigned GET URLs instead, so the bucket stays private.
 * Presigning is a local signature (the client knows its region), no request to the store.
 */
import type { ApiDependencies } from '../dependencies.ts';

const S3_REFERENCE = /^s3:\/\/([^/]+)\/(.+)$/;

/**
 * The URLs to give a client for `references`: presigned for `s3://` references (and for bare object
 * keys, which name objects of the images bucket), unchanged for `http(s)` URLs.
 */
export async function imageUrls(
  deps: Pick<ApiDependencies, 's3' | 'config'>,
  references: readonly string[],
): Promise<string[]> {
  const { imagesBucket, imageUrlTtlSeconds } = deps.config.api;
  return Promise.all(
    references.map((reference) => {
      if (/^https?:\/\//.test(reference)) return reference;
      const match = S3_REFERENCE.exec(reference);
      const [bucket, key] = match ? [match[1]!, match[2]!] : [imagesBucket, reference];
      return deps.s3.presignedGetObject(bucket, key, imageUrlTtlSeconds);
    }),
  );
}
