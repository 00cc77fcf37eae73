// Article metadata, each field taken from the best source present and the source recorded.
// Order per field follows how reliable each source is on real news pages: the feed and
// JSON-LD are written for machines; Open Graph for social cards (titles are sometimes
// rewritten); <title> carries a site suffix; Readability's byline is a guess from the layout.
import type { ExtractedArticle, MetadataSources } from '../shared/types.js';
import { toIsoUtc } from './dates.js';
import { readJsonLd, type JsonLdArticle } from './jsonld.js';
import { absoluteUrl, cleanUrl } from './urls.js';

export interface FeedHints {
  title?: string;
  authors?: string[];
  publishedAt?: string;
  updatedAt?: string;
  contentHtml?: string;
  contentText?: string;
  /** The language the feed (or a `lede process` line) declares for the item. */
  language?: string;
}

/** What the page itself says, read before Readability mutates the document. */
export interface PageSignals {
  meta: Map<string, string>;
  jsonLd?: JsonLdArticle;
  titleTag?: string;
  canonicalLink?: string;
  htmlLang?: string;
  firstTime?: string;
}

export type PageMetadata = Pick<
  ExtractedArticle,
  'title' | 'byline' | 'authors' | 'publishedAt' | 'modifiedAt' | 'canonicalUrl' | 'siteName' | 'leadImage'
> & { sources: MetadataSources };

type Candidate = [source: string, value: string | undefined | null];

