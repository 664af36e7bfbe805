/**
 * How items refer to their images. Events and cards carry `s3://<bucket>/<object key>` (the images
 * bucket, API_IMAGES_BUCKET); readers hand out time-limited presigned GET URLs instead, so the
 * bucket stays private and a URL stops working once it has leaked.
 */
import type { Client as S3Client } from 'minio';

/** Where the images of an item are stored: `items/<itemId>/`. */
export function imageKeyPrefix(itemId: string): string {
  return `items/${itemId}/`;
}

/** The reference an event and a card carry for an object of the images bucket. */
export function imageReference(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

export type ParsedImageReference = { bucket: string; key: string } | { href: string };

/**
 * An image reference as something to serve: an object to presign, or a URL to pass on as it is.
 * A bare key (`items/…/front.jpg`, as the load generator writes) is a key of `defaultBucket`.
 * Undefined for nothing usable (empty, or an `s3://` reference without a key).
 *
 * @example
 * parseImageReference('s3://eshop-images/items/6f1d/a.jpg', 'eshop-images'); // { bucket: 'eshop-images', key: 'items/6f1d/a.jpg' }
 * parseImageReference('https://cdn.example/a.jpg', 'eshop-images');          // { href: 'https://cdn.example/a.jpg' }
 */
export function parseImageReference(
  reference: string,
  defaultBucket: string,
): ParsedImageReference | undefined {
  const text = reference.trim();
  if (text === '') return undefined;
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/u.exec(text);
  if (s3) return { bucket: s3[1]!, key: s3[2]! };
  if (text.startsWith('s3://')) return undefined;
  if (/^https?:\/\//iu.test(text)) return { href: text };
  return { bucket: defaultBucket, key: text.replace(/^\/+/u, '') };
}

export interface ImageUrlOptions {
  s3: S3Client;
  bucket: string;
  ttlSeconds: number;
}

/**
 * Presigned GET URLs for image references, in their order; unusable references are left out.
 * Presigning is local (an HMAC over the request): no round trip to the object store.
 */
export async function presignImages(
  references: readonly string[],
  options: ImageUrlOptions,
): Promise<{ url: string }[]> {
  const urls: { url: string }[] = [];
  for (const reference of references) {
    const parsed = parseImageReference(reference, options.bucket);
    if (parsed === undefined) continue;
    urls.push({
      url:
        'href' in parsed
          ? parsed.href
          : await options.s3.presignedGetObject(parsed.bucket, parsed.key, options.ttlSeconds),
    });
  }
  return urls;
}
