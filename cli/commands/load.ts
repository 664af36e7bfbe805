/**
 * `eshop load`: realistic shop traffic for the platform's input topics. The catalogue goes first
 * (sellers and items), then shopper actions, reviews and catalogue changes at `--rate` events per
 * second until `--duration` is over or Ctrl-C. `--dry-run` prints a sample and figures instead;
 * `--via-api` sends it all through the REST API instead of straight into Kafka.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../core/config/index.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import { EventProducer } from '../../core/events/producer.ts';
import { topics } from '../../schemas/topics.ts';
import {
  catalogueEventCount,
  defaultLoadOptions,
  describeFigures,
  formatApiSummary,
  formatProgress,
  formatSummary,
  generateEvents,
  loadTopics,
  optionProblem,
  producerSink,
  resolveLoadOptions,
  runLoad,
  runLoadViaApi,
  StreamStats,
  viaApiDefaults,
  type LoadOptions,
} from '../../loadgen/index.ts';

interface LoadFlags {
  seed: number;
  rate: number;
  duration: number;
  items: number;
  sellers: number;
  sessions: number;
  start: number | 'now';
  dryRun?: boolean;
  /** The API's URL, or true for the configured one. */
  viaApi?: string | true;
}

/** A commander parser for a numeric option, checked against the load generator's limits. */
function numberFlag(name: keyof LoadOptions): (raw: string) => number {
  return function parseNumber(raw) {
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    const problem = optionProblem(name, Number.isNaN(value) ? raw : value);
    if (problem !== undefined) throw new InvalidArgumentError(problem);
    return value;
  };
}

function parseStart(raw: string): number | 'now' {
  if (raw === 'now') return 'now';
  // Only full ISO 8601 timestamps: Date.parse accepts too much ("1", "May") to trust.
  const value = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/u.test(raw)
    ? Date.parse(raw)
    : Number.NaN;
  if (Number.isNaN(value)) {
    throw new InvalidArgumentError(`--start must be 'now' or an ISO 8601 time such as 2026-01-01T09:00:00Z`);
  }
  return value;
}

/** How many events a dry run looks at: what the real run would send, bounded. */
const DRY_RUN_STREAM_DEFAULT = 10_000;
const DRY_RUN_MAX = 2_000_000;
const SAMPLES_PER_KIND = 3;

function dryRun(options: LoadOptions): void {
  const planned =
    catalogueEventCount(options) +
    (options.durationSeconds > 0
      ? Math.round(options.rate * options.durationSeconds)
      : DRY_RUN_STREAM_DEFAULT);
  const total = Math.min(planned, DRY_RUN_MAX);
  const stats = new StreamStats(options.items);
  const shown = new Map<string, number>();
  const started = performance.now();
  let n = 0;
  for (const event of generateEvents(options)) {
    stats.add(event);
    const kind = `${event.topic}:${event.value.type}`;
    const count = shown.get(kind) ?? 0;
    if (count < SAMPLES_PER_KIND) {
      shown.set(kind, count + 1);
      console.log(JSON.stringify({ topic: topics[event.topic].name, key: event.key, value: event.value }));
    }
    if (++n >= total) break;
  }
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `load --dry-run: generated ${n} events in ${seconds.toFixed(2)} s (${Math.round(n / seconds)}/s), sent none`,
  );
  if (total < planned)
    console.error(`  (a real run would send about ${planned}; the dry run stops at ${DRY_RUN_MAX})`);
  for (const line of describeFigures(stats.figures())) console.error(`  ${line}`);
}

/** Ctrl-C (or SIGTERM) once stops after the work in flight; Ctrl-C twice quits at once. */
function interruptible(what: string): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const interrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    console.error(`load: stopping after the ${what} in flight (Ctrl-C again to quit at once)`);
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  // A supervisor (`eshop down`) stops the load with SIGTERM: the same clean stop.
  process.on('SIGTERM', interrupt);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    },
  };
}

async function send(options: LoadOptions): Promise<void> {
  const config = loadConfig();
  const producer = new EventProducer(config, 'loadgen');
  try {
    await producer.connect();
  } catch (error) {
    throw new PlatformError(
      ErrorCodes.SERVICE_UNAVAILABLE,
      `Kafka is not reachable at ${config.kafka.brokers.join(',')}: ${(error as Error).message}; ` +
        'start the stack with `npx eshop stack up kafka schema-registry`',
      { cause: error, retriable: true },
    );
  }
  const { signal, release } = interruptible('batches');
  console.error(
    `load: ${options.rate} events/s ${options.durationSeconds > 0 ? `for ${options.durationSeconds} s` : 'until Ctrl-C'} ` +
      `to ${loadTopics.map((topic) => topics[topic].name).join(', ')}; seed ${options.seed}, ` +
      `${options.items} items, ${options.sellers} sellers, ${options.sessions} sessions`,
  );
  try {
    const result = await runLoad({
      options,
      sink: producerSink(producer),
      signal,
      onProgress: (progress) => console.error(formatProgress(progress)),
    });
    for (const line of formatSummary(result, options)) console.error(line);
    if (result.stoppedBy === 'error') throw result.error;
  } finally {
    release();
    await producer.disconnect();
  }
}

