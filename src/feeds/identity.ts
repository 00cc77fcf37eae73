// Item identity. itemKey names an item across polls, so the same item polled twice becomes
// the same job id and is processed once; contentHash tells whether an item already seen has
// changed since.
import { createHash } from 'node:crypto';
import type { FeedItem } from '../shared/types.js';

/**
 * A stable key for an item of one feed: 32 hex characters (safe as a BullMQ job id, which may not
 * contain ':'). The input, in order of preference:
 *   - the guid (RSS guid, Atom id, JSON Feed id): the publisher's own identity for the item, kept
 *     when the URL gains tracking parameters, moves to https or the headline is rewritten;
 *   - else the URL: the next most stable thing a publisher controls;
 *   - else title and date: the last resort for feeds with neither; an edited headline then reads
 *     as a new item, which is the lesser harm than merging two different items.
 * The feed id is part of the input because guids are only promised unique within one feed.
 */
export function itemKey(feedId: string, item: FeedItem): string {
  const basis = item.guid?.trim()
    ? ['guid', item.guid.trim()]
    : item.url
      ? ['url', item.url]
      : ['title+date', item.title?.trim() ?? '', item.publishedAt ?? ''];
  return sha256([feedId, ...basis]).slice(0, 32);
}

/**
 * A hash of what a reader would see change: headline, link, text, authors, categories, image and
 * the withdrawn flag, plus the item's own updated time (Atom <updated>, atom:updated,
 * date_modified): a wire update often changes only the page body, and that stamp is the feed's
 * one sign of it. The publication date is left out on purpose: many feeds restamp pubDate on
 * every build. (A feed that restamps <updated> costs refetches; the store files an unchanged
 * text as a sighting, never a second record.)
 */
export function contentHash(item: FeedItem): string {
  return sha256([
    item.updatedAt ?? '',
    item.title ?? '',
    item.url ?? '',
    item.contentHtml ?? '',
    item.contentText ?? '',
    item.summary ?? '',
    item.authors.join('\n'),
    item.categories.join('\n'),
    item.imageUrl ?? '',
    item.withdrawn ? 'withdrawn' : '',
  ]);
}

/** JSON encoding keeps field boundaries unambiguous ("ab"+"c" ≠ "a"+"bc"). */
function sha256(parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
