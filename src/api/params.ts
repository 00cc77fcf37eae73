// Query-parameter validation for the API: a bad value is a 400 that names the parameter.
// Strict on purpose: a client whose `since=March 7` were read as 2001-03-07, or whose
// `limit=0x10` were read as 16, would get an answer to a question it never asked.
import { z } from 'zod';
import type { ListQuery } from '../storage/store.js';
import { preferredFormat, type ResponseFormat } from './negotiate.js';

const format = z.enum(['json', 'ninjs']);

// RFC 3339 date-time with an offset, or a date (midnight UTC); no local times, no free text.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

/** True when `s` is an RFC 3339 date-time or date naming a real calendar day and time. */
export function isRfc3339(s: string): boolean {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [, y, mo, d, h = '0', mi = '0', sec = '0'] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const calendar = day.getUTCFullYear() === Number(y) && day.getUTCMonth() === Number(mo) - 1;
  return calendar && day.getUTCDate() === Number(d) && Number(h) < 24 && Number(mi) < 60 && Number(sec) < 61;
}

const time = z.string().refine(isRfc3339, 'must be an RFC 3339 date-time, e.g. 2026-11-28T10:00:00Z');
const limit = z
  .string()
  .regex(/^[1-9]\d*$/, 'must be a decimal integer from 1 to 100')
  .transform(Number)
  .pipe(z.number().max(100, 'must be a decimal integer from 1 to 100'));

export const listParams = z
  .object({
    cursor: z.string().max(500).optional(),
    limit: limit.optional(),
    since: time.optional(),
    until: time.optional(),
    feed: z.string().max(64).optional(),
    topic: z.string().max(64).optional(),
    entity: z.string().max(200).optional(),
    language: z.string().max(8).optional(),
    q: z.string().max(200).optional(),
    format: format.optional(),
  })
  .strict();

/** Single resources take only `format`. */
const singleParams = z.object({ format: format.optional() }).strict();

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

export type { ResponseFormat };

/** A single resource's query: only `format`, which wins over the Accept header. */
export function parseSingleQuery(raw: unknown, accept: string | undefined): ResponseFormat {
  return parseOrThrow(singleParams, raw).format ?? preferredFormat(accept);
}

export function parseListQuery(raw: unknown, accept: string | undefined): { query: ListQuery; format: ResponseFormat } {
  const { feed, since, until, format: chosen, ...rest } = parseOrThrow(listParams, raw);
  return {
    query: {
      ...rest,
      feedId: feed,
      since: since ? new Date(since).toISOString() : undefined,
      until: until ? new Date(until).toISOString() : undefined,
    },
    format: chosen ?? preferredFormat(accept),
  };
}
