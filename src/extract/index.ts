// Article extraction: raw page HTML (plus what the feed said) → ExtractedArticle.
//
//   prepare.ts     size cap, element count, strip style/script/handlers (string pre-pass)
//   dom.ts         jsdom or linkedom document, closed in finally
//   metadata.ts    title, authors, dates, canonical URL, image, site (+ jsonld.ts, dates.ts)
//   Readability    the article container (the page's own container when it finds none)
//   refusal.ts     the few pages that are clearly not articles (login wall, index page, empty)
//   body.ts        boilerplate.ts, dateline.ts, text.ts, sanitize.ts on the chosen body
//   language.ts    declared language or a guess from the text
//
// Three bodies may compete: Readability's, JSON-LD articleBody and the feed's full text. The page
// wins unless another is clearly fuller (paywall teasers, pages Readability cannot read).
import { Readability } from '@mozilla/readability';
import type { ExtractedArticle } from '../shared/types.js';
import { buildBody, textToHtml, type Body } from './body.js';
import { bodyFromPlainText } from './plain-text.js';
import { describePictures, removeHintedFurniture, removeTeaserCards } from './boilerplate.js';
import { findStandfirst } from './standfirst.js';
import { noteStoryParagraphs, restoreStoryBoxes } from './story-boxes.js';
import { parseFragment, parsePage, type DomKind } from './dom.js';
import { detectLanguage } from '../language/declared.js';
import { readPageSignals, resolveMetadata, splitAuthors, type FeedHints, type PageSignals } from './metadata.js';
import { capFields } from '../shared/field-limits.js';
import { readPageShape, refusalReason } from './refusal.js';
import { assertWithinSize, countStartTags, DEFAULT_MAX_BYTES, stripUnsafeMarkup } from './prepare.js';
import { toIsoUtc } from './dates.js';
import { cleanUrl } from './urls.js';

export type { FeedHints } from './metadata.js';

export interface ExtractOptions {
  /** DOM implementation given to Readability. Default 'jsdom'. */
  dom?: DomKind;
  /** Pages larger than this (UTF-8 bytes) are rejected. Default 5 MB. */
  maxBytes?: number;
  /** Pages with more elements than this are rejected before parsing. Default 60,000. */
  maxElemsToParse?: number;
  /** What the feed item said; its full text is used when the page yields less. */
  feed?: FeedHints;
  /** The HTTP Content-Language header. */
  contentLanguage?: string;
}

export type ExtractResult = { status: 'ok'; article: ExtractedArticle } | { status: 'skipped'; reason: string };

export const DEFAULT_MAX_ELEMS = 60_000;
// Another body replaces the page's only when it is this much longer: small differences are
// captions or boilerplate, not missing paragraphs.
const FEED_FULLER_RATIO = 1.15;
const JSON_LD_FULLER_RATIO = 1.6;

interface ReadabilityArticle {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  content?: Element | null;
}

export function extractArticle(html: string, url: string, opts: ExtractOptions = {}): ExtractResult {
  const feedHasText = !!(opts.feed?.contentHtml?.trim() || opts.feed?.contentText?.trim());
  try {
    return extractFromPage(html, url, opts);
  } catch (err) {
    // An unreadable page is not the end when the feed carried the whole story.
    if (feedHasText) return extractFromFeedContent(opts.feed!, url, opts);
    throw err;
  }
}

