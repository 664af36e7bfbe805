/**
 * Adding and removing an item's images. An upload goes to the object store before the
 * transaction (a store write cannot take part in it) and is removed again if the transaction
 * fails; a removed image's object goes once the removal has committed. Either way the item's
 * version grows and an ItemChanged UPDATED carries its images in position order.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { assertOwnerOrAdmin } from '../auth/middleware.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { validationError } from '../http/problem.ts';
import { imageKeyPrefix, presignImages } from '../http/image-references.ts';
import { putImageObject, readBodyWithin, removeImageObjects, tooLarge } from './image-store.ts';
import { imageTypeOf, type ImageType } from './image-types.ts';
import type { CatalogueRules } from './item-cards.ts';
import { commitItemChange, itemNotFound, lockOwnItem } from './item-changes.ts';
import { readItemRows } from './item-rows.ts';
import type { WriteContext } from '../http/write-context.ts';
import { withPostgres } from '../http/postgres-errors.ts';

/** Most images one item holds: a bound on the event, the card and every page that shows them. */
export const MAX_IMAGES_PER_ITEM = 20;

export interface Upload {
  contentType: string | undefined;
  contentLength: string | undefined;
  body: ReadableStream<Uint8Array> | null;
}

export class ItemImages {
  constructor(
    private readonly deps: ApiDependencies,
    private readonly rules: CatalogueRules,
  ) {}

  /** Stores an uploaded image as the item's last; resolves to its position and a URL to read it. */
  async add(
    itemId: string,
    upload: Upload,
    context: WriteContext,
  ): Promise<{ position: number; url: string }> {
    const maxBytes = this.deps.config.api.imageMaxBytes;
    const type = acceptedType(upload.contentType);
    if (Number(upload.contentLength) > maxBytes) throw tooLarge(maxBytes);
    // Cheap refusals first, before the body is read: no such item, someone else's.
    const [existing] = await withPostgres('reading the item', () =>
      readItemRows(this.deps.postgres, [itemId]),
    );
    if (existing === undefined || existing.deleted) throw itemNotFound(itemId);
    assertOwnerOrAdmin(context.user, existing.seller.ownerId, 'item');
    const bytes = await readBodyWithin(upload.body, maxBytes);
    if (bytes.length === 0) {
      throw validationError('The body is empty: send the image bytes', [
        { path: 'body', message: 'is empty' },
      ]);
    }
    if (!type.matches(bytes)) {
      throw new PlatformError(
        ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        `The body is not a ${type.contentType} image: its first bytes are not that format's`,
      );
    }
    const key = `${imageKeyPrefix(itemId)}${randomUUID()}.${type.extension}`;
    await putImageObject(this.deps, key, bytes, type.contentType);
    let position: number;
    try {
      ({ result: position } = await commitItemChange(this.deps, this.rules, context, {
        doing: 'adding an image',
        type: 'UPDATED',
        itemId,
        write: async (client) => {
          const row = await lockOwnItem(client, context.user, itemId);
          if (row.images.length >= MAX_IMAGES_PER_ITEM) {
            throw new PlatformError(
              ErrorCodes.CONFLICT,
              `An item holds at most ${MAX_IMAGES_PER_ITEM} images`,
            );
          }
          const next = row.images.reduce((max, image) => Math.max(max, image.position + 1), 0);
          await client.query(
            'INSERT INTO item_images (item_id, position, object_key, content_type) VALUES ($1, $2, $3, $4)',
            [itemId, next, key, type.contentType],
          );
          await bumpVersion(client, itemId);
          return next;
        },
      }));
    } catch (error) {
      await removeImageObjects(this.deps, [key], context.log);
      throw error;
    }
    const [url] = await presignImages([key], {
      s3: this.deps.s3,
      bucket: this.deps.config.api.imagesBucket,
      ttlSeconds: this.deps.config.api.imageUrlTtlSeconds,
    });
    return { position, url: url!.url };
  }

  /** Removes the image at `position`; NOT_FOUND when the item has none there. */
  async remove(itemId: string, position: number, context: WriteContext): Promise<void> {
    const { result: key } = await commitItemChange(this.deps, this.rules, context, {
      doing: 'removing an image',
      type: 'UPDATED',
      itemId,
      write: async (client) => {
        await lockOwnItem(client, context.user, itemId);
        const { rows } = await client.query<{ object_key: string }>(
          'DELETE FROM item_images WHERE item_id = $1 AND position = $2 RETURNING object_key',
          [itemId, position],
        );
        if (rows.length === 0) {
          throw new PlatformError(
            ErrorCodes.NOT_FOUND,
            `Item ${itemId} has no image at position ${position}`,
          );
        }
        await bumpVersion(client, itemId);
        return rows[0]!.object_key;
      },
    });
    await removeImageObjects(this.deps, [key], context.log);
  }
}

/** An image change is a change of the item: its version grows, and its event carries the images. */
async function bumpVersion(client: pg.ClientBase, itemId: string): Promise<void> {
  await client.query('UPDATE items SET version = version + 1, updated_at = now() WHERE id = $1', [itemId]);
}

function acceptedType(contentType: string | undefined): ImageType {
  const type = imageTypeOf(contentType);
  if (type === undefined) {
    throw new PlatformError(
      ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
      `Send the image as image/jpeg, image/png or image/webp, not ${contentType ?? 'without a Content-Type'}`,
    );
  }
  return type;
}
