/**
 * Item images in the object store (API_IMAGES_BUCKET, keys `items/<itemId>/<uuid>.<ext>`), and
 * reading an upload's body without ever holding more than the allowed size.
 */
import { s3Failure } from '../../connectors/sinks/archive/index.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { Logger } from '../../core/log/index.ts';
import type { ApiDependencies } from '../dependencies.ts';

/**
 * The whole body, or PAYLOAD_TOO_LARGE as soon as it passes `maxBytes` (the rest is not read, so a
 * huge upload costs at most `maxBytes` of memory).
 */
export async function readBodyWithin(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

export function tooLarge(maxBytes: number): PlatformError {
  return new PlatformError(ErrorCodes.PAYLOAD_TOO_LARGE, `An image may be at most ${maxBytes} bytes`, {
    maxBytes,
  });
}

export async function putImageObject(
  deps: ApiDependencies,
  key: string,
  bytes: Buffer,
  contentType: string,
): Promise<void> {
  try {
    await deps.s3.putObject(deps.config.api.imagesBucket, key, bytes, bytes.length, {
      'Content-Type': contentType,
    });
  } catch (error) {
    throw s3Failure(error, `storing image ${key}`);
  }
}

/**
 * Removes image objects after the change that dropped them has committed. A failure is logged
 * (with the keys, so they can be removed by hand) rather than answered: the change itself stands.
 */
export async function removeImageObjects(
  deps: ApiDependencies,
  keys: readonly string[],
  log: Logger,
): Promise<void> {
  if (keys.length === 0) return;
  try {
    const results = await deps.s3.removeObjects(deps.config.api.imagesBucket, [...keys]);
    const failed = results.flatMap((result) => (result?.Error ? [result.Error] : []));
    if (failed.length > 0) {
      log.error({ bucket: deps.config.api.imagesBucket, failed }, 'images left behind');
    }
  } catch (error) {
    log.error(
      { err: s3Failure(error, 'removing images'), bucket: deps.config.api.imagesBucket, keys },
      'images left behind',
    );
  }
}
