// parseFeed: bytes from the wire → one ParsedFeed, whatever the format. It decodes the bytes
// (charset.ts), refuses entity declarations, then hands JSON to json-feed.ts and RSS 2.0,
// RSS 1.0/RDF and Atom 1.0 to xml-feed.ts. Pure: no I/O.
import type { FeedItem } from '../shared/types.js';
import { decodeFeedBody } from './charset.js';
import { JsonFeedError, parseJsonFeed } from './json-feed.js';
import { parseXmlFeed, XmlFeedError } from './xml-feed.js';

export interface ParsedFeed {
  title?: string;
  /** The site the feed belongs to. */
  link?: string;
  items: FeedItem[];
  /** RSS <ttl>: minutes the feed may be cached. */
  ttlMinutes?: number;
  /** RSS <skipHours>: hours (0-23, GMT) in which not to poll. */
  skipHours?: number[];
  /** RSS <skipDays>: day names ("Saturday") on which not to poll. */
  skipDays?: string[];
  /** WebSub hub (atom:link rel="hub", JSON Feed hubs). */
  hubUrl?: string;
  /** The feed's own canonical URL (atom:link rel="self", JSON Feed feed_url). */
  selfUrl?: string;
}

export interface ParseFeedOptions {
  /** The URL the feed was fetched from: relative links resolve against it. */
  baseUrl: string;
  /** The HTTP Content-Type header, charset included. */
  contentType?: string;
}

export async function parseFeed(body: Buffer | string, opts: ParseFeedOptions): Promise<ParsedFeed> {
  const source = decodeFeedBody(body, opts.contentType);
  try {
    if (looksLikeJson(source, opts.contentType)) return parseJsonFeed(source, opts.baseUrl);
    // Entity declarations are how billion-laughs and external-entity attacks start, and no real
    // feed needs one; refusing them before any parser runs keeps memory bounded.
    if (/<!ENTITY/i.test(source)) throw new Error('feed: entity declarations are not allowed');
    return await parseXmlFeed(source, opts.baseUrl);
  } catch (err) {
    if (err instanceof JsonFeedError || err instanceof XmlFeedError) {
      throw new Error(`feed: not a valid RSS, Atom or JSON feed: ${err.message}`, { cause: err });
    }
    throw err;
  }
}

function looksLikeJson(source: string, contentType: string | undefined): boolean {
  if (contentType && /^\s*application\/(feed\+)?json\b/i.test(contentType)) return true;
  return source.trimStart().startsWith('{');
}
