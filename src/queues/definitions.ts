// One place for each queue's contract: name, payload schema, job options and the idempotency
// key. Job ids are deterministic so a re-delivered or re-polled item is the same job, which
// BullMQ adds only once; the store's dedupe catches what outlives job retention.
import type { JobsOptions } from 'bullmq';
import type { z } from 'zod';
import type { Config } from '../shared/config.js';
import { enrichPayload, fetchPayload, pollPayload, storePayload } from './payloads.js';

export const stages = ['poll', 'fetch', 'enrich', 'store'] as const;
export type Stage = (typeof stages)[number];

export const payloadSchemas = {
  poll: pollPayload,
  fetch: fetchPayload,
  enrich: enrichPayload,
  store: storePayload,
} satisfies Record<Stage, z.ZodType>;

export type { PayloadOf } from './payloads-of.js';
import type { PayloadOf } from './payloads-of.js';

/** BullMQ forbids ':' in custom ids; '.' joins the parts instead. */
const part = (s: string) => s.replace(/[:\s]/g, '_');

/**
 * The idempotency key. An item job is identified by feed, item identity and content hash:
 * the same item re-polled is the same job; a changed item (new version) is a new one. A poll
 * job has no fixed id: the scheduler owns its ids.
 */
export function jobIdFor<S extends Stage>(stage: S, payload: PayloadOf<S>): string | undefined {
  if (stage === 'poll') return undefined;
  const p = payload as PayloadOf<'fetch'>;
  return [part(p.feedId ?? 'direct'), part(p.itemKey), part(p.contentHash)].join('.');
}

/** Attempts and backoff for every job; retention is set on the workers. */
export function defaultJobOptions(cfg: Config['queues']): JobsOptions {
  return {
    attempts: cfg.attempts,
    backoff: { type: 'exponential', delay: cfg.backoffMs },
  };
}

export function queueName(stage: Stage): string {
  return stage;
}
