/**
 * `eshop search`: the search engine's versioned indices.
 *   eshop search reindex <items|comments> [--keep-old]   rebuild from the topic, swap the alias
 *   eshop search indices                                 aliases → versioned indices, document counts
 */
import { InvalidArgumentError, type Command } from 'commander';
import {
  createSearchClient,
  describeSearchIndices,
  reindexFromTopic,
  searchFailure,
  searchTargets,
  type ReindexProgress,
  type SearchTarget,
} from '../../connectors/sinks/search/index.ts';
import { loadConfig } from '../../core/config/index.ts';
import { createLogger } from '../../core/log/index.ts';

function parseTarget(raw: string): SearchTarget {
  if ((searchTargets as readonly string[]).includes(raw)) return raw as SearchTarget;
  throw new InvalidArgumentError(`must be one of: ${searchTargets.join(', ')}`);
}

const number = new Intl.NumberFormat('en-US');

/** One progress line, e.g. `copy shop-items-v3: 12,000 records (30%), 5,120 records/s`. */
export function formatReindexProgress(p: ReindexProgress): string {
  return (
    `${p.phase} ${p.index}: ${number.format(p.done)} records (${Math.floor(100 * p.fraction)}%), ` +
    `${number.format(Math.round(p.ratePerSecond))} records/s`
  );
}

/**
 * Progress on stderr: one line rewritten in place on a terminal; otherwise a line every few
 * seconds and at each phase change, so logs of a CI job stay short.
 */
function progressPrinter(): { update(p: ReindexProgress): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  const everyMs = tty ? 200 : 5_000;
  let printedAt = 0;
  let phase: ReindexProgress['phase'] | undefined;
  let pending: string | undefined;
  const print = (line: string) => {
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else process.stderr.write(`${line}\n`);
    printedAt = Date.now();
    pending = undefined;
  };
  return {
    update(p) {
      const line = formatReindexProgress(p);
      if (p.phase !== phase) {
        // The last line of the phase before, then the new phase on a line of its own.
        if (pending) print(pending);
        if (tty && phase !== undefined) process.stderr.write('\n');
        phase = p.phase;
        print(line);
      } else if (Date.now() - printedAt >= everyMs) print(line);
      else pending = line;
    },
    end() {
      if (pending) print(pending);
      if (tty && printedAt > 0) process.stderr.write('\n');
    },
  };
}

export function registerSearchCommand(program: Command): void {
  const search = program
    .command('search')
    .description(
      'The search indices: versioned indices behind the aliases <prefix>-items and <prefix>-comments',
    );

  search
    .command('reindex')
    .description(
      'Rebuild an index from its topic into a new versioned index, swap the alias with no downtime, then drop the old index',
    )
    .argument('<target>', `what to rebuild: ${searchTargets.join(' or ')}`, parseTarget)
    .option('--keep-old', 'keep the previous index after the swap')
    .action(async function reindex(target: SearchTarget, options: { keepOld?: boolean }) {
      const config = loadConfig();
      const progress = progressPrinter();
      process.stderr.write(`reindex ${target}: reading the topic into a new index of ${config.search.url}\n`);
      let result;
      try {
        result = await reindexFromTopic(config, target, {
          keepOld: options.keepOld === true,
          onProgress: progress.update,
          // The progress line says what the info logs would; warnings and errors still show.
          log: createLogger('search-reindex', process.env.LOG_LEVEL ?? 'warn'),
        });
      } finally {
        progress.end();
      }
      const seconds = result.durationMs / 1000;
      console.log(
        `${result.alias} → ${result.index}: ${number.format(result.documents)} documents from ` +
          `${number.format(result.records)} records in ${seconds.toFixed(1)} s ` +
          `(${number.format(Math.round(result.records / Math.max(seconds, 0.001)))} records/s)`,
      );
      if (result.rejected > 0 || result.undecodable > 0) {
        console.log(
          `  ${result.rejected} records refused by the new index, ${result.undecodable} undecodable ` +
            '(the live sink dead-letters the same records)',
        );
      }
      if (result.previous.length === 0) console.log('  the alias did not exist before');
      else if (result.deleted.length > 0) console.log(`  deleted ${result.deleted.join(', ')}`);
      else console.log(`  kept ${result.previous.join(', ')} (no longer behind the alias)`);
    });

  search
    .command('indices')
    .description('List each alias with its versioned indices and their document counts')
    .action(async function indices() {
      const config = loadConfig();
      const client = createSearchClient(config);
      try {
        const described = await describeSearchIndices(client, config.search.indexPrefix).catch(
          (error: unknown) => {
            throw searchFailure(error, 'listing the indices', config.search.url);
          },
        );
        for (const { alias, indices: list } of described) {
          const live = list.filter((i) => i.aliased).map((i) => i.index);
          console.log(
            `${alias} → ${live.length > 0 ? live.join(', ') : '(no alias: the sink creates it at start)'}`,
          );
          for (const info of list) {
            const role = info.isWriteIndex
              ? 'write index'
              : info.aliased
                ? 'behind the alias'
                : 'not aliased';
            console.log(
              `  ${info.index.padEnd(40)} ${number.format(info.documents).padStart(12)} docs  ${role}`,
            );
          }
        }
      } finally {
        await client.close();
      }
    });
}
