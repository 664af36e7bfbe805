/**
 * What a load run prints on the terminal: a line every couple of seconds while it runs, and a
 * summary at the end.
 */
import { loadTopics } from './events.ts';
import type { LoadOptions } from './options.ts';
import type { LoadProgress, LoadResult } from './runner.ts';

const count = new Intl.NumberFormat('en-US');

function perTopic(progress: LoadProgress): string {
  return loadTopics.map((topic) => `${topic} ${count.format(progress.sent[topic])}`).join(', ');
}

function clockTime(epochMs: number): string {
  return epochMs > 0 ? new Date(epochMs).toISOString().replace('T', ' ').slice(0, 19) : '-';
}

/**
 * One progress line.
 *
 * @example
 * formatProgress(progress);
 * // 'load 12.0s  sent 2,431 (sellers 50, items 500, comments 43, activity 1,838)  201/s  event time 2026-01-01 00:00:12'
 */
export function formatProgress(progress: LoadProgress): string {
  const phase = progress.loadingCatalogue ? '  loading the catalogue' : '';
  return (
    `load ${(progress.elapsedMs / 1000).toFixed(1)}s  sent ${count.format(progress.total)} (${perTopic(progress)})  ` +
    `${Math.round(progress.recentRate)}/s  event time ${clockTime(progress.eventTime)}${phase}`
  );
}

const reasons: Record<LoadResult['stoppedBy'], string> = {
  duration: 'the duration is over',
  signal: 'interrupted',
  error: 'sending failed',
};

/** The summary printed when a run ends. */
export function formatSummary(result: LoadResult, options: LoadOptions): string[] {
  const seconds = result.elapsedMs / 1000;
  return [
    `load: stopped after ${seconds.toFixed(1)} s (${reasons[result.stoppedBy]})`,
    `  sent ${count.format(result.total)} events: ${perTopic(result)}`,
    `  rate: ${Math.round(seconds > 0 ? result.total / seconds : 0)} events/s overall, ` +
      `${Math.round(result.streamRate)} events/s after the catalogue (asked for ${options.rate})`,
    `  seed ${options.seed}, ${options.items} items, ${options.sellers} sellers, ${options.sessions} sessions; ` +
      `last event time ${clockTime(result.eventTime)}`,
  ];
}
