/**
 * The image formats an item may carry, recognised by their first bytes: the Content-Type a client
 * sends is a claim, the magic number is the fact. A body whose bytes are not the format it claims
 * is refused (415), so the store never serves a script as `image/png`.
 */

export interface ImageType {
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  /** The object key's extension. */
  extension: string;
  /** True when `bytes` start like a file of this format. */
  matches(bytes: Uint8Array): boolean;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export const imageTypes: readonly ImageType[] = [
  // JPEG: SOI marker followed by the next marker's 0xFF.
  { contentType: 'image/jpeg', extension: 'jpg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  {
    contentType: 'image/png',
    extension: 'png',
    matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  // WebP: a RIFF container (4 bytes of size between) of form type WEBP.
  {
    contentType: 'image/webp',
    extension: 'webp',
    matches: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
  },
];

/** Bytes needed to tell the formats apart. */
export const MAGIC_BYTES = 12;

/**
 * The accepted type a Content-Type header names (parameters and case ignored), or undefined.
 *
 * @example
 * imageTypeOf('image/PNG; charset=binary')?.extension; // 'png'
 * imageTypeOf('image/gif');                             // undefined
 */
export function imageTypeOf(contentType: string | undefined): ImageType | undefined {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return imageTypes.find((type) => type.contentType === essence);
}
