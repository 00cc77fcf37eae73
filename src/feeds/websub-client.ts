// The subscriber's one request to a hub: POST the subscribe form. The hub URL comes from a feed,
// so it passes the same private-address guard as every other fetch. The hub answers 202 and
// verifies later (or at once, before answering): the pending record must be saved first.
import { assertPublicUrl } from '../fetch/address-guard.js';
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
}

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
    await assertPublicUrl(new URL(sub.hubUrl), deps.allowPrivateHosts);
    const res = await fetch(sub.hubUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': deps.userAgent },
      body: subscribeForm(sub, deps.leaseSeconds),
      redirect: 'error',
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    await res.body?.cancel();
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
