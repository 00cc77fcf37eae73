// The feed list (config/feeds.yaml, or LEDE_FEEDS): a contract with operators. Shape:
// feeds: [{ id, url, name?, interval?: seconds, tags?: [..], enabled?: true, adaptive?: false }].
// `adaptive: true` polls as often as the feed publishes (feeds/schedule.ts), within
// feeds.minIntervalSeconds..maxIntervalSeconds; `interval` is then the start until it has history.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml, stringify } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.js';

export const feedSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, - or _'),
    url: z.string().url(),
    name: z.string().optional(),
    interval: z.number().int().min(10).optional(),
    tags: z.array(z.string()).optional(),
    enabled: z.boolean().optional(),
    adaptive: z.boolean().optional(),
  })
  .strict();

export type FeedConfig = z.infer<typeof feedSchema>;

const fileSchema = z.object({ feeds: z.array(feedSchema).default([]) }).strict();

export function parseFeedList(text: string, source = 'feeds file'): FeedConfig[] {
  const raw = (parseYaml(text) as unknown) ?? {};
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    const msg = result.error.issues
      .map(
        (i) =>
          `${i.code === 'unrecognized_keys' ? `unknown key "${[...i.path, ...i.keys].join('.')}"` : `"${i.path.join('.')}": ${i.message}`}`,
      )
      .join('; ');
    throw new ConfigError(`feeds: ${source}: ${msg}`);
  }
  const seen = new Set<string>();
  for (const feed of result.data.feeds) {
    if (seen.has(feed.id)) throw new ConfigError(`feeds: ${source}: duplicate feed id "${feed.id}"`);
    seen.add(feed.id);
  }
  return result.data.feeds;
}

export function readFeedList(path: string): FeedConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`feeds: cannot read ${path}: ${(err as Error).message}`);
  }
  return parseFeedList(text, path);
}

export function writeFeedList(path: string, feeds: FeedConfig[]): void {
  writeFileSync(path, stringify({ feeds }));
}

export function enabledFeeds(feeds: FeedConfig[]): FeedConfig[] {
  return feeds.filter((f) => f.enabled !== false);
}
