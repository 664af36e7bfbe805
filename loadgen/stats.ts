/**
 * Figures about a stream of generated events: counts per topic and per action, the share of
 * searches that found nothing, click-through, conversion, how concentrated item views are, ratings.
 * The dry run prints them; the tests check the generator's distributions with them.
 */
import type { ActivityType } from '../schemas/types.generated.ts';
import { loadTopics, type GeneratedEvent, type LoadTopic } from './events.ts';

export interface StreamFigures {
  events: number;
  byTopic: Record<LoadTopic, number>;
  byActivity: Partial<Record<ActivityType, number>>;
  /** Share of searches with resultCount 0. */
  searchesWithoutResults: number;
  /** Clicks on search results per search that found something. */
  searchClickThrough: number;
  /** Sessions with a purchase per session seen. */
  sessionConversion: number;
  /** Share of item page views that went to the most viewed tenth of the catalogue. */
  topTenthViewShare: number;
  /** Reviews created, by star rating. */
  ratings: Record<number, number>;
  /** Event time of the first and last event, epoch ms. */
  firstTime: number;
  lastTime: number;
}

export class StreamStats {
  private events = 0;
  private readonly byTopic: Record<LoadTopic, number> = { sellers: 0, items: 0, comments: 0, activity: 0 };
  private readonly byActivity: Partial<Record<ActivityType, number>> = {};
  private searches = 0;
  private searchesWithoutResults = 0;
  private resultClicks = 0;
  private readonly itemViews = new Map<string, number>();
  private readonly sessions = new Set<string>();
  private readonly buyingSessions = new Set<string>();
  private readonly ratings: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  private firstTime = Number.POSITIVE_INFINITY;
  private lastTime = Number.NEGATIVE_INFINITY;

  /** @param catalogueSize items in the catalogue, for the share of views of its top tenth. */
  constructor(private readonly catalogueSize: number) {}

  add(event: GeneratedEvent): void {
    this.events += 1;
    this.byTopic[event.topic] += 1;
    this.firstTime = Math.min(this.firstTime, event.value.occurredAt);
    this.lastTime = Math.max(this.lastTime, event.value.occurredAt);
    if (event.topic === 'comments' && event.value.type === 'CREATED') {
      const { rating } = event.value.comment;
      this.ratings[rating] = (this.ratings[rating] ?? 0) + 1;
    }
    if (event.topic !== 'activity') return;
    const activity = event.value;
    this.byActivity[activity.type] = (this.byActivity[activity.type] ?? 0) + 1;
    this.sessions.add(activity.sessionId);
    if (activity.search) {
      this.searches += 1;
      if (activity.search.resultCount === 0) this.searchesWithoutResults += 1;
    }
    if (activity.click?.searchId) this.resultClicks += 1;
    if (activity.type === 'PAGE_VIEW' && activity.itemId) {
      this.itemViews.set(activity.itemId, (this.itemViews.get(activity.itemId) ?? 0) + 1);
    }
    if (activity.type === 'PURCHASE') this.buyingSessions.add(activity.sessionId);
  }

  figures(): StreamFigures {
    const views = [...this.itemViews.values()].sort((a, b) => b - a);
    const totalViews = views.reduce((sum, n) => sum + n, 0);
    const topTenth = Math.max(1, Math.ceil(this.catalogueSize / 10));
    const topViews = views.slice(0, topTenth).reduce((sum, n) => sum + n, 0);
    const found = this.searches - this.searchesWithoutResults;
    return {
      events: this.events,
      byTopic: { ...this.byTopic },
      byActivity: { ...this.byActivity },
      searchesWithoutResults: this.searches === 0 ? 0 : this.searchesWithoutResults / this.searches,
      searchClickThrough: found === 0 ? 0 : this.resultClicks / found,
      sessionConversion: this.sessions.size === 0 ? 0 : this.buyingSessions.size / this.sessions.size,
      topTenthViewShare: totalViews === 0 ? 0 : topViews / totalViews,
      ratings: { ...this.ratings },
      firstTime: this.firstTime,
      lastTime: this.lastTime,
    };
  }
}

/** The figures as lines for a terminal. */
export function describeFigures(figures: StreamFigures): string[] {
  const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const span = Math.max(0, figures.lastTime - figures.firstTime) / 1000;
  return [
    `events: ${figures.events} (${loadTopics.map((topic) => `${topic} ${figures.byTopic[topic]}`).join(', ')})`,
    `actions: ${Object.entries(figures.byActivity)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ')}`,
    `searches without results: ${percent(figures.searchesWithoutResults)}; ` +
      `clicks per successful search: ${figures.searchClickThrough.toFixed(2)}; ` +
      `sessions that bought: ${percent(figures.sessionConversion)}`,
    `item views on the most viewed 10% of items: ${percent(figures.topTenthViewShare)}`,
    `new reviews by stars: ${[1, 2, 3, 4, 5].map((stars) => `${stars}★ ${figures.ratings[stars] ?? 0}`).join(', ')}`,
    figures.events === 0
      ? 'event time: -'
      : `event time: ${new Date(figures.firstTime).toISOString()} … ${new Date(figures.lastTime).toISOString()} (${span.toFixed(1)} s)`,
  ];
}