export function readPageSignals(document: Document): PageSignals {
  const meta = new Map<string, string>();
  for (const el of document.querySelectorAll('meta[content]')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop'))?.toLowerCase();
    const content = el.getAttribute('content')?.trim();
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  return {
    meta,
    jsonLd: readJsonLd(document),
    titleTag: document.querySelector('title')?.textContent?.trim() || undefined,
    canonicalLink: document.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href') ?? undefined,
    htmlLang: document.documentElement?.getAttribute('lang') ?? undefined,
    firstTime: document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined,
  };
}

export function resolveMetadata(
  page: PageSignals,
  url: string,
  feed: FeedHints | undefined,
  readability: { title?: string | null; byline?: string | null; siteName?: string | null } | undefined,
): PageMetadata {
  const { meta, jsonLd } = page;
  const sources: MetadataSources = {};
  const pick = (field: string, candidates: Candidate[]): string | undefined => {
    for (const [source, value] of candidates) {
      const v = value?.replace(/\s+/g, ' ').trim();
      if (v) {
        sources[field] = source;
        return v;
      }
    }
    return undefined;
  };

  const siteName = pick('siteName', [
    ['og:site_name', meta.get('og:site_name')],
    ['json-ld', jsonLd?.publisher],
    ['application-name', meta.get('application-name')],
    ['readability', readability?.siteName],
  ]);
  const title =
    pick('title', [
      ['feed', feed?.title],
      ['og:title', stripSiteSuffix(meta.get('og:title'), siteName, false)],
      ['json-ld', jsonLd?.headline],
      // Readability's title is <title> with the site cut off by its own rules; it wins where
      // ours would keep a prefix ("Site: Headline").
      [
        'readability',
        readability?.title && page.titleTag?.includes(readability.title) && readability.title !== page.titleTag
          ? readability.title
          : undefined,
      ],
      ['title', stripSiteSuffix(page.titleTag, siteName, true)],
      ['readability', readability?.title],
    ]) ?? '';

  const byline = readability?.byline?.replace(/\s+/g, ' ').trim() || undefined;
  const authorCandidates: [string, string[]][] = [
    ['feed', feed?.authors ?? []],
    ['json-ld', jsonLd?.authors ?? []],
    [
      'meta',
      splitAuthors(
        meta.get('author') ??
          meta.get('article:author') ??
          meta.get('byl') ??
          meta.get('dc.creator') ??
          meta.get('parsely-author'),
      ),
    ],
    ['byline', splitAuthors(byline)],
  ];
  let authors: string[] = [];
  for (const [source, list] of authorCandidates) {
    const cleaned = dedupe(list.flatMap(splitAuthors));
    if (cleaned.length) {
      authors = cleaned;
      sources.authors = source;
      break;
    }
  }

  const publishedAt = pickDate(sources, 'publishedAt', [
    ['json-ld', jsonLd?.datePublished],
    ['article:published_time', meta.get('article:published_time')],
    [
      'meta',
      meta.get('datepublished') ??
        meta.get('pubdate') ??
        meta.get('publish-date') ??
        meta.get('parsely-pub-date') ??
        meta.get('dc.date.issued') ??
        meta.get('date') ??
        meta.get('sailthru.date'),
    ],
    ['feed', feed?.publishedAt],
    ['time', page.firstTime],
  ]);
  const modifiedAt = pickDate(sources, 'modifiedAt', [
    ['json-ld', jsonLd?.dateModified],
    ['article:modified_time', meta.get('article:modified_time')],
    ['og:updated_time', meta.get('og:updated_time')],
    ['meta', meta.get('datemodified') ?? meta.get('last-modified')],
    ['feed', feed?.updatedAt],
  ]);

  const canonicalUrl = pick('canonicalUrl', [
    ['rel=canonical', cleanUrl(page.canonicalLink, url)],
    ['og:url', cleanUrl(meta.get('og:url'), url)],
    ['json-ld', cleanUrl(jsonLd?.url, url)],
    ['url', cleanUrl(url, url)],
  ]);
  const leadImage = pick('leadImage', [
    ['og:image', absoluteUrl(meta.get('og:image') ?? meta.get('og:image:secure_url') ?? meta.get('og:image:url'), url)],
    ['twitter:image', absoluteUrl(meta.get('twitter:image') ?? meta.get('twitter:image:src'), url)],
    ['json-ld', absoluteUrl(jsonLd?.image, url)],
  ]);

  return { title, byline, authors, publishedAt, modifiedAt, canonicalUrl, siteName, leadImage, sources };
}

function pickDate(sources: MetadataSources, field: string, candidates: Candidate[]): string | undefined {
  for (const [source, value] of candidates) {
    const iso = toIsoUtc(value);
    if (iso) {
      sources[field] = source;
      return iso;
    }
  }
  return undefined;
}

const TITLE_SEPARATOR = /\s+[|\-–—·•:»]\s+/g;

/**
 * "Headline - Site" → "Headline". Open Graph titles only lose a part that is the site's name;
 * <title> also loses a short last part (often the site or a section) when no name is known.
 * Parts are cut by position so a headline's own colon or dash survives.
 */
export function stripSiteSuffix(
  title: string | undefined,
  siteName: string | undefined,
  lenient: boolean,
): string | undefined {
  if (!title) return undefined;
  const parts: { start: number; end: number }[] = [];
  let from = 0;
  for (const sep of title.matchAll(TITLE_SEPARATOR)) {
    parts.push({ start: from, end: sep.index });
    from = sep.index + sep[0].length;
  }
  parts.push({ start: from, end: title.length });
  const text = (p: { start: number; end: number }) => title.slice(p.start, p.end);
  const site = siteName?.toLowerCase().replace(/^the /, '');
  const isSite = (p: { start: number; end: number }) => !!site && text(p).toLowerCase().replace(/^the /, '') === site;

  while (parts.length > 1 && isSite(parts[parts.length - 1])) parts.pop();
  if (parts.length > 1 && isSite(parts[0])) parts.shift();
  if (lenient && parts.length > 1) {
    const last = parts[parts.length - 1];
    const rest = title.slice(parts[0].start, parts[parts.length - 2].end);
    if (wordCount(text(last)) <= (site ? 2 : 4) && wordCount(rest) >= 3) parts.pop();
  }
  return title.slice(parts[0].start, parts[parts.length - 1].end).trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

const AGENCY_SUFFIX =
  /,?\s+(?:the\s+)?(?:associated press|reuters|afp|ap|bloomberg|bbc news|cnn|dpa|staff writers?|staff reporters?|correspondents?)$/i;

/** "By KIM TONG-HYUNG and Jane Doe, Associated Press" → ["Kim Tong-Hyung", "Jane Doe"]. */
export function splitAuthors(value: string | undefined | null): string[] {
  if (!value) return [];
  const text = value
    .replace(/\s+/g, ' ')
    .replace(/^\s*by[:\s]+/i, '')
    .replace(AGENCY_SUFFIX, '')
    .trim();
  return text
    .split(/\s*(?:,|;|\||&|\band\b)\s*/i)
    .map((name) => name.replace(/^by\s+/i, '').trim())
    .filter((name) => name.length >= 2 && name.length <= 60 && !/^https?:|@|\d/.test(name))
    .map((name) => (name === name.toUpperCase() && /[A-Z]/.test(name) ? titleCase(name) : name));
}

function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
