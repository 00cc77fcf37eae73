// When a page is not an article. A page a feed links to as an item is an article unless it is
// clearly something else, so no heuristic score (Readability's isProbablyReaderable) refuses it;
// only these do, each with its reason:
//   - no text at all;
//   - a login wall: a password field and no more than a teaser of text;
//   - an index page: little text of its own beside many headlines linking elsewhere;
//   - a page declaring another kind (og:type video, website, profile…) with almost no text.
// A page that declares itself an article (og:type article, JSON-LD, article:published_time)
// is refused only when empty.
import type { PageSignals } from './metadata.js';

export interface PageShape {
  hasPasswordField: boolean;
  /** Words in links that read like headlines (4+ words): teasers for other stories. */
  teaserLinkWords: number;
}

const TEASER_MIN_WORDS = 4;
const MIN_TEASER_LINKS = 10;
// Text beside which the teaser links dominate: the page is a list of stories, not one.
const INDEX_TEASER_SHARE = 0.5;
const LOGIN_WALL_MAX_WORDS = 150;
// More text than this is a story with a long "more stories" rail, never an index page.
const INDEX_MAX_WORDS = 150;
const OTHER_KIND_MAX_WORDS = 50;

/** Read before Readability runs: it rewrites the document it is given. */
export function readPageShape(document: Document): PageShape {
  let teaserLinks = 0;
  let teaserLinkWords = 0;
  for (const a of document.querySelectorAll('a[href]')) {
    const words = (a.textContent ?? '').trim().split(/\s+/).filter(Boolean).length;
    if (words < TEASER_MIN_WORDS) continue;
    teaserLinks++;
    teaserLinkWords += words;
  }
  return {
    hasPasswordField: !!document.querySelector('input[type="password" i]'),
    teaserLinkWords: teaserLinks >= MIN_TEASER_LINKS ? teaserLinkWords : 0,
  };
}

export function declaresArticle(signals: PageSignals): boolean {
  return !!signals.jsonLd || signals.meta.get('og:type') === 'article' || signals.meta.has('article:published_time');
}

/** Why the page is not an article, or undefined when it is one. */
export function refusalReason(shape: PageShape, signals: PageSignals, bodyWords: number): string | undefined {
  if (bodyWords > 0 && declaresArticle(signals)) return undefined;
  if (shape.hasPasswordField && bodyWords <= LOGIN_WALL_MAX_WORDS) {
    return `extract: login wall, not an article (a password form and ${bodyWords} words)`;
  }
  if (
    shape.teaserLinkWords > 0 &&
    bodyWords <= INDEX_MAX_WORDS &&
    shape.teaserLinkWords >= bodyWords * INDEX_TEASER_SHARE
  ) {
    return `extract: index page, not an article (${shape.teaserLinkWords} words of headline links beside ${bodyWords} of text)`;
  }
  const kind = signals.meta.get('og:type');
  if (kind && kind !== 'article' && bodyWords <= OTHER_KIND_MAX_WORDS) {
    return `extract: not an article (og:type ${kind}, ${bodyWords} words)`;
  }
  return bodyWords === 0 ? 'extract: page has no article text' : undefined;
}
