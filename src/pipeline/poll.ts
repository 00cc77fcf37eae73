// Poll stage: fetch one feed with conditional GET, parse it, and turn its items into fetch
// jobs. Feed health (validators, error streak, backoff, recent publication times) lives in the
// store so every replica sees it. A failing feed backs off exponentially, capped, and is never
// dropped: the scheduler keeps ticking and this handler decides whether the feed is due.
// When the next poll is due is decided in feeds/schedule.ts.
// The validators of a 200 are recorded only once the items are queued (recordValidators, called
// by the glue): a poll that dies in between refetches in full next time, where recording them
// first would get a 304 and leave the items unqueued until the feed changes again.
import type { FetchPayload } from '../queues/payloads.js';
import { MAX_FEED_CONTENT_CHARS } from '../queues/payloads.js';
import type { FeedItem } from '../shared/types.js';
import type { FeedConfig } from '../shared/feed-list.js';
import type { FeedState } from '../feeds/state.js';
import type { Store } from '../storage/store.js';
import { PermanentError, errorMessage } from '../shared/errors.js';
import { contentHash, itemKey } from '../feeds/identity.js';
import type { ParsedFeed } from '../feeds/parse.js';
import { nextPollDelay, type FeedHints, type PollAnswer, type ScheduleSettings } from '../feeds/schedule.js';

export type FeedResponse =
  | {
      kind: 'ok';
      body: Buffer;
      contentType?: string;
      finalUrl: string;
      etag?: string;
      lastModified?: string;
      maxAgeSeconds?: number;
    }
  | { kind: 'not_modified'; maxAgeSeconds?: number }
  | { kind: 'error'; message: string; retryAfterMs?: number };

export interface PollDeps {
  store: Pick<Store, 'getFeedState' | 'putFeedState'>;
  getFeed(url: string, validators: { etag?: string; lastModified?: string }): Promise<FeedResponse>;
  parseFeed(body: Buffer, opts: { baseUrl: string; contentType?: string }): Promise<ParsedFeed>;
  now(): Date;
  /** Intervals, adaptive bounds and backoff cap: the `feeds` config slice (defaults live in its schema). */
  schedule: ScheduleSettings;
  /**
   * Where the skip rules and <ttl> of the last parsed document are kept, so a 304 (no body)
   * still honours them. Without it they apply only after a 200.
   */
  hints?: {
    get(feedId: string): Promise<FeedHints | undefined>;
    put(feedId: string, hints: FeedHints): Promise<void>;
  };
}

/** A WebSub hub the feed advertises, with the topic URL to subscribe to. */
export interface AdvertisedHub {
  hubUrl: string;
  topicUrl: string;
}

export type PollOutcome =
  | { status: 'not_due'; nextPollAt: string }
  | { status: 'not_modified' }
  | { status: 'ok'; jobs: FetchPayload[]; itemCount: number; hub?: AdvertisedHub; validators: Validators };

export interface Validators {
  etag?: string;
  lastModified?: string;
}

const RECENT_TIMES_KEPT = 50;

function emptyState(feedId: string): FeedState {
  return { feedId, errorStreak: 0, recentItemTimes: [] };
}

function truncate(s: string | undefined): string | undefined {
  return s === undefined ? undefined : s.slice(0, MAX_FEED_CONTENT_CHARS);
}

export function toFetchJob(feedId: string, item: FeedItem): FetchPayload {
  const key = itemKey(feedId, item);
  const hash = contentHash(item);
  return {
    correlationId: `${key.slice(0, 12)}-${hash.slice(0, 8)}`,
    feedId,
    itemKey: key,
    contentHash: hash,
    guid: item.guid,
    url: item.url,
    item: {
      title: item.title,
      authors: item.authors,
      publishedAt: item.publishedAt,
      updatedAt: item.updatedAt,
      summary: truncate(item.summary),
      contentHtml: truncate(item.contentHtml),
      contentText: truncate(item.contentText),
      withdrawn: item.withdrawn,
    },
  };
}

function mergeTimes(previous: string[], items: FeedItem[]): string[] {
  const all = new Set([...previous, ...items.map((i) => i.publishedAt).filter((t): t is string => !!t)]);
  return [...all].sort().reverse().slice(0, RECENT_TIMES_KEPT);
}

