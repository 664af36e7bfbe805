/**
 * Running one processor as a long-lived process: start, then stop cleanly on SIGTERM or SIGINT
 * (finish or abort the transaction in flight, leave the consumer group, close producers), so a
 * rolling restart hands partitions over without a session timeout.
 */
import type { PlatformConfig } from '../../core/config/index.ts';
import { exitOnSignal } from '../../core/lifecycle.ts';
import { createLogger } from '../../core/log/index.ts';
import { startTracing } from '../../core/telemetry/tracing.ts';
import type { Processor } from './processor.ts';
import { StreamRunner } from './stream-runner.ts';

export async function runUntilSignalled(
  processor: Processor,
  config: Pick<PlatformConfig, 'kafka' | 'schemaRegistry' | 'streams'>,
): Promise<void> {
  const log = createLogger(processor.name);
  const stopTracing = startTracing(processor.name);
  const runner = new StreamRunner(processor, config, { log });
  exitOnSignal(runner, log, stopTracing);
  await runner.start();
  log.info({ metrics: `http://127.0.0.1:${runner.metricsPort}/metrics` }, 'running; SIGTERM or Ctrl-C stops');
}
