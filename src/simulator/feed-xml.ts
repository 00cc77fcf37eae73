// RSS 2.0 and Atom 1.0 documents for one simulated feed. Items carry a summary only, never the
// full text, so the pipeline has to fetch each article page as it would for a real wire.
import type { SimStory } from './types.js';

/** A story as it currently stands in a feed. */
export interface FeedEntry {
  story: SimStory;
  url: string;
  guid: string;
  updatedAt: Date;
  withdrawn: boolean;
}

export interface FeedDoc {
  id: string;
  title: string;
  /** Page URL of the site; the feed's own URL goes in the self link. */
  siteUrl: string;
  selfUrl: string;
  updatedAt: Date;
  entries: FeedEntry[];
  /** RSS `<ttl>`, minutes; 0 or unset: none. */
  ttlMinutes?: number;
}

/** Category a wire puts on an item it withdraws; consumers must drop the story. */
export const killCategory = 'kill';

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** The lede without its dateline, capped: feeds carry a teaser, not the story. */
export function summaryOf(story: SimStory): string {
  const lede = story.paragraphs[0] ?? '';
  const text = lede.replace(/^[A-Z][^()]{0,80}\([^)]{1,30}\)\s*[—–-]+\s*/, '');
  return text.length <= 280 ? text : `${text.slice(0, text.lastIndexOf(' ', 277))}...`;
}

/** Feeds name the writer, not the printed byline ("By ..."). */
const authorOf = (byline: string) => byline.replace(/^By\s+/i, '');

function categories(entry: FeedEntry): string[] {
  const tags = entry.story.tags ?? [];
  return entry.withdrawn ? [killCategory, ...tags] : tags;
}

function describe(entry: FeedEntry): string {
  return entry.withdrawn
    ? 'This story has been withdrawn. Please delete it from your systems.'
    : summaryOf(entry.story);
}

export function renderRss(feed: FeedDoc): string {
  const items = feed.entries.map((e) => {
    const cats = categories(e).map((c) => `      <category>${escapeXml(c)}</category>`);
    const creator = e.story.byline ? [`      <dc:creator>${escapeXml(authorOf(e.story.byline))}</dc:creator>`] : [];
    return [
      '    <item>',
      `      <title>${escapeXml(e.story.title)}</title>`,
      `      <link>${escapeXml(e.url)}</link>`,
      `      <guid isPermaLink="false">${escapeXml(e.guid)}</guid>`,
      `      <pubDate>${new Date(e.story.publishedAt).toUTCString()}</pubDate>`,
      `      <atom:updated>${e.updatedAt.toISOString()}</atom:updated>`,
      ...creator,
      ...cats,
      `      <description>${escapeXml(describe(e))}</description>`,
      '    </item>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${escapeXml(feed.title)}</title>`,
    `    <link>${escapeXml(feed.siteUrl)}</link>`,
    `    <atom:link href="${escapeXml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    `    <description>Latest stories from ${escapeXml(feed.title)}</description>`,
    '    <language>en-us</language>',
    `    <lastBuildDate>${feed.updatedAt.toUTCString()}</lastBuildDate>`,
    ...(feed.ttlMinutes ? [`    <ttl>${feed.ttlMinutes}</ttl>`] : []),
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function renderAtom(feed: FeedDoc): string {
  const entries = feed.entries.map((e) => {
    const cats = categories(e).map((c) => `    <category term="${escapeXml(c)}"/>`);
    const author = e.story.byline ? [`    <author><name>${escapeXml(authorOf(e.story.byline))}</name></author>`] : [];
    return [
      '  <entry>',
      `    <id>${escapeXml(e.guid)}</id>`,
      `    <title>${escapeXml(e.story.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>`,
      `    <published>${new Date(e.story.publishedAt).toISOString()}</published>`,
      `    <updated>${e.updatedAt.toISOString()}</updated>`,
      ...author,
      ...cats,
      `    <summary>${escapeXml(describe(e))}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.selfUrl)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <link rel="self" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.siteUrl)}"/>`,
    `  <updated>${feed.updatedAt.toISOString()}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
