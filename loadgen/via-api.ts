/**
 * A load run through the REST API (`eshop load --via-api <url>`): the same generated shop as a
 * run into Kafka, but every seller, item, review and shopper action goes through the API, as a
 * storefront's users would send it. Lighter by default: every seller and reviewer is an account
 * the API hashes a password for, and every event is an HTTP call.
 *
 * @example
 * const run = await runLoadViaApi({ url: 'http://127.0.0.1:8080', options: { durationSeconds: 30 } });
 * run.figures.ok; // calls the API answered 2xx
 */
import { randomBytes } from 'node:crypto';
import { ErrorCodes, PlatformError } from '../core/errors/index.ts';
import { httpApiClient, type ApiClient } from './api-client.ts';
import { formatApiFigures, type ApiFigures } from './api-figures.ts';
import { ApiSink } from './api-sink.ts';
import { catalogueFor } from './generator.ts';
import { resolveLoadOptions, type LoadOptions } from './options.ts';
import { formatProgress } from './progress.ts';
import { runLoad, type LoadResult } from './runner.ts';

/**
 * Defaults of a run through the API where they differ from a run into Kafka: about 20 events/s
 * (a handful of calls per second; beacons carry most events) over a smaller shop, so the platform
 * started by `eshop up` stays light on a laptop.
 */
export const viaApiDefaults = { rate: 20, items: 200, sellers: 20, sessions: 20 } as const;

export interface ViaApiRun {
  /** The API's base URL, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly options?: Partial<LoadOptions>;
  readonly signal?: AbortSignal;
  /** Progress lines, every `progressIntervalMs`. */
  readonly onProgress?: (lines: string[]) => void;
  readonly progressIntervalMs?: number;
  /** Failed calls, sampled (see api-figures.ts). */
  readonly log?: (line: string) => void;
  /** Tags the accounts' e-mail addresses; random by default. */
  readonly runTag?: string;
  /** Defaults to HTTP to `url`. */
  readonly client?: ApiClient;
  /** Entities worked on at once within a batch. Default 4. */
  readonly concurrency?: number;
}

export interface ViaApiResult {
  readonly result: LoadResult;
  readonly figures: ApiFigures;
  readonly runTag: string;
  /** What the API holds of the run's entities. */
  readonly mapped: {
    sellers: number;
    items: number;
    reviews: number;
    sellerAccounts: number;
    shopperAccounts: number;
  };
  /** A few generated item ids with the API's ids, for trying the API by hand. */
  readonly sampleItems: [string, string][];
}

/** Fails at once, with what to do, when nothing answers at `url`. */
export async function checkApiReachable(url: string, client: ApiClient): Promise<void> {
  const answer = await client.call({ method: 'GET', path: '/health/live' });
  if (answer.status === 200) return;
  throw new PlatformError(
    ErrorCodes.SERVICE_UNAVAILABLE,
    `the API does not answer at ${url} (${answer.status === 0 ? (answer.error ?? 'no answer') : `GET /health/live → ${answer.status}`}); ` +
      'start it with `npx eshop run api` (or the whole platform with `npm start`)',
    { retriable: true },
  );
}

export async function runLoadViaApi(run: ViaApiRun): Promise<ViaApiResult> {
  const options = resolveLoadOptions(run.options);
  const client = run.client ?? httpApiClient(run.url);
  await checkApiReachable(run.url, client);
  const runTag = run.runTag ?? randomBytes(3).toString('hex');
  const sink = new ApiSink({
    client,
    catalogue: catalogueFor(options),
    runTag,
    log: run.log,
    concurrency: run.concurrency,
  });
  const result = await runLoad({
    options,
    sink,
    signal: run.signal,
    progressIntervalMs: run.progressIntervalMs,
    onProgress: (progress) =>
      run.onProgress?.([formatProgress(progress), formatApiFigures(sink.figures.snapshot())]),
  });
  const accounts = sink.accounts.registered;
  return {
    result,
    figures: sink.figures.snapshot(),
    runTag,
    mapped: {
      sellers: sink.ids.sellers.size,
      items: sink.ids.items.size,
      reviews: sink.ids.reviews.size,
      sellerAccounts: accounts.sellers,
      shopperAccounts: accounts.shoppers,
    },
    sampleItems: sink.ids.items.sample(3),
  };
}