async function sendViaApi(options: LoadOptions, url: string): Promise<void> {
  const { signal, release } = interruptible('calls');
  console.error(
    `load: ${options.rate} events/s ${options.durationSeconds > 0 ? `for ${options.durationSeconds} s` : 'until stopped'} ` +
      `through the API at ${url}; seed ${options.seed}, ${options.items} items, ${options.sellers} sellers, ` +
      `${options.sessions} sessions`,
  );
  try {
    const run = await runLoadViaApi({
      url,
      options,
      signal,
      onProgress: (lines) => lines.forEach((line) => console.error(line)),
      log: (line) => console.error(line),
    });
    for (const line of formatSummary(run.result, options)) console.error(line);
    for (const line of formatApiSummary(run.figures)) console.error(line);
    const m = run.mapped;
    console.error(
      `  the API holds ${m.sellers} seller pages, ${m.items} items, ${m.reviews} reviews of this run ` +
        `(accounts: ${m.sellerAccounts} sellers, ${m.shopperAccounts} shoppers; e-mails tagged ${run.runTag})`,
    );
    for (const [generated, apiId] of run.sampleItems) {
      console.error(`  item ${generated} is ${url}/v1/items/${apiId}`);
    }
    if (run.result.stoppedBy === 'error') throw run.result.error;
  } finally {
    release();
  }
}

export function registerLoadCommand(program: Command): void {
  const defaults = defaultLoadOptions;
  program
    .command('load')
    .description(
      'Generate realistic shop traffic (catalogue, shopper sessions, searches, carts, purchases, reviews, ' +
        'catalogue changes) and send it to the input topics at a steady rate',
    )
    .option(
      '--seed <n>',
      'seed of every random choice: the same seed and options give the same events',
      numberFlag('seed'),
      defaults.seed,
    )
    .option(
      '--rate <events/s>',
      'events per second to send (and the pace of the event clock)',
      numberFlag('rate'),
      defaults.rate,
    )
    .option(
      '--duration <seconds>',
      'how long to send; 0 sends until Ctrl-C',
      numberFlag('durationSeconds'),
      defaults.durationSeconds,
    )
    .option('--items <n>', 'items in the catalogue', numberFlag('items'), defaults.items)
    .option('--sellers <n>', 'sellers in the catalogue', numberFlag('sellers'), defaults.sellers)
    .option(
      '--sessions <n>',
      'shopper sessions browsing at the same time',
      numberFlag('sessions'),
      defaults.sessions,
    )
    .option('--start <time>', "event time of the first event: 'now' or an ISO 8601 time", parseStart, 'now')
    .option(
      '--dry-run',
      'print a sample of the generated events as JSON lines and figures about them; send nothing',
    )
    .option(
      '--via-api [url]',
      'send through the REST API at url (default: API_PUBLIC_URL) as its users would: sellers register and ' +
        'list items, shoppers review, actions go as beacons; defaults then --rate ' +
        `${viaApiDefaults.rate} --items ${viaApiDefaults.items} --sellers ${viaApiDefaults.sellers} --sessions ${viaApiDefaults.sessions}`,
    )
    .addHelpText(
      'after',
      '\nEvents are keyed by entity id (the session id for activity) and timestamped with their event time.\n' +
        'Ctrl-C stops after the batches in flight and prints the summary.',
    )
    .action(async function load(flags: LoadFlags, command: Command) {
      if (flags.viaApi !== undefined) {
        // The lighter defaults of a run through the API, where a flag was not given.
        for (const name of ['rate', 'items', 'sellers', 'sessions'] as const) {
          if (command.getOptionValueSource(name) === 'default') flags[name] = viaApiDefaults[name];
        }
      }
      const options = resolveLoadOptions({
        seed: flags.seed,
        rate: flags.rate,
        durationSeconds: flags.duration,
        items: flags.items,
        sellers: flags.sellers,
        sessions: flags.sessions,
        // Read once: from here on, event time comes from the simulated clock.
        startTime: flags.start === 'now' ? Date.now() : flags.start,
      });
      if (flags.dryRun) dryRun(options);
      else if (flags.viaApi !== undefined) {
        await sendViaApi(options, flags.viaApi === true ? loadConfig().api.publicUrl : flags.viaApi);
      } else await send(options);
    });
}
