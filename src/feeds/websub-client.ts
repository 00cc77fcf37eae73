// The subscriber's one request to a hub: POST the subscribe form. The hub URL comes from a feed,
// so it goes through the guarded client like every other fetch (address checked before and at
// connect time, no redirect followed, bounded in time and size). The hub answers 202 and
// verifies later (or at once, before answering): the pending record must be saved first.
import type { LookupFunction } from '../fetch/address-guard.js';
import { fetchUrl } from '../fetch/http.js';
import { errorMessage } from '../shared/errors.js';
import { needsSubscribe, pendingSubscription, subscribeForm, type Subscription } from './websub.js';

export interface WebSubDeps {
  subscriptions: {
    get(feedId: string): Promise<Subscription | undefined>;
    put(feedId: string, sub: Subscription): Promise<void>;
  };
  publicUrl: string;
  leaseSeconds: number;
  allowPrivateHosts: readonly string[];
  userAgent: string;
  timeoutMs: number;
  now(): Date;
  /** DNS resolver; tests pass one to simulate rebinding. Default dns.lookup. */
  lookup?: LookupFunction;
}

/** A hub's answer is a status line; its body is never read beyond this. */
const MAX_HUB_ANSWER_BYTES = 64 * 1024;

export type SubscribeOutcome = 'current' | 'requested' | 'failed';

/**
 * Subscribe (or renew) when needed. `hub` is what the feed advertises now; without it the stored
 * subscription's hub is renewed. Never throws: WebSub is an accelerator, polling stays on.
 */
export async function ensureSubscribed(
  deps: WebSubDeps,
  feedId: string,
  hub: { hubUrl: string; topicUrl: string } | undefined,
): Promise<{ outcome: SubscribeOutcome; reason?: string }> {
  const now = deps.now();
  const existing = await deps.subscriptions.get(feedId);
  const target = hub ?? existing;
  if (!target || !needsSubscribe(existing, target, now)) return { outcome: 'current' };
  const sub = pendingSubscription(existing, feedId, target, deps.publicUrl, now);
  await deps.subscriptions.put(feedId, sub);
  try {
    const res = await fetchUrl(sub.hubUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: subscribeForm(sub, deps.leaseSeconds).toString(),
      userAgent: deps.userAgent,
      allowPrivateHosts: deps.allowPrivateHosts,
      timeoutMs: deps.timeoutMs,
      maxBytes: MAX_HUB_ANSWER_BYTES,
      lookup: deps.lookup,
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`hub answered ${res.status}`);
    return { outcome: 'requested' };
  } catch (err) {
    const reason = `websub: subscribing to ${sub.hubUrl}: ${errorMessage(err)}`;
    // The hub may have verified meanwhile; only a still-pending request is marked failed.
    const latest = await deps.subscriptions.get(feedId);
    if (latest?.state !== 'active') await deps.subscriptions.put(feedId, { ...sub, state: 'failed', reason });
    return { outcome: 'failed', reason };
  }
}
