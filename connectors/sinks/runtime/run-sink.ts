/**
 * Running one sink as a long-lived process: start, serve /metrics, stop cleanly on SIGTERM or
 * SIGINT (write and commit what is buffered, leave the group), and exit non-zero when a batch is
 * lost to this process so the supervisor restarts it from the committed offsets.
 */
import type { PlatformConfig } from '../../../core/config/index.ts';
import { exitOnSignal } from '../../../core/lifecycle.ts';
import { createLogger } from '../../../core/log/index.ts';
import { startTracing } from '../../../core/telemetry/tracing.ts';
import type { Sink } from './sink.ts';
import { SinkRunner } from './sink-runner.ts';

export async function runSink(
  sink: Sink,
  config: Pick<PlatformConfig, 'kafka' | 'schemaRegistry' | 'sinks' | 'streams'>,
): Promise<SinkRunner> {
  const log = createLogger(sink.name);
  const stopTracing = startTracing(sink.name);
  const runner = new SinkRunner(sink, config, {
    log,
    serveMetrics: true,
    onFatal: () => {
      void stopTracing().finally(() => process.exit(1));
    },
  });
  exitOnSignal(runner, log, stopTracing);
  await runner.start();
  log.info({ metrics: `http://127.0.0.1:${runner.metricsPort}/metrics` }, 'running; SIGTERM or Ctrl-C stops');
  return runner;
}
