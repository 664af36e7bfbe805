/**
 * `eshop run <name>`: run one stream processor, sink or the outbox relay as a long-lived process
 * until SIGTERM or Ctrl-C. Start several processes of one name to scale it out (the consumer group
 * shares the partitions).
 */
import type { Command } from 'commander';
import { createArchiveSink } from '../../connectors/sinks/archive/index.ts';
import { createClickHouseSink } from '../../connectors/sinks/clickhouse/index.ts';
import { createRedisSink } from '../../connectors/sinks/redis/index.ts';
import { runSink } from '../../connectors/sinks/runtime/run-sink.ts';
import type { Sink } from '../../connectors/sinks/runtime/sink.ts';
import { createSearchSink } from '../../connectors/sinks/search/index.ts';
import { runApi } from '../../api/index.ts';
import { runOutboxRelay } from '../../connectors/outbox/index.ts';
import { loadConfig, type PlatformConfig } from '../../core/config/index.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import {
  createEnrichActivity,
  createEnrichItems,
  createNormaliseItems,
  scoreComments,
} from '../../streams/processors/index.ts';
import type { Processor } from '../../streams/runtime/processor.ts';
import { runUntilSignalled } from '../../streams/runtime/run-main.ts';

/** Every runnable processor, built from the configuration. */
export function processorsFrom(config: PlatformConfig): Record<string, Processor> {
  const normaliseItems = createNormaliseItems({
    ...(config.items.priceCapMinor === undefined ? {} : { priceCapMinor: config.items.priceCapMinor }),
    ...(config.items.currencies === undefined ? {} : { currencies: config.items.currencies }),
  });
  return {
    'normalise-items': normaliseItems as Processor,
    'enrich-items': createEnrichItems() as Processor,
    'score-comments': scoreComments as Processor,
    'enrich-activity': createEnrichActivity() as Processor,
  };
}

/** Every runnable sink, built (lazily: each opens clients) from the configuration. */
export function sinksFrom(config: PlatformConfig): Record<string, () => Sink> {
  return {
    'search-sink': () => createSearchSink(config) as Sink,
    'clickhouse-sink': () => createClickHouseSink(config),
    'redis-sink': () => createRedisSink(config),
    'archive-sink': () => createArchiveSink(config),
  };
}

export const OUTBOX_RELAY = 'outbox-relay';
export const API = 'api';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description(
      'Run a part of the platform until SIGTERM: api (the REST API); outbox-relay; the processors normalise-items, enrich-items, score-comments, enrich-activity; the sinks search-sink, clickhouse-sink, redis-sink, archive-sink',
    )
    .argument('<name>', 'api, outbox-relay, a processor or a sink')
    .action(async function run(name: string) {
      const config = loadConfig();
      if (name === OUTBOX_RELAY) return runOutboxRelay(config);
      if (name === API) return runApi(config);
      const processor = processorsFrom(config)[name];
      if (processor) return runUntilSignalled(processor, config);
      const sink = sinksFrom(config)[name];
      if (sink) return void (await runSink(sink(), config));
      throw new PlatformError(
        ErrorCodes.NOT_FOUND,
        `unknown name "${name}"; there are: ${[API, OUTBOX_RELAY, ...Object.keys(processorsFrom(config)), ...Object.keys(sinksFrom(config))].join(', ')}`,
      );
    });
}