function extractFromPage(html: string, url: string, opts: ExtractOptions): ExtractResult {
  const dom = opts.dom ?? 'jsdom';
  const maxElems = opts.maxElemsToParse ?? DEFAULT_MAX_ELEMS;
  assertWithinSize(html, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const cleaned = stripUnsafeMarkup(html);
  // Readability's own maxElemsToParse check runs after the DOM is built; counting tags on the
  // string refuses an element bomb before jsdom spends seconds and hundreds of MB on it.
  const tags = countStartTags(cleaned);
  if (tags > maxElems) throw new Error(`extract: page has ${tags} elements, over the ${maxElems} limit`);

  const page = parsePage(cleaned, url, dom);
  try {
    revealStreamedContent(page.document);
    const signals = readPageSignals(page.document);
    const shape = readPageShape(page.document);
    // Before the furniture rules, which drop boxes marked "standfirst" or "dek".
    const standfirst = findStandfirst(page.document, signals.meta);
    const pictureTexts = describePictures(page.document.documentElement);
    if (page.document.body) {
      removeHintedFurniture(page.document.body, true);
      removeTeaserCards(page.document.body);
    }
    const storyParagraphs = noteStoryParagraphs(page.document);
    // No readerability gate: a page a feed links to is given to Readability whatever its length.
    const readability = runReadability(page.document, maxElems);
    if (readability?.content) restoreStoryBoxes(readability.content, storyParagraphs);
    const names = [
      readability?.byline ?? '',
      readability?.title ?? '',
      // The headline as the page's own tags give it, when Readability's title (from <title>) differs.
      signals.meta.get('og:title') ?? '',
      signals.jsonLd?.headline ?? '',
      ...(signals.jsonLd?.authors ?? []),
      ...(opts.feed?.authors ?? []),
    ]
      .concat(splitAuthors(signals.meta.get('author')))
      .filter(Boolean);
    const pageBody = readability?.content
      ? buildBody(readability.content, url, names, standfirst, pictureTexts)
      : candidateBody(cleaned, url, dom, names, standfirst);

    const candidates: [string, Body | undefined][] = [['readability', pageBody]];
    const ldBody = signals.jsonLd?.articleBody;
    if (ldBody && (!pageBody || countRoughWords(ldBody) > pageBody.wordCount * JSON_LD_FULLER_RATIO)) {
      candidates.push(['json-ld', bodyFromHtml(textToHtml(ldBody), url, dom)]);
    }
    const [pageSource, fromPage] = chooseBody(candidates);
    const refusal = refusalReason(shape, signals, fromPage?.wordCount ?? 0);
    const feedBody = opts.feed ? bodyFromFeed(opts.feed, url, dom) : undefined;
    const [bodySource, body] = refusal
      ? chooseBody([['feed', feedBody]])
      : chooseBody([
          [pageSource, fromPage],
          ['feed', feedBody],
        ]);
    if (!body) return { status: 'skipped', reason: refusal ?? 'extract: page has no article text' };
    const meta = resolveMetadata(signals, url, opts.feed, readability ?? undefined);
    meta.sources.bodyText = bodySource;
    return { status: 'ok', article: assemble(meta, body, signals, opts.contentLanguage, opts.feed?.language) };
  } finally {
    page.close();
  }
}

// When Readability finds nothing (or fails), the page's own article container, else its body:
// the cleanup rules still take the furniture out. Parsed afresh, as Readability rewrote the DOM.
function candidateBody(
  html: string,
  url: string,
  dom: DomKind,
  names: string[],
  standfirst: string | undefined,
): Body | undefined {
  const page = parsePage(html, url, dom);
  try {
    const containers = [...page.document.querySelectorAll('[itemprop="articleBody"], article, main, [role="main"]')];
    const best = containers.sort((a, b) => (b.textContent ?? '').length - (a.textContent ?? '').length)[0];
    return buildBody(best ?? page.document.body, url, names, standfirst);
  } finally {
    page.close();
  }
}

/** For feed items that carry the full text and have no page (or an unusable one). */
export function extractFromFeedContent(
  feed: FeedHints,
  url: string,
  opts: Pick<ExtractOptions, 'dom' | 'contentLanguage'> = {},
): ExtractResult {
  const body = bodyFromFeed(feed, url, opts.dom ?? 'jsdom');
  if (!body) return { status: 'skipped', reason: 'extract: feed item has no text' };
  const authors = (feed.authors ?? []).flatMap(splitAuthors);
  const sources: Record<string, string> = { bodyText: 'feed' };
  const canonicalUrl = cleanUrl(url, url);
  if (feed.title) sources.title = 'feed';
  if (authors.length) sources.authors = 'feed';
  const publishedAt = toIsoUtc(feed.publishedAt);
  const modifiedAt = toIsoUtc(feed.updatedAt);
  if (publishedAt) sources.publishedAt = 'feed';
  if (modifiedAt) sources.modifiedAt = 'feed';
  if (canonicalUrl) sources.canonicalUrl = 'url';
  const meta = { title: feed.title?.trim() ?? '', authors, publishedAt, modifiedAt, canonicalUrl, sources };
  return { status: 'ok', article: assemble(meta, body, undefined, opts.contentLanguage, feed.language) };
}

function runReadability(document: Document, maxElems: number): ReadabilityArticle | null {
  try {
    // keepClasses: boilerplate.ts uses class names ("share", "related") as hints; the
    // sanitizer drops them from the HTML we keep.
    return new Readability<Element>(document, {
      maxElemsToParse: maxElems,
      keepClasses: true,
      serializer: (node) => node as Element,
    }).parse();
  } catch {
    return null; // the page's own containers stand in (candidateBody)
  }
}

// React's streaming renderer sends late content in `<div hidden id="S:…">` and a script moves it
// into place; scripts never run here, so without this the article is invisible to Readability.
function revealStreamedContent(document: Document): void {
  for (const el of document.querySelectorAll('div[hidden][id^="S:"]')) el.removeAttribute('hidden');
}

function chooseBody(candidates: [string, Body | undefined][]): [string, Body | undefined] {
  let best: [string, Body | undefined] = ['none', undefined];
  for (const [source, body] of candidates) {
    if (!body) continue;
    const ratio = source === 'feed' ? FEED_FULLER_RATIO : source === 'json-ld' ? JSON_LD_FULLER_RATIO : 1;
    if (!best[1] || body.wordCount > best[1].wordCount * ratio) best = [source, body];
  }
  return best;
}

function bodyFromFeed(feed: FeedHints, url: string, dom: DomKind): Body | undefined {
  const html = feed.contentHtml?.trim() ? stripUnsafeMarkup(feed.contentHtml) : '';
  if (html) return bodyFromHtml(html, url, dom);
  return feed.contentText ? bodyFromPlainText(feed.contentText) : undefined;
}

function bodyFromHtml(html: string, url: string, dom: DomKind): Body | undefined {
  const fragment = parseFragment(html, url, dom);
  try {
    return buildBody(fragment.document.body, url);
  } finally {
    fragment.close();
  }
}

function assemble(
  meta: Omit<ExtractedArticle, 'bodyText' | 'bodyHtml' | 'wordCount' | 'dateline' | 'credits' | 'language'>,
  body: Body,
  signals: PageSignals | undefined,
  contentLanguage: string | undefined,
  feedLanguage: string | undefined,
): ExtractedArticle {
  const language = detectLanguage(
    { htmlLang: signals?.htmlLang ?? signals?.jsonLd?.inLanguage, contentLanguage, feedLanguage },
    body.bodyText,
  );
  if (language) meta.sources.language = language.source;
  if (body.dateline) meta.sources.dateline = 'body';
  return capFields(
    { ...meta, ...body, language: language?.language },
    ['title', 'byline', 'bodyText', 'bodyHtml'],
    ['bodyHtml'],
  );
}

function countRoughWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
