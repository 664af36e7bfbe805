/** `eshop run <processor>`: run one stream processor until SIGTERM or Ctrl-C. */
import type { Command } from 'commander';
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

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run a stream processor: normalise-items, enrich-items, score-comments, enrich-activity')
    .argument('<processor>', 'which processor')
    .action(async function run(name: string) {
      const config = loadConfig();
      const processors = processorsFrom(config);
      const processor = processors[name];
      if (!processor) {
        throw new PlatformError(
          ErrorCodes.NOT_FOUND,
          `unknown processor "${name}"; there are: ${Object.keys(processors).join(', ')}`,
        );
      }
      await runUntilSignalled(processor, config);
    });
}
