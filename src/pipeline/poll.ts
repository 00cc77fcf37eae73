// Poll stage: fetch one feed with conditional GET, parse it, and turn its items into fetch
// jobs. Feed health (validators, error streak, backoff, recent publication times) lives in the
// store so every replica sees it. A failing feed backs off exponentially, capped, and is never
// dropped: the scheduler keeps ticking and this handler decides whether the feed is due.
// When the next poll is due is decided in feeds/schedule.ts.
// One poll queues at most maxItemsPerPoll items; a longer document is refetched in full at the
// shortest interval and the next batch queued (hints.backlog says how far it got), until done.
// The validators of a 200 are recorded only once the items are queued (recordValidators, called
// by the glue): a poll that dies in between refetches in full next time, where recording them
// first would get a 304 and leave the items unqueued until the feed changes again.
import { createHash } from 'node:crypto';
import type { FetchPayload } from '../queues/payloads.js';
import { MAX_FEED_CONTENT_CHARS } from '../queues/payloads.js';
import type { FeedItem } from '../shared/types.js';
import type { FeedConfig } from '../shared/feed-list.js';
import type { FeedState } from '../feeds/state.js';
import type { Store } from '../storage/store.js';
import { PermanentError, errorMessage } from '../shared/errors.js';
import { contentHash, itemKey } from '../feeds/identity.js';
import { capFields, cutText, type Truncated } from '../shared/field-limits.js';
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
  /** Items queued per poll at most; the rest on the next polls. Default 500 (feeds.maxItemsPerPoll). */
  maxItemsPerPoll?: number;
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
  | {
      status: 'ok';
      jobs: FetchPayload[];
      itemCount: number;
      hub?: AdvertisedHub;
      validators: Validators;
      /** Set when items are left for the next poll; record it once the jobs are queued. */
      backlog?: FeedHints['backlog'];
    };

export interface Validators {
  etag?: string;
  lastModified?: string;
}

const RECENT_TIMES_KEPT = 50;

function emptyState(feedId: string): FeedState {
  return { feedId, errorStreak: 0, recentItemTimes: [] };
}

export function toFetchJob(feedId: string, item: FeedItem): FetchPayload {
  const key = itemKey(feedId, item);
  const hash = contentHash(item);
  const short: Pick<FeedItem, 'title' | 'summary'> & { truncated?: Truncated } = {
    title: item.title,
    summary: item.summary,
  };
  const { title, summary, truncated } = capFields(short, ['title', 'summary']);
  const cut = { ...truncated };
  const truncate = (field: 'contentHtml' | 'contentText') => {
    const value = item[field];
    if (value === undefined || value.length <= MAX_FEED_CONTENT_CHARS) return value;
    cut[field] = value.length;
    return cutText(value, MAX_FEED_CONTENT_CHARS);
  };
  return {
    correlationId: `${key.slice(0, 12)}-${hash.slice(0, 8)}`,
    feedId,
    itemKey: key,
    contentHash: hash,
    guid: item.guid,
    url: item.url,
    ...(item.slug ? { slug: item.slug } : {}),
    item: {
      title,
      authors: item.authors,
      publishedAt: item.publishedAt,
      updatedAt: item.updatedAt,
      summary,
      contentHtml: truncate('contentHtml'),
      contentText: truncate('contentText'),
      withdrawn: item.withdrawn,
      ...(Object.keys(cut).length ? { truncated: cut } : {}),
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
  // The backlog moves only once a batch is queued (recordProgress), so a crash redoes a batch
  // (the same job ids: no duplicates) rather than skipping one.
  const fresh: FeedHints = {
    ttlMinutes: parsed.ttlMinutes,
    skipHours: parsed.skipHours,
    skipDays: parsed.skipDays,
    backlog: hints.backlog,
  };
  await deps.hints?.put(feed.id, fresh);
  const eligible = parsed.items.filter((i) => i.url || i.guid || i.contentHtml || i.contentText);
  const documentHash = createHash('sha256').update(response.body).digest('hex');
  const from = hints.backlog?.documentHash === documentHash ? hints.backlog.taken : 0;
  const batch = eligible.slice(from, from + (deps.maxItemsPerPoll ?? 500));
  const taken = from + batch.length;
  const more = taken < eligible.length;
  const recentItemTimes = mergeTimes(state.recentItemTimes, parsed.items);
  await deps.store.putFeedState({
    ...polled,
    errorStreak: 0,
    lastError: undefined,
    lastSuccessAt: now.toISOString(),
    nextPollAt: more
      ? new Date(now.getTime() + deps.schedule.minIntervalSeconds * 1000).toISOString()
      : nextPollAt({ kind: 'fresh', maxAgeSeconds: response.maxAgeSeconds, ...fresh }, recentItemTimes),
    recentItemTimes,
  });
  const jobs = batch.map((i) => toFetchJob(feed.id, i));
  // WebSub subscribes to the feed's self URL (the topic the hub knows), else the URL polled.
  const hub = parsed.hubUrl ? { hubUrl: parsed.hubUrl, topicUrl: parsed.selfUrl ?? feed.url } : undefined;
  // With items left, no validators: the next poll must get the document again, not a 304.
  const validators = more ? {} : { etag: response.etag, lastModified: response.lastModified };
  const backlog = more ? { documentHash, taken } : undefined;
  return {
    status: 'ok',
    jobs,
    itemCount: parsed.items.length,
    validators,
    ...(hub && { hub }),
    ...(backlog && { backlog }),
  };
}

/** Once a batch is queued: where the next poll of the same document goes on (or that it is done). */
export async function recordProgress(
  hints: NonNullable<PollDeps['hints']>,
  feedId: string,
  backlog: FeedHints['backlog'],
): Promise<void> {
  const current = await hints.get(feedId);
  if (current?.backlog === undefined && backlog === undefined) return;
  await hints.put(feedId, { ...current, backlog });
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
