// Job payload schemas: every stage validates what it receives. Payloads carry ids and small
// extracted data, never a fetched page's raw HTML or secrets. (Feed-supplied content is the
// one exception, capped, because the fetch stage needs it when a page fails.)
import { z } from 'zod';

const iso = z.string().min(1);

export const pollPayload = z.object({
  feedId: z.string().min(1),
  /** Why this poll: the scheduler's tick, a WebSub push, an operator's replay. */
  trigger: z.enum(['schedule', 'push', 'manual']).default('schedule'),
});

/** Feed-supplied content is capped so a huge content:encoded cannot bloat Redis. */
export const MAX_FEED_CONTENT_CHARS = 512 * 1024;

export const feedItemPayload = z.object({
  title: z.string().optional(),
  authors: z.array(z.string()).default([]),
  publishedAt: iso.optional(),
  updatedAt: iso.optional(),
  summary: z.string().max(MAX_FEED_CONTENT_CHARS).optional(),
  contentHtml: z.string().max(MAX_FEED_CONTENT_CHARS).optional(),
  contentText: z.string().max(MAX_FEED_CONTENT_CHARS).optional(),
  withdrawn: z.boolean().optional(),
  /** Fields cut to their cap, each with its original length in characters. */
  truncated: z.record(z.string(), z.number()).optional(),
});

/** Identity of one item as it moves through the stages; logged on every outcome. */
export const itemRef = z.object({
  /** Follows one item through every stage's logs. */
  correlationId: z.string().min(1),
  feedId: z.string().optional(),
  /** Stable identity of the item within its feed (guid, else URL): see feeds/identity. */
  itemKey: z.string().min(1),
  /** Hash of the item's content as the feed gave it: a changed item is a new job. */
  contentHash: z.string().min(1),
  guid: z.string().optional(),
  url: z.string().optional(),
  /** Wire keyword with version markers, when the feed carries one: story matching reads it. */
  slug: z.string().optional(),
});

export const fetchPayload = itemRef.extend({ item: feedItemPayload });

const dateline = z.object({ text: z.string(), place: z.string().optional(), agency: z.string().optional() });

export const extractedArticleSchema = z.object({
  title: z.string(),
  byline: z.string().optional(),
  authors: z.array(z.string()).default([]),
  publishedAt: iso.optional(),
  modifiedAt: iso.optional(),
  canonicalUrl: z.string().optional(),
  language: z.string().optional(),
  siteName: z.string().optional(),
  leadImage: z.string().optional(),
  bodyText: z.string(),
  bodyHtml: z.string().optional(),
  wordCount: z.number().int().nonnegative(),
  dateline: dateline.optional(),
  credits: z.array(z.string()).default([]),
  sources: z.record(z.string(), z.string()).default({}),
});

export const enrichPayload = itemRef.extend({
  article: extractedArticleSchema,
  fetchedAt: iso,
});

const entitySchema = z.object({
  type: z.enum(['person', 'organization', 'location']),
  name: z.string(),
  mentions: z.array(
    z.object({ text: z.string(), start: z.number().int(), end: z.number().int(), demonym: z.boolean().optional() }),
  ),
  count: z.number().int(),
  salience: z.number(),
  wikidataId: z.string().optional(),
  countryCode: z.string().optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
});

export const enrichmentSchema = z.object({
  language: z.string().optional(),
  entities: z.array(entitySchema),
  topics: z.array(z.object({ code: z.string(), label: z.string(), score: z.number() })),
  keywords: z.array(z.string()),
});

/** Either a new text to store, or a withdrawal (page gone, or killed in the feed). */
export const storePayload = z.discriminatedUnion('action', [
  enrichPayload.extend({ action: z.literal('store'), enrichment: enrichmentSchema }),
  itemRef.extend({ action: z.literal('withdraw'), reason: z.string() }),
]);

export type PollPayload = z.infer<typeof pollPayload>;
export type FetchPayload = z.infer<typeof fetchPayload>;
export type EnrichPayload = z.infer<typeof enrichPayload>;
export type StorePayload = z.infer<typeof storePayload>;
