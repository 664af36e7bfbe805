/** The sink runtime: the Sink contract and the runner that holds every sink to it. */
export { allWritten } from './sink.ts';
export type { BatchLimits, Rejection, Sink, SinkRecord, WriteOutcome } from './sink.ts';
export { SinkRunner, nextOffsets } from './sink-runner.ts';
export type { CommittedOffset, SinkRunnerOptions } from './sink-runner.ts';
export { SinkMetrics } from './metrics.ts';
export { runSink } from './run-sink.ts';
