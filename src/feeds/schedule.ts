// When to poll a feed next, from what it told us and how it has been publishing. Pure: the poll
// handler passes the feed's config, its recorded state, what the last poll got and the clock.
//
//   interval      the feed's `interval`, else feeds.defaultIntervalSeconds
//   adaptive      (`adaptive: true`) half the median gap between recent items, so a feed that
//                 publishes every 10 minutes is seen within ~5; clamped to [min, max]
//   server hints  Cache-Control max-age, RSS <ttl> and Retry-After lengthen the wait (never
//                 shorten it), capped at maxBackoffSeconds so a bogus hint cannot stop a feed
//   failures      interval · 2^streak, capped at maxBackoffSeconds, never stops
//   skip rules    RSS <skipHours>/<skipDays> (UTC) move the poll to the next allowed hour
import type { FeedState } from './state.js';
import { medianGapSeconds } from './health.js';

export interface ScheduleSettings {
  /** Interval of a feed that sets none, seconds. */
  defaultIntervalSeconds: number;
  /** Bounds of the adaptive interval, seconds. */
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  /** Longest wait after failures, and for any server-requested delay, seconds. */
  maxBackoffSeconds: number;
}

/** The per-feed keys of the feed list that bear on scheduling. */
export interface FeedSchedule {
  interval?: number;
  adaptive?: boolean;
}

/** Skip rules and cache lifetime a feed document announces (RSS 2.0). */
export interface FeedHints {
  ttlMinutes?: number;
  /** Hours 0-23, UTC. */
  skipHours?: number[];
  /** English day names, e.g. "Saturday". */
  skipDays?: string[];
  /**
   * How far the poll stage got through a document with more items than one poll queues
   * (feeds.maxItemsPerPoll): the next poll of the same document goes on from there.
   */
  backlog?: { documentHash: string; taken: number };
}

export type PollAnswer =
  | ({ kind: 'fresh'; maxAgeSeconds?: number } & FeedHints)
  | ({ kind: 'failed'; errorStreak: number; retryAfterMs?: number } & FeedHints);

export type NextPollReason = 'interval' | 'adaptive' | 'cache_max_age' | 'ttl' | 'retry_after' | 'backoff';

export interface NextPoll {
  delaySeconds: number;
  /** What decided the delay, before skip rules. */
  reason: NextPollReason;
  /** True when skipHours/skipDays pushed the poll later. */
  skipped: boolean;
}

/**
 * The feed's own interval: fixed, or learned from its publishing rhythm (`learned` is true once
 * an adaptive feed has enough history to follow).
 */
export function baseInterval(
  feed: FeedSchedule,
  state: Pick<FeedState, 'recentItemTimes'>,
  s: ScheduleSettings,
): { seconds: number; learned: boolean } {
  const fixed = feed.interval ?? s.defaultIntervalSeconds;
  if (!feed.adaptive) return { seconds: fixed, learned: false };
  const gap = medianGapSeconds(state.recentItemTimes);
  // Until there is enough history the configured interval stands in.
  const wanted = gap === undefined ? fixed : gap / 2;
  return {
    seconds: Math.round(Math.min(s.maxIntervalSeconds, Math.max(s.minIntervalSeconds, wanted))),
    learned: gap !== undefined,
  };
}

/** How often the scheduler should tick for this feed: the shortest interval it may get. */
export function tickSeconds(
  feed: FeedSchedule,
  s: Pick<ScheduleSettings, 'defaultIntervalSeconds' | 'minIntervalSeconds'>,
): number {
  return feed.adaptive ? s.minIntervalSeconds : (feed.interval ?? s.defaultIntervalSeconds);
}

/** Exponential backoff after `streak` consecutive failures: interval · 2^streak, capped. */
export function backoffSeconds(streak: number, intervalSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, intervalSeconds * 2 ** Math.min(streak, 20));
}

export function nextPollDelay(
  feed: FeedSchedule,
  state: Pick<FeedState, 'recentItemTimes'>,
  answer: PollAnswer,
  now: Date,
  s: ScheduleSettings,
): NextPoll {
  const base = baseInterval(feed, state, s);
  const cap = (seconds: number) => Math.min(seconds, Math.max(s.maxBackoffSeconds, base.seconds));
  const candidates: Array<[number, NextPollReason]> = [[base.seconds, base.learned ? 'adaptive' : 'interval']];
  if (answer.kind === 'failed') {
    candidates.push([backoffSeconds(answer.errorStreak, base.seconds, s.maxBackoffSeconds), 'backoff']);
    if (answer.retryAfterMs !== undefined) candidates.push([cap(Math.ceil(answer.retryAfterMs / 1000)), 'retry_after']);
  } else if (answer.maxAgeSeconds !== undefined) {
    candidates.push([cap(answer.maxAgeSeconds), 'cache_max_age']);
  }
  if (answer.ttlMinutes !== undefined) candidates.push([cap(answer.ttlMinutes * 60), 'ttl']);
  // The longest wait wins; on a tie the earlier (more basic) reason is named.
  const [delaySeconds, reason] = candidates.reduce((best, c) => (c[0] > best[0] ? c : best));
  const allowedAt = nextAllowedTime(new Date(now.getTime() + delaySeconds * 1000), answer);
  const delay = Math.round((allowedAt.getTime() - now.getTime()) / 1000);
  return { delaySeconds: delay, reason, skipped: delay !== delaySeconds };
}

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** `at`, or the start of the first later UTC hour that neither skipHours nor skipDays excludes. */
export function nextAllowedTime(at: Date, hints: FeedHints): Date {
  const hours = new Set(hints.skipHours ?? []);
  const days = new Set((hints.skipDays ?? []).map((d) => d.trim().toLowerCase()));
  const skipped = (t: Date) => hours.has(t.getUTCHours()) || days.has(DAYS[t.getUTCDay()]);
  if (!skipped(at)) return at;
  const t = new Date(at);
  t.setUTCMinutes(0, 0, 0);
  // A week of hours covers every combination; a feed that skips them all is polled anyway.
  for (let i = 0; i < 7 * 24; i += 1) {
    t.setUTCHours(t.getUTCHours() + 1);
    if (!skipped(t)) return t;
  }
  return at;
}
