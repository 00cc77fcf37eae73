// RSS 2.0, RSS 1.0/RDF and Atom 1.0 through rss-parser (xml2js underneath). rss-parser detects
// the format and does the common fields; the custom fields below ask it for the raw xml2js
// nodes of everything it flattens or drops (every author and category, Media RSS, Atom link
// relations, xml:base), which we then map to FeedItem ourselves.
import Parser from 'rss-parser';
import type { FeedItem } from '../shared/types.js';
import { toIsoDate } from './dates.js';
import type { ParsedFeed } from './parse.js';
import { resolveHttpUrl } from './urls.js';
import { isWithdrawn } from './withdrawn.js';

export class XmlFeedError extends Error {}

/** An xml2js node: text, or an object with attributes in `$`, text in `_`, children in arrays. */
type XmlNode = string | { $?: Record<string, string>; _?: string; [child: string]: unknown };
type Raw = Record<string, unknown>;

// The root element after any declarations, comments and DOCTYPE. Each alternative starts
// differently (<?, <!--, <! not followed by --) and a comment cannot run past its own -->, so
// there is one way to match and a non-Atom prolog fails in linear time.
const ATOM_ROOT = /^\s*(?:<\?[^>]*>\s*|<!--(?:[^-]|-(?!->))*-->\s*|<!(?!--)[^>]*>\s*)*<feed[\s>]/;

const raw = (from: string, to: string) => [from, to, { keepArray: true }];

const parser = new Parser({
  customFields: {
    // rss-parser's types only admit field names; at runtime it takes [from, to, options].
    feed: [raw('$', 'attrs'), raw('link', 'links'), raw('atom:link', 'atomLinks')] as never[],
    item: [
      raw('$', 'attrs'),
      raw('link', 'links'),
      raw('author', 'authors'),
      raw('dc:creator', 'dcCreators'),
      raw('category', 'rawCategories'),
      raw('dc:subject', 'dcSubjects'),
      raw('content', 'atomContent'),
      raw('media:content', 'mediaContent'),
      raw('media:thumbnail', 'mediaThumbnail'),
      raw('media:group', 'mediaGroup'),
      raw('enclosure', 'enclosures'),
      ['published', 'published'],
      ['updated', 'updated'],
      // RSS 2.0 borrows Atom's element to say when an item was last revised.
      ['atom:updated', 'atomUpdated'],
      // A wire keyword (NewsML-G2 calls it the slugline): story matching reads its version markers.
      ['slug', 'slug'],
      ['slugline', 'slugline'],
    ] as never[],
  },
});

export async function parseXmlFeed(source: string, baseUrl: string): Promise<ParsedFeed> {
  let feed: Raw & { items: Raw[] };
  try {
    feed = await parser.parseString(source);
  } catch (err) {
    throw new XmlFeedError((err as Error).message.replace(/\s*\n\s*/g, ', '));
  }
  const isAtom = ATOM_ROOT.test(source);
  // Atom's xml:base may sit on the feed and again on each entry, each relative to the last.
  const feedBase = resolveHttpUrl(attr(feed.attrs, 'xml:base'), baseUrl) ?? baseUrl;
  const links = nodes(isAtom ? feed.links : feed.atomLinks);
  return {
    title: text(feed.title)?.trim(),
    link: resolveHttpUrl(isAtom ? linkHref(links, 'alternate') : text(feed.link), feedBase),
    items: isAtom ? atomItems(feed.items, source, feedBase) : feed.items.map((item) => rssItem(item, feedBase)),
    ttlMinutes: positiveInt(text(feed.ttl)),
    skipHours: nonEmpty(
      childTexts(feed.skipHours, 'hour')
        .map(Number)
        .filter((h) => Number.isInteger(h) && h >= 0 && h <= 23),
    ),
    skipDays: nonEmpty(childTexts(feed.skipDays, 'day')),
    hubUrl: resolveHttpUrl(relHref(links, 'hub'), feedBase),
    selfUrl: resolveHttpUrl(relHref(links, 'self'), feedBase),
  };
}

function rssItem(item: Raw, feedBase: string): FeedItem {
  const guid = text(item.guid) ?? attr(item.attrs, 'rdf:about');
  // A guid is a permalink unless it says otherwise (RSS 2.0); use it when <link> is missing.
  // No base for the guid: only an absolute http(s) guid can be a permalink.
  const url = resolveHttpUrl(text(item.link), feedBase) ?? resolveHttpUrl(guid, undefined);
  return finish({
    guid,
    url,
    title: text(item.title),
    contentHtml: text(item['content:encoded']),
    summary: text(item.content),
    authors: [...nodes(item.dcCreators).map(text), ...nodes(item.authors).map((a) => rssAuthorName(text(a)))],
    publishedAt: toIsoDate(item.pubDate) ?? toIsoDate(item.date),
    updatedAt: toIsoDate(item.updated) ?? toIsoDate(item.atomUpdated),
    categories: [...nodes(item.rawCategories), ...nodes(item.dcSubjects)].map(text),
    imageUrl: imageUrl(item, feedBase),
    slug: text(item.slug) ?? text(item.slugline),
  });
}

function atomItems(items: Raw[], source: string, feedBase: string): FeedItem[] {
  const xhtmlContents = rawXhtmlContents(source);
  return items.map((item, i) => atomItem(item, feedBase, xhtmlContents[i]));
}