export async function pollFeed(
  deps: PollDeps,
  feed: FeedConfig,
  trigger: 'schedule' | 'push' | 'manual',
): Promise<PollOutcome> {
  const now = deps.now();
  const state = (await deps.store.getFeedState(feed.id)) ?? emptyState(feed.id);
  const hints = (await deps.hints?.get(feed.id)) ?? {};
  const nextPollAt = (answer: PollAnswer, recentItemTimes = state.recentItemTimes) =>
    new Date(
      now.getTime() + nextPollDelay(feed, { recentItemTimes }, answer, now, deps.schedule).delaySeconds * 1000,
    ).toISOString();

  // A scheduled tick during backoff or before a server-requested delay is a no-op; a push or an
  // operator's request always polls.
  if (trigger === 'schedule' && state.nextPollAt && Date.parse(state.nextPollAt) > now.getTime() + 1000) {
    return { status: 'not_due', nextPollAt: state.nextPollAt };
  }

  const polled: FeedState = { ...state, lastPolledAt: now.toISOString() };
  const fail = async (message: string, retryAfterMs?: number): Promise<never> => {
    const streak = state.errorStreak + 1;
    await deps.store.putFeedState({
      ...polled,
      errorStreak: streak,
      lastError: message,
      nextPollAt: nextPollAt({ kind: 'failed', errorStreak: streak, retryAfterMs, ...hints }),
    });
    throw new PermanentError(`poll: feed ${feed.id}: ${message}`, 'feed_failed');
  };

  let response: FeedResponse;
  try {
    response = await deps.getFeed(feed.url, { etag: state.etag, lastModified: state.lastModified });
  } catch (err) {
    return fail(errorMessage(err));
  }
  if (response.kind === 'error') return fail(response.message, response.retryAfterMs);

  if (response.kind === 'not_modified') {
    const next = nextPollAt({ kind: 'fresh', maxAgeSeconds: response.maxAgeSeconds, ...hints });
    await deps.store.putFeedState({
      ...polled,
      errorStreak: 0,
      lastSuccessAt: now.toISOString(),
      lastError: undefined,
      nextPollAt: next,
    });
    return { status: 'not_modified' };
  }

  let parsed: ParsedFeed;
  try {
    parsed = await deps.parseFeed(response.body, { baseUrl: response.finalUrl, contentType: response.contentType });
  } catch (err) {
    return fail(errorMessage(err));
  }
  const fresh: FeedHints = { ttlMinutes: parsed.ttlMinutes, skipHours: parsed.skipHours, skipDays: parsed.skipDays };
  await deps.hints?.put(feed.id, fresh);
  const recentItemTimes = mergeTimes(state.recentItemTimes, parsed.items);
  await deps.store.putFeedState({
    ...polled,
    errorStreak: 0,
    lastError: undefined,
    lastSuccessAt: now.toISOString(),
    nextPollAt: nextPollAt({ kind: 'fresh', maxAgeSeconds: response.maxAgeSeconds, ...fresh }, recentItemTimes),
    recentItemTimes,
  });
  const jobs = parsed.items
    .filter((i) => i.url || i.guid || i.contentHtml || i.contentText)
    .map((i) => toFetchJob(feed.id, i));
  // WebSub subscribes to the feed's self URL (the topic the hub knows), else the URL polled.
  const hub = parsed.hubUrl ? { hubUrl: parsed.hubUrl, topicUrl: parsed.selfUrl ?? feed.url } : undefined;
  const validators = { etag: response.etag, lastModified: response.lastModified };
  return { status: 'ok', jobs, itemCount: parsed.items.length, validators, ...(hub && { hub }) };
}

/** Once a 200's items are queued: the next poll may ask "changed since?" with these. */
export async function recordValidators(
  store: PollDeps['store'],
  feedId: string,
  validators: Validators,
): Promise<void> {
  const state = await store.getFeedState(feedId);
  if (state) await store.putFeedState({ ...state, etag: validators.etag, lastModified: validators.lastModified });
}
