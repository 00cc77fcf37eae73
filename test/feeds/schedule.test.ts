// When a feed is polled next: interval, adaptive rhythm, server hints, backoff and skip rules.
import { describe, expect, it } from 'vitest';
import {
  backoffSeconds,
  nextAllowedTime,
  nextPollDelay,
  tickSeconds,
  type ScheduleSettings,
} from '../../src/feeds/schedule.js';

const settings: ScheduleSettings = {
  defaultIntervalSeconds: 300,
  minIntervalSeconds: 60,
  maxIntervalSeconds: 3600,
  maxBackoffSeconds: 21_600,
};
const now = new Date('2026-01-05T12:00:00Z'); // a Monday
const noHistory = { recentItemTimes: [] as string[] };
/** Items every `gapSeconds`, newest first, ending at `now`. */
const every = (gapSeconds: number, n = 10) => ({
  recentItemTimes: Array.from({ length: n }, (_, i) => new Date(now.getTime() - i * gapSeconds * 1000).toISOString()),
});
const fresh = { kind: 'fresh' as const };

describe('a feed with a fixed interval', () => {
  it('is polled again after its own interval', () => {
    expect(nextPollDelay({ interval: 120 }, noHistory, fresh, now, settings)).toEqual({
      delaySeconds: 120,
      reason: 'interval',
      skipped: false,
    });
  });

  it('is polled after the default interval when it sets none', () => {
    expect(nextPollDelay({}, every(60), fresh, now, settings).delaySeconds).toBe(300);
  });

  it('ignores its publishing rhythm unless it is adaptive', () => {
    expect(nextPollDelay({ interval: 900 }, every(120), fresh, now, settings).delaySeconds).toBe(900);
  });
});

describe('an adaptive feed', () => {
  it('is polled at half its usual gap between items', () => {
    expect(nextPollDelay({ adaptive: true }, every(600), fresh, now, settings)).toEqual({
      delaySeconds: 300,
      reason: 'adaptive',
      skipped: false,
    });
  });

  it('is polled no more often than the minimum interval, however busy', () => {
    expect(nextPollDelay({ adaptive: true }, every(10), fresh, now, settings).delaySeconds).toBe(60);
  });

  it('is polled at least every maximum interval, however quiet', () => {
    expect(nextPollDelay({ adaptive: true }, every(86_400), fresh, now, settings).delaySeconds).toBe(3600);
  });

  it('uses its configured interval until it has enough history', () => {
    expect(nextPollDelay({ adaptive: true, interval: 900 }, every(60, 2), fresh, now, settings)).toEqual({
      delaySeconds: 900,
      reason: 'interval',
      skipped: false,
    });
  });

  it('follows the median gap, not one burst', () => {
    const times = [...every(600).recentItemTimes, new Date(now.getTime() - 6000_000).toISOString()];
    expect(nextPollDelay({ adaptive: true }, { recentItemTimes: times }, fresh, now, settings).delaySeconds).toBe(300);
  });

  it('has its scheduler tick at the minimum interval; a fixed feed at its interval', () => {
    expect(tickSeconds({ adaptive: true, interval: 900 }, settings)).toBe(60);
    expect(tickSeconds({ interval: 900 }, settings)).toBe(900);
    expect(tickSeconds({}, settings)).toBe(300);
  });
});

describe('server hints', () => {
  it('waits out a Cache-Control max-age longer than the interval', () => {
    expect(nextPollDelay({ interval: 60 }, noHistory, { kind: 'fresh', maxAgeSeconds: 600 }, now, settings)).toEqual({
      delaySeconds: 600,
      reason: 'cache_max_age',
      skipped: false,
    });
  });

  it('never polls sooner than the interval because of a short max-age', () => {
    expect(
      nextPollDelay({ interval: 300 }, noHistory, { kind: 'fresh', maxAgeSeconds: 10 }, now, settings).reason,
    ).toBe('interval');
  });

  it('honours the RSS <ttl> in minutes', () => {
    expect(
      nextPollDelay({ interval: 60 }, noHistory, { kind: 'fresh', ttlMinutes: 30, maxAgeSeconds: 60 }, now, settings),
    ).toEqual({ delaySeconds: 1800, reason: 'ttl', skipped: false });
  });

  it('caps a huge max-age or ttl at the longest backoff, so a feed is never dropped', () => {
    expect(nextPollDelay({}, noHistory, { kind: 'fresh', maxAgeSeconds: 31_536_000 }, now, settings).delaySeconds).toBe(
      21_600,
    );
    expect(nextPollDelay({}, noHistory, { kind: 'fresh', ttlMinutes: 100_000 }, now, settings).delaySeconds).toBe(
      21_600,
    );
  });
});