function atomItem(item: Raw, feedBase: string, xhtmlContent: string | undefined): FeedItem {
  const base = resolveHttpUrl(attr(item.attrs, 'xml:base'), feedBase) ?? feedBase;
  const links = nodes(item.links);
  const contentType = attr(nodes(item.atomContent)[0], 'type') ?? 'text';
  const content = contentType === 'xhtml' ? xhtmlContent : typeof item.content === 'string' ? item.content : undefined;
  return finish({
    guid: text(item.id),
    url: resolveHttpUrl(linkHref(links, 'alternate'), base),
    title: text(item.title),
    contentHtml: contentType === 'text' ? undefined : content,
    contentText: contentType === 'text' ? content : undefined,
    summary: text(item.summary),
    authors: nodes(item.authors).map((a) => childTexts(a, 'name')[0]),
    publishedAt: toIsoDate(item.published) ?? toIsoDate(item.updated),
    updatedAt: toIsoDate(item.updated),
    categories: nodes(item.rawCategories).map((c) => attr(c, 'term') ?? attr(c, 'label') ?? text(c)),
    imageUrl: imageUrl(item, base) ?? resolveHttpUrl(enclosureImage(links, 'href'), base),
    slug: text(item.slug) ?? text(item.slugline),
  });
}

type Draft = Omit<FeedItem, 'authors' | 'categories'> & {
  authors: (string | undefined)[];
  categories: (string | undefined)[];
};

function finish(draft: Draft): FeedItem {
  const { slug, ...rest } = draft;
  const item: FeedItem = {
    ...rest,
    title: draft.title?.trim(),
    authors: unique(draft.authors),
    categories: unique(draft.categories),
    ...(slug?.trim() ? { slug: slug.trim() } : {}),
  };
  if (isWithdrawn(item)) item.withdrawn = true;
  return item;
}

/**
 * The inner markup of each entry's type="xhtml" content, read from the source text: xml2js keeps
 * text and child elements apart, so "It feeds <b>x</b>." would come back reordered. Entries
 * cannot nest, so the n-th <entry> here is the n-th item rss-parser returns.
 */
function rawXhtmlContents(source: string): (string | undefined)[] {
  return (source.match(/<entry[\s>][\s\S]*?<\/entry>/g) ?? []).map((entry) => {
    const inner = /<content\b[^>]*\btype\s*=\s*["']xhtml["'][^>]*>([\s\S]*?)<\/content>/.exec(entry)?.[1];
    // Atom wraps xhtml content in one xhtml <div> that is not part of the content.
    return inner?.trim().replace(/^<div\b[^>]*>([\s\S]*)<\/div>$/, '$1');
  });
}

/** Media RSS first (media:content, inside media:group too), then thumbnails, then enclosures. */
function imageUrl(item: Raw, base: string): string | undefined {
  const groups = nodes(item.mediaGroup);
  const contents = [...nodes(item.mediaContent), ...groups.flatMap((g) => childNodes(g, 'media:content'))];
  const thumbnails = [
    ...nodes(item.mediaThumbnail),
    ...contents.flatMap((c) => childNodes(c, 'media:thumbnail')),
    ...groups.flatMap((g) => childNodes(g, 'media:thumbnail')),
  ];
  const image = contents.find(isImageMedia) ?? thumbnails[0];
  return resolveHttpUrl(attr(image, 'url') ?? enclosureImage(nodes(item.enclosures), 'url'), base);
}

function isImageMedia(node: XmlNode): boolean {
  const medium = attr(node, 'medium');
  const type = attr(node, 'type');
  if (medium || type) return medium === 'image' || !!type?.startsWith('image/');
  return true; // neither said: Media RSS content without a type is, in news feeds, a picture
}

function enclosureImage(candidates: XmlNode[], urlAttr: 'url' | 'href'): string | undefined {
  const enclosure = candidates.find(
    (n) => (urlAttr === 'url' || attr(n, 'rel') === 'enclosure') && !!attr(n, 'type')?.startsWith('image/'),
  );
  return attr(enclosure, urlAttr);
}

/** RSS <author> is "email (Name)" or just an email; keep the name when there is one. */
function rssAuthorName(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /\(([^()]+)\)\s*$/.exec(value)?.[1]?.trim() ?? value;
}

function linkHref(links: XmlNode[], rel: string): string | undefined {
  return (
    relHref(links, rel) ??
    attr(
      links.find((l) => !attr(l, 'rel')),
      'href',
    ) ??
    attr(links[0], 'href')
  );
}

function relHref(links: XmlNode[], rel: string): string | undefined {
  return attr(
    links.find((l) => attr(l, 'rel') === rel),
    'href',
  );
}

function nodes(value: unknown): XmlNode[] {
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function childNodes(node: XmlNode | undefined, name: string): XmlNode[] {
  return node && typeof node === 'object' ? nodes(node[name]) : [];
}

function childTexts(node: unknown, name: string): string[] {
  return childNodes(node as XmlNode, name)
    .map(text)
    .filter((t): t is string => !!t);
}

function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const attrs = '$' in node ? (node as { $?: Record<string, string> }).$ : (node as Record<string, string>);
  const value = attrs?.[name];
  return typeof value === 'string' ? value : undefined;
}

function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && typeof (node as { _?: unknown })._ === 'string') {
    return (node as { _: string })._;
  }
  return undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function nonEmpty<T>(values: T[]): T[] | undefined {
  return values.length > 0 ? values : undefined;
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.map((v) => v?.trim()).filter((v): v is string => !!v))];
}
