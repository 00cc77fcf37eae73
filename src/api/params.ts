// Query-parameter validation for the API: a bad value is a 400 that names the parameter.
import { z } from 'zod';
import type { ListQuery } from '../storage/store.js';

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 time');

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
  })
  .strict();

export class BadParameter extends Error {
  statusCode = 400;
}

export function parseListQuery(raw: unknown): ListQuery {
  const r = listParams.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
    const why = issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message;
    throw new BadParameter(`parameter "${name}": ${why}`);
  }
  const { feed, since, until, ...rest } = r.data;
  return {
    ...rest,
    feedId: feed,
    since: since ? new Date(since).toISOString() : undefined,
    until: until ? new Date(until).toISOString() : undefined,
  };
}
