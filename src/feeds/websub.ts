// WebSub (W3C, formerly PubSubHubbub) subscriber rules. Pure: the subscription record, when to
// (re)subscribe, the intent check for a hub's verification request and the push signature.
// The flow: a poll finds a hub in the feed → we record a pending subscription and POST
// hub.mode=subscribe to the hub (websub-client.ts) → the hub GETs our callback with a challenge,
// which we echo only for a subscription we asked for (routes-websub.ts) → the hub POSTs new
// content signed with our secret → we check the signature and poll the feed at once. Polling
// goes on at its usual pace as the fallback.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Subscription {
  feedId: string;
  hubUrl: string;
  topicUrl: string;
  callbackUrl: string;
  /** HMAC key the hub signs pushes with; kept across renewals. */
  secret: string;
  /** pending: asked, not yet verified; failed: the hub refused or denied it. */
  state: 'pending' | 'active' | 'failed';
  requestedAt: string;
  /** Lease the hub granted, and when it ends (active only). */
  leaseSeconds?: number;
  expiresAt?: string;
  reason?: string;
}

/** A hub that neither verifies nor refuses within this long is asked again. */
export const PENDING_RETRY_MS = 3_600_000;
/** After a refusal or denial, wait this long before asking again. */
export const FAILED_RETRY_MS = 6 * 3_600_000;

export function callbackUrl(publicUrl: string, feedId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/websub/${encodeURIComponent(feedId)}`;
}

/**
 * Whether to (re)subscribe now: no subscription yet, the feed moved to another hub or topic, a
 * lease past half its time (renewing early leaves room for a slow hub), or an earlier attempt
 * that timed out or failed long enough ago.
 */
export function needsSubscribe(
  sub: Subscription | undefined,
  hub: { hubUrl: string; topicUrl: string },
  now: Date,
): boolean {
  if (!sub || sub.hubUrl !== hub.hubUrl || sub.topicUrl !== hub.topicUrl) return true;
  const since = now.getTime() - Date.parse(sub.requestedAt);
  switch (sub.state) {
    case 'pending':
      return since > PENDING_RETRY_MS;
    case 'failed':
      return since > FAILED_RETRY_MS;
    case 'active': {
      const remaining = Date.parse(sub.expiresAt ?? sub.requestedAt) - now.getTime();
      return remaining < ((sub.leaseSeconds ?? 0) * 1000) / 2;
    }
  }
}

/** The pending record for a (re)subscription: the secret survives a renewal at the same hub. */
export function pendingSubscription(
  previous: Subscription | undefined,
  feedId: string,
  hub: { hubUrl: string; topicUrl: string },
  publicUrl: string,
  now: Date,
): Subscription {
  const sameHub = previous && previous.hubUrl === hub.hubUrl && previous.topicUrl === hub.topicUrl;
  return {
    ...(sameHub ? previous : {}),
    feedId,
    hubUrl: hub.hubUrl,
    topicUrl: hub.topicUrl,
    callbackUrl: callbackUrl(publicUrl, feedId),
    secret: sameHub ? previous.secret : randomBytes(24).toString('hex'),
    // A renewal keeps accepting pushes while the hub re-verifies.
    state: sameHub && previous.state === 'active' ? 'active' : 'pending',
    requestedAt: now.toISOString(),
    reason: undefined,
  };
}

/** The form a subscribe request POSTs to the hub. */
export function subscribeForm(sub: Subscription, leaseSeconds: number): URLSearchParams {
  return new URLSearchParams({
    'hub.mode': 'subscribe',
    'hub.topic': sub.topicUrl,
    'hub.callback': sub.callbackUrl,
    'hub.secret': sub.secret,
    'hub.lease_seconds': String(leaseSeconds),
  });
}

export type IntentQuery = Partial<
  Record<'hub.mode' | 'hub.topic' | 'hub.challenge' | 'hub.lease_seconds' | 'hub.reason', string>
>;

export type IntentAnswer =
  /** Echo `challenge` with 200 and save `subscription` (undefined: delete it). */
  | { confirm: true; challenge: string; subscription?: Subscription }
  /** Answer 200 without a body (a denial noted) or 404 (not something we asked for). */
  | { confirm: false; status: 200 | 404; reason: string; subscription?: Subscription };

/**
 * A hub's GET to the callback. A subscribe is confirmed only for a subscription we hold for
 * that topic, so nobody can subscribe us to something we did not ask for; an unsubscribe only
 * once the feed is no longer wanted.
 */
export function answerIntent(
  sub: Subscription | undefined,
  query: IntentQuery,
  feedWanted: boolean,
  now: Date,
  askedLeaseSeconds: number,
): IntentAnswer {
  const mode = query['hub.mode'];
  const topic = query['hub.topic'];
  if (!sub || !topic || topic !== sub.topicUrl)
    return { confirm: false, status: 404, reason: 'no subscription for this topic' };
  if (mode === 'denied') {
    return {
      confirm: false,
      status: 200,
      reason: 'hub denied the subscription',
      subscription: { ...sub, state: 'failed', reason: `denied: ${query['hub.reason'] ?? 'no reason given'}` },
    };
  }
  const challenge = query['hub.challenge'];
  if (!challenge) return { confirm: false, status: 404, reason: 'no hub.challenge' };
  if (mode === 'unsubscribe') {
    return feedWanted
      ? { confirm: false, status: 404, reason: 'the feed is still wanted' }
      : { confirm: true, challenge };
  }
  if (mode !== 'subscribe' || !feedWanted || sub.state === 'failed')
    return { confirm: false, status: 404, reason: `not expecting ${mode ?? 'this'} now` };
  const granted = Number(query['hub.lease_seconds']);
  const leaseSeconds = Number.isInteger(granted) && granted > 0 ? granted : askedLeaseSeconds;
  return {
    confirm: true,
    challenge,
    subscription: {
      ...sub,
      state: 'active',
      leaseSeconds,
      expiresAt: new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
      reason: undefined,
    },
  };
}

/** `X-Hub-Signature: <algo>=<hex HMAC of the raw body>`, checked in constant time. */
export function signatureMatches(header: string | undefined, body: Buffer, secret: string): boolean {
  const match = /^(sha1|sha256|sha384|sha512)=([0-9a-f]+)$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac(match[1].toLowerCase(), secret).update(body).digest();
  const given = Buffer.from(match[2], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
