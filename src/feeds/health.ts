// Feed health from its recorded state: ok, backing_off, failing or stale. Stale is judged
// against the feed's own rhythm (the median gap between its recent items), not a fixed idle
// time: a wire feed quiet for an hour is stale, a weekly blog is not.
import type { FeedState } from './state.js';

export type FeedHealthState = 'ok' | 'backing_off' | 'failing' | 'stale' | 'new';

export interface FeedHealth {
  state: FeedHealthState;
  lastSuccessAt?: string;
  lastPolledAt?: string;
  lastError?: string;
  errorStreak: number;
  itemsLast24h: number;
  nextPollAt?: string;
  /** Median gap between recent items, seconds; undefined until enough history. */
  usualGapSeconds?: number;
}

/** Failures in a row before a feed reads as failing rather than backing off. */
export const FAILING_STREAK = 3;
/** Quiet for this many usual gaps means stale. */
export const STALE_GAPS = 4;
const MIN_HISTORY = 4;
const MIN_STALE_SECONDS = 3600;

/** Median gap between the recent items (newest first), seconds; undefined until enough history. */
export function medianGapSeconds(timesNewestFirst: string[]): number | undefined {
  if (timesNewestFirst.length < MIN_HISTORY) return undefined;
  const ms = timesNewestFirst.map((t) => Date.parse(t)).filter(Number.isFinite);
  const gaps = ms
    .slice(1)
    .map((t, i) => (ms[i] - t) / 1000)
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  if (gaps.length === 0) return undefined;
  return gaps[Math.floor(gaps.length / 2)];
}

export function feedHealth(state: FeedState | undefined, now: Date): FeedHealth {
  if (!state) return { state: 'new', errorStreak: 0, itemsLast24h: 0 };
  const dayAgo = now.getTime() - 86_400_000;
  const itemsLast24h = state.recentItemTimes.filter((t) => Date.parse(t) >= dayAgo).length;
  const usualGapSeconds = medianGapSeconds(state.recentItemTimes);
  const base = {
    lastSuccessAt: state.lastSuccessAt,
    lastPolledAt: state.lastPolledAt,
    lastError: state.lastError,
    errorStreak: state.errorStreak,
    itemsLast24h,
    nextPollAt: state.nextPollAt,
    usualGapSeconds,
  };
  if (state.errorStreak >= FAILING_STREAK) return { state: 'failing', ...base };
  if (state.errorStreak > 0) return { state: 'backing_off', ...base };
  const newest = state.recentItemTimes[0] ? Date.parse(state.recentItemTimes[0]) : undefined;
  if (usualGapSeconds !== undefined && newest !== undefined) {
    const quietSeconds = (now.getTime() - newest) / 1000;
    if (quietSeconds > Math.max(STALE_GAPS * usualGapSeconds, MIN_STALE_SECONDS)) return { state: 'stale', ...base };
  }
  return { state: 'ok', ...base };
}
