/**
 * Where an archive file lives: `<topic>/<YYYY-MM-DD>/<HH>/<topic>-<partition>-<first offset>.avro`,
 * the date and hour (UTC) of the records it holds, the first offset zero-padded to 20 digits.
 *
 * The name depends only on the records (topic, partition, hour, first offset), never on when or by
 * whom the file was written: that is what makes a retried write overwrite the file a failed attempt
 * left behind instead of adding a second copy. Twenty digits hold any int64 offset, so names sort
 * by offset as plain strings.
 */

const HOUR_MS = 60 * 60 * 1000;
const OFFSET_DIGITS = 20;

export interface ArchiveObjectId {
  topic: string;
  partition: number;
  /** Start of the UTC hour of the file's records, epoch milliseconds. */
  hourStart: number;
  firstOffset: number;
}

/** The start of the UTC hour holding `timestamp` (epoch milliseconds). */
export function hourOf(timestamp: number): number {
  return Math.floor(timestamp / HOUR_MS) * HOUR_MS;
}

/** `<topic>/<YYYY-MM-DD>/<HH>/`: the folder of one topic's files of one hour. */
export function hourPrefix(topic: string, hourStart: number): string {
  const iso = new Date(hourStart).toISOString();
  return `${topic}/${iso.slice(0, 10)}/${iso.slice(11, 13)}/`;
}

/** `<topic>/<YYYY-MM-DD>/`: the folder of one topic's files of one day. */
export function datePrefix(topic: string, dayStart: number): string {
  return `${topic}/${new Date(dayStart).toISOString().slice(0, 10)}/`;
}

/**
 * @example
 * objectKey({ topic: 'shop.items', partition: 2, hourStart: Date.UTC(2026, 0, 5, 9), firstOffset: 1200 })
 * // 'shop.items/2026-01-05/09/shop.items-2-00000000000000001200.avro'
 */
export function objectKey(id: ArchiveObjectId): string {
  const offset = String(id.firstOffset).padStart(OFFSET_DIGITS, '0');
  return `${hourPrefix(id.topic, id.hourStart)}${id.topic}-${id.partition}-${offset}.avro`;
}

const KEY_PATTERN = /^(.+)\/(\d{4}-\d{2}-\d{2})\/(\d{2})\/(.+)-(\d+)-(\d{20})\.avro$/u;

/** The parts of an archive object key, or undefined for any other object in the bucket. */
export function parseObjectKey(key: string): ArchiveObjectId | undefined {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const [, topic = '', date, hour, fileTopic, partition, offset] = match;
  if (topic !== fileTopic) return undefined;
  const hourStart = Date.parse(`${date}T${hour}:00:00Z`);
  if (Number.isNaN(hourStart)) return undefined;
  return { topic, partition: Number(partition), hourStart, firstOffset: Number(offset) };
}

/** Start of every UTC hour that overlaps `[from, to)`, oldest first. */
export function hoursBetween(from: number, to: number): number[] {
  const hours: number[] = [];
  for (let hour = hourOf(from); hour < to; hour += HOUR_MS) hours.push(hour);
  return hours;
}