describe('after a failure', () => {
  it('backs off exponentially from the interval, capped, and never stops', () => {
    const delays = [1, 2, 3, 10, 40].map((streak) =>
      nextPollDelay({ interval: 60 }, noHistory, { kind: 'failed', errorStreak: streak }, now, settings),
    );
    expect(delays.map((d) => d.delaySeconds)).toEqual([120, 240, 480, 21_600, 21_600]);
    expect(delays.every((d) => d.reason === 'backoff')).toBe(true);
  });

  it('honours a Retry-After longer than the backoff (429 or 503)', () => {
    expect(
      nextPollDelay(
        { interval: 60 },
        noHistory,
        { kind: 'failed', errorStreak: 1, retryAfterMs: 900_000 },
        now,
        settings,
      ),
    ).toEqual({ delaySeconds: 900, reason: 'retry_after', skipped: false });
  });

  it('does not let a Retry-After of a year stop the feed', () => {
    expect(
      nextPollDelay(
        { interval: 60 },
        noHistory,
        { kind: 'failed', errorStreak: 1, retryAfterMs: 31_536_000_000 },
        now,
        settings,
      ).delaySeconds,
    ).toBe(21_600);
  });

  it('backs off from the adaptive interval of an adaptive feed', () => {
    expect(
      nextPollDelay({ adaptive: true }, every(600), { kind: 'failed', errorStreak: 1 }, now, settings).delaySeconds,
    ).toBe(600);
  });

  it('computes backoff as interval · 2^streak', () => {
    expect(backoffSeconds(0, 60, 1000)).toBe(60);
    expect(backoffSeconds(3, 60, 1000)).toBe(480);
    expect(backoffSeconds(1000, 60, 1000)).toBe(1000);
  });
});

describe('skipHours and skipDays (UTC)', () => {
  it('moves a poll that falls in a skipped hour to the start of the next allowed hour', () => {
    // 12:00 + 5 min = 12:05, in skipped hours 12 and 13 → 14:00.
    const next = nextPollDelay({}, noHistory, { kind: 'fresh', skipHours: [12, 13] }, now, settings);
    expect(next).toEqual({ delaySeconds: 2 * 3600, reason: 'interval', skipped: true });
  });

  it('leaves a poll outside the skipped hours alone', () => {
    expect(nextPollDelay({}, noHistory, { kind: 'fresh', skipHours: [0, 1, 2] }, now, settings)).toEqual({
      delaySeconds: 300,
      reason: 'interval',
      skipped: false,
    });
  });

  it('skips whole days, wrapping past midnight', () => {
    const saturdayEvening = new Date('2026-01-10T23:30:00Z');
    expect(nextAllowedTime(saturdayEvening, { skipDays: ['Saturday', 'Sunday'] }).toISOString()).toBe(
      '2026-01-12T00:00:00.000Z',
    );
    expect(
      nextAllowedTime(new Date('2026-01-11T05:00:00Z'), { skipDays: ['sunday'], skipHours: [0, 1] }).toISOString(),
    ).toBe('2026-01-12T02:00:00.000Z');
  });

  it('also applies after a failure', () => {
    const next = nextPollDelay(
      { interval: 60 },
      noHistory,
      { kind: 'failed', errorStreak: 1, skipHours: [12] },
      now,
      settings,
    );
    expect(next).toEqual({ delaySeconds: 3600, reason: 'backoff', skipped: true });
  });

  it('polls anyway when a feed skips every hour', () => {
    const all = Array.from({ length: 24 }, (_, h) => h);
    expect(nextPollDelay({}, noHistory, { kind: 'fresh', skipHours: all }, now, settings).delaySeconds).toBe(300);
  });
});
