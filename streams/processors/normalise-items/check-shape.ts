/**
 * A runtime check that an ItemChanged value has the shape its type promises. Records decoded from
 * Avro always do; this guards against values built elsewhere (a JSON bridge, a replay tool, a
 * test), which would otherwise fail with a TypeError deep inside normalisation instead of a
 * rejection that names the field.
 */
import type { ItemChanged } from '../../../schemas/types.generated.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * The first field of the event that has the wrong type, as a message, or undefined.
 *
 * @example
 * itemShapeProblem({ ...event, item: { ...event.item, price: null } }); // 'item.price must be a record, got null'
 */
export function itemShapeProblem(event: ItemChanged): string | undefined {
  const { eventId, version, occurredAt }: Record<string, unknown> = { ...event };
  if (typeof eventId !== 'string') return `eventId must be a string, got ${typeName(eventId)}`;
  if (typeof version !== 'number') return `version must be a number, got ${typeName(version)}`;
  if (typeof occurredAt !== 'number') return `occurredAt must be a number, got ${typeName(occurredAt)}`;
  const item: unknown = event.item;
  if (!isRecord(item)) return `item must be a record, got ${typeName(item)}`;
  for (const field of ['id', 'sellerId', 'title', 'description', 'category'] as const) {
    if (typeof item[field] !== 'string')
      return `item.${field} must be a string, got ${typeName(item[field])}`;
  }
  const { price, imageUrls, attributes } = item;
  if (!isRecord(price)) return `item.price must be a record, got ${typeName(price)}`;
  if (typeof price.amountMinor !== 'number')
    return `item.price.amountMinor must be a number, got ${typeName(price.amountMinor)}`;
  if (typeof price.currency !== 'string')
    return `item.price.currency must be a string, got ${typeName(price.currency)}`;
  if (!Array.isArray(imageUrls) || !imageUrls.every((url) => typeof url === 'string')) {
    return 'item.imageUrls must be an array of strings';
  }
  if (!isRecord(attributes) || !Object.values(attributes).every((value) => typeof value === 'string')) {
    return 'item.attributes must be a map of strings';
  }
  return undefined;
}
