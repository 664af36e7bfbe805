/**
 * `eshop archive list | replay`: the S3 archive of the raw topics.
 *
 *   eshop archive list shop.items --from 2026-01-05 --to 2026-01-06
 *   eshop archive replay items --from 2026-01-05T09:00Z --to 2026-01-05T12:00Z --to-topic shop.items.replayed
 *
 * A topic is named by its Kafka name (`shop.items`) or its key in schemas/topics.ts (`items`).
 * Times are UTC unless they carry an offset; a range is [from, to).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../core/config/index.ts';
import {
  createS3Client,
  listArchiveObjects,
  replayArchive,
  statArchiveObject,
  type ReplayProgress,
} from '../../connectors/sinks/archive/index.ts';
import { topics, type TopicKey } from '../../schemas/topics.ts';
import { renderTable } from '../../stack/status-table.ts';

/** ISO 8601 dates or times only: Date.parse alone accepts too much ("1", "May") to trust. */
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2})(:\d{2}(?::\d{2}(?:\.\d+)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/u;

/** A date or time; without an offset it is UTC, like the archive's folders. */
export function parseTime(raw: string): Date {
  const match = ISO_TIME.exec(raw.trim());
  const [, date, hour = '00', rest = ':00', offset = 'Z'] = match ?? [];
  const time = match
    ? Date.parse(`${date}T${hour}${rest}${offset.replace(/^([+-]\d{2})(\d{2})$/u, '$1:$2')}`)
    : Number.NaN;
  if (Number.isNaN(time)) {
    throw new InvalidArgumentError(
      'expected an ISO 8601 date or time such as 2026-01-05 or 2026-01-05T09:00Z',
    );
  }
  return new Date(time);
}

function topicName(raw: string): string {
  return raw in topics ? topics[raw as TopicKey].name : raw;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function formatProgress(p: ReplayProgress): string {
  return (
    `replay: ${p.objects}/${p.objectsTotal} files, ${p.records} records` +
    `${p.duplicates > 0 ? ` (${p.duplicates} duplicates dropped)` : ''}, ` +
    `${Math.round(p.recordsPerSecond)} records/s, ${(p.elapsedMs / 1000).toFixed(1)} s`
  );
}

interface RangeFlags {
  from?: Date;
  to?: Date;
}

export function registerArchiveCommand(program: Command): void {
  const archive = program
    .command('archive')
    .description('The S3 archive of the raw topics: list its files, replay a time range into a topic');

  archive
    .command('list')
    .description('List the archive files of a topic (record counts, sizes, offsets), oldest hour first')
    .argument('<topic>', 'topic name (shop.items) or key (items)')
    .option('--from <time>', 'first hour to list (ISO 8601, UTC); default: the beginning', parseTime)
    .option('--to <time>', 'end of the range, exclusive (ISO 8601, UTC); default: now', parseTime)
    .action(async function list(rawTopic: string, flags: RangeFlags) {
      const config = loadConfig();
      const client = createS3Client(config);
      const topic = topicName(rawTopic);
      const objects = await listArchiveObjects(client, config.archive.bucket, topic, {
        from: flags.from?.getTime() ?? 0,
        to: flags.to?.getTime() ?? Date.now(),
      });
      objects.sort(
        (a, b) => a.hourStart - b.hourStart || a.partition - b.partition || a.firstOffset - b.firstOffset,
      );
      let records = 0;
      let bytes = 0;
      const rows: string[][] = [];
      for (const object of objects) {
        const info = await statArchiveObject(client, config.archive.bucket, object.key);
        records += info.records;
        bytes += object.size;
        rows.push([
          object.key,
          String(object.partition),
          `${info.firstOffset}..${info.lastOffset}`,
          String(info.records),
          formatBytes(object.size),
          info.schema,
        ]);
      }
      console.log(renderTable(['OBJECT', 'PARTITION', 'OFFSETS', 'RECORDS', 'SIZE', 'SCHEMA'], rows));
      console.log(
        `${objects.length} files, ${records} records, ${formatBytes(bytes)} in s3://${config.archive.bucket}/${topic}/`,
      );
    });

  archive
    .command('replay')
    .description('Produce the archived records of a time range to a topic (the same one by default)')
    .argument('<topic>', 'archived topic name (shop.items) or key (items)')
    .requiredOption('--from <time>', 'start of the range, inclusive (ISO 8601, UTC)', parseTime)
    .requiredOption('--to <time>', 'end of the range, exclusive (ISO 8601, UTC)', parseTime)
    .option(
      '--to-topic <name>',
      'topic to produce to (its value schema must be registered); default: <topic>',
    )
    .addHelpText(
      'after',
      '\nRecords keep their key, headers, timestamp and partition; values are re-encoded with the schema\n' +
        'registered for the target topic. Progress goes to stderr, the summary to stdout.',
    )
    .action(async function replay(rawTopic: string, flags: { from: Date; to: Date; toTopic?: string }) {
      const config = loadConfig();
      const topic = topicName(rawTopic);
      const target = flags.toTopic === undefined ? topic : topicName(flags.toTopic);
      const interactive = process.stderr.isTTY;
      const result = await replayArchive(config, {
        topic,
        from: flags.from,
        to: flags.to,
        targetTopic: target,
        onProgress: (progress) => {
          if (interactive) process.stderr.write(`\r${formatProgress(progress)}\u001b[K`);
          else console.error(formatProgress(progress));
        },
      });
      if (interactive) process.stderr.write('\n');
      console.log(
        `replayed ${result.records} records from ${result.objects} archive files of ${topic} ` +
          `[${flags.from.toISOString()}, ${flags.to.toISOString()}) to ${target} ` +
          `in ${(result.elapsedMs / 1000).toFixed(1)} s` +
          (result.duplicates > 0 ? `; ${result.duplicates} duplicate records dropped` : ''),
      );
    });
}
