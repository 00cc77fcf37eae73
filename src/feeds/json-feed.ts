// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), and the 1.0 fields still seen in the wild
// (a single `author`, numeric ids). Nullable fields are tolerated: many generators emit null.
import { z } from 'zod';
import type { FeedItem } from '../shared/types.js';
import { toIsoDate } from './dates.js';
import type { ParsedFeed } from './parse.js';
import { resolveHttpUrl } from './urls.js';
import { isWithdrawn } from './withdrawn.js';

const text = z.string().nullish();
const author = z.object({ name: text, url: text });

const jsonFeedItem = z
  .object({
    id: z.union([z.string(), z.number()]).nullish(),
    url: text,
    external_url: text,
    title: text,
    content_html: text,
    content_text: text,
    summary: text,
    image: text,
    banner_image: text,
    date_published: text,
    date_modified: text,
    authors: z.array(author).nullish(),
    author: author.nullish(),
    tags: z.array(z.string()).nullish(),
    /** Not in JSON Feed itself: a wire keyword, as a plain field or in an extension (`_wire: { slug }`). */
    slug: text,
  })
  .passthrough();

const jsonFeed = z.object({
  version: z.string().startsWith('https://jsonfeed.org/version/'),
  title: text,
  home_page_url: text,
  feed_url: text,
  hubs: z.array(z.object({ type: text, url: z.string() })).nullish(),
  items: z.array(jsonFeedItem),
});

export class JsonFeedError extends Error {}

export function parseJsonFeed(source: string, baseUrl: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (err) {
    throw new JsonFeedError(`invalid JSON: ${(err as Error).message}`);
  }
  const parsed = jsonFeed.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JsonFeedError(`JSON Feed ${issue.path.join('.') || 'document'}: ${issue.message}`);
  }
  const feed = parsed.data;
  return {
    title: feed.title ?? undefined,
    link: resolveHttpUrl(feed.home_page_url, baseUrl),
    selfUrl: resolveHttpUrl(feed.feed_url, baseUrl),
    hubUrl: resolveHttpUrl(feed.hubs?.[0]?.url, baseUrl),
    items: feed.items.map((item) => toFeedItem(item, baseUrl)),
  };
}

function toFeedItem(item: z.infer<typeof jsonFeedItem>, baseUrl: string): FeedItem {
  const authors = [...(item.authors ?? []), ...(item.author ? [item.author] : [])]
    .map((a) => a.name?.trim())
    .filter((name): name is string => !!name);
  const feedItem: FeedItem = {
    guid: item.id === null || item.id === undefined ? undefined : String(item.id),
    url: resolveHttpUrl(item.url, baseUrl) ?? resolveHttpUrl(item.external_url, baseUrl),
    title: item.title ?? undefined,
    contentHtml: item.content_html ?? undefined,
    contentText: item.content_text ?? undefined,
    summary: item.summary ?? undefined,
    authors,
    publishedAt: toIsoDate(item.date_published),
    updatedAt: toIsoDate(item.date_modified),
    categories: item.tags ?? [],
    imageUrl: resolveHttpUrl(item.image, baseUrl) ?? resolveHttpUrl(item.banner_image, baseUrl),
  };
  if (isWithdrawn(feedItem)) feedItem.withdrawn = true;
  const slug = slugOf(item);
  if (slug) feedItem.slug = slug;
  return feedItem;
}

/** The item's `slug`, else the first extension object (an `_`-prefixed key, per JSON Feed) carrying one. */
function slugOf(item: Record<string, unknown>): string | undefined {
  const candidates = [
    item.slug,
    ...Object.entries(item)
      .filter(([key, value]) => key.startsWith('_') && value !== null && typeof value === 'object')
      .map(([, value]) => (value as Record<string, unknown>).slug),
  ];
  const found = candidates.find((s): s is string => typeof s === 'string' && s.trim() !== '');
  return found?.trim();
}
