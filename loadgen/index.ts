/**
 * The load generator: a seeded, realistic stream of catalogue changes, reviews and shopper actions
 * for the platform's four input topics, and a runner that sends it at a given rate.
 *
 * @example
 * // Pure: the same events for the same options, no Kafka needed.
 * for (const event of generateEvents({ seed: 42, items: 500 })) { … }
 *
 * // Against Kafka:
 * const producer = new EventProducer(loadConfig(), 'loadgen');
 * await producer.connect();
 * const result = await runLoad({ options: { rate: 500, durationSeconds: 5 }, sink: producerSink(producer) });
 */
export { loadTopics, type GeneratedEvent, type LoadTopic } from './events.ts';
export { catalogueEventCount, catalogueFor, generateEvents } from './generator.ts';
export {
  defaultLoadOptions,
  optionLimits,
  optionProblem,
  resolveLoadOptions,
  type GenerateOptions,
  type LoadOptions,
} from './options.ts';
export { producerSink } from './producer-sink.ts';
export { formatProgress, formatSummary } from './progress.ts';
export {
  batchByTopic,
  runLoad,
  systemClock,
  type EventSink,
  type LoadProgress,
  type LoadResult,
  type RunLoadOptions,
  type SinkRecord,
  type TopicBatch,
  type WallClock,
} from './runner.ts';
export { describeFigures, StreamStats, type StreamFigures } from './stats.ts';
export { httpApiClient, type ApiAnswer, type ApiCall, type ApiClient } from './api-client.ts';
export { formatApiFigures, formatApiSummary, type ApiFigures } from './api-figures.ts';
export { ApiSink, type ApiSinkOptions } from './api-sink.ts';
export {
  checkApiReachable,
  runLoadViaApi,
  viaApiDefaults,
  type ViaApiResult,
  type ViaApiRun,
} from './via-api.ts';
