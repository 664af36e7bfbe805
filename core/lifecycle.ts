/**
 * How every long-running platform process lives: start, log where its metrics are, then on SIGTERM
 * or SIGINT stop cleanly (finish or abandon the batch in flight, leave the consumer group, close
 * clients) and exit 0 - so a rolling restart hands partitions over without waiting for a session
 * timeout. A failed stop exits 1.
 */
import type { Logger } from './log/index.ts';

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * @example
 * const runner = new SinkRunner(sink, config, { serveMetrics: true });
 * await runner.start();
 * exitOnSignal(runner, log, stopTracing);
 */
export function exitOnSignal(
  service: Stoppable,
  log: Logger,
  afterStop: () => Promise<void> = async () => {},
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    service
      .stop()
      .then(afterStop)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
