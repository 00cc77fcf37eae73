// Query-parameter validation for the API: a bad value is a 400 that names the parameter.
import { z } from 'zod';
import type { ListQuery } from '../storage/store.js';

const format = z.enum(['json', 'ninjs']);

// Strict ISO 8601 with a four-digit year: Date.parse alone takes "99999-01-01" and "+099999-…",
// whose ISO strings would then compare as text against the stored keys and match everything.
// The fields must also be what they say (no 2026-13-40 rolled into the next year).
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const isoTime = z.string().refine((s) => {
  const m = ISO_TIME.exec(s);
  if (!m || Number.isNaN(Date.parse(s))) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((f) => Number(f ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
}, 'must be an ISO 8601 time with a four-digit year (2026-01-31 or 2026-01-31T10:00:00Z)');

export const listParams = z
  .object({
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    feed: z.string().max(64).optional(),
    topic: z.string().max(64).optional(),
    entity: z.string().max(200).optional(),
    language: z.string().max(8).optional(),
    q: z.string().max(200).optional(),
    format: format.optional(),
  })
  .strict();

/** Single resources take only `format`; other parameters are ignored, as before. */
const singleParams = z.object({ format: format.optional() });

export class BadParameter extends Error {
  statusCode = 400;
}

function parseOrThrow<T>(schema: z.ZodType<T>, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
  const why = issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message;
  throw new BadParameter(`parameter "${name}": ${why}`);
}

export type ResponseFormat = z.infer<typeof format>;

/** `?format=` wins; otherwise an Accept header naming application/ninjs+json asks for ninjs. */
export function parseFormat(raw: unknown, accept: string | undefined): ResponseFormat {
  const chosen = parseOrThrow(singleParams, raw).format;
  if (chosen) return chosen;
  return accept?.includes('application/ninjs+json') ? 'ninjs' : 'json';
}

export function parseListQuery(raw: unknown): ListQuery {
  // `format` is read by parseFormat; the store never sees it.
  const { feed, since, until, format: _format, ...rest } = parseOrThrow(listParams, raw);
  return {
    ...rest,
    feedId: feed,
    since: since ? new Date(since).toISOString() : undefined,
    until: until ? new Date(until).toISOString() : undefined,
  };
}
