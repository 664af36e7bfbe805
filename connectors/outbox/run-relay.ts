/**
 * Running the outbox relay as a long-lived process (`eshop run outbox-relay`): serve /metrics,
 * publish until SIGTERM or SIGINT, then finish the batch in flight and close every connection,
 * so a rolling restart neither loses nor needlessly repeats a batch.
 *
 * @example
 * await runOutboxRelay(loadConfig()); // resolves once stopped by a signal
 */
import type { PlatformConfig } from '../../core/config/index.ts';
import { createLogger } from '../../core/log/index.ts';
import { serveMetrics } from '../../core/telemetry/metrics-server.ts';
import { startTracing } from '../../core/telemetry/tracing.ts';
import { OutboxRelay } from './relay.ts';
import { RELAY_NAME } from './row-message.ts';

export async function runOutboxRelay(
  config: Pick<PlatformConfig, 'kafka' | 'schemaRegistry' | 'postgres' | 'outbox' | 'streams'>,
): Promise<void> {
  const log = createLogger(RELAY_NAME);
  // Exports the publish spans over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const stopTracing = startTracing(RELAY_NAME);
  const relay = new OutboxRelay({ config, log });
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const signalled = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const metrics = await serveMetrics(
    relay.metrics.registry,
    config.streams.metricsPort,
    config.streams.metricsHost,
  );
  try {
    await relay.start();
    log.info({ metrics: `http://127.0.0.1:${metrics.port}/metrics` }, 'running; SIGTERM or Ctrl-C stops');
    log.info({ signal: await signalled }, 'stopping');
    await relay.stop();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await metrics.close();
    // Flushes the spans still batched for export.
    await stopTracing().catch((error: unknown) => log.warn({ err: error }, 'flushing spans failed'));
  }
}
