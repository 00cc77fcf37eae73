// A headline with no body: a wire flash, alert or bulletin ("******FED SETS 1.5 BILLION DLR
// CUSTOMER REPURCHASE"). On a wire it is the first version of a story, followed minutes later by
// the full copy, so it is kept as an article with an empty body rather than refused; story
// matching reads its headline, and the full story joins it as the next version.
import type { ExtractedArticle } from '../shared/types.js';
import { toIsoUtc } from './dates.js';
import { cleanUrl } from './urls.js';

export interface HeadlineOnlyInput {
  title?: string;
  publishedAt?: string;
  updatedAt?: string;
}

/**
 * The article for a headline-only item, or undefined when there is no headline either. `text`,
 * when given, is plain text the cleanup found nothing in (a two-line dividend table): kept as
 * the body as is, paragraphs separated by blank lines.
 */
export function headlineOnlyArticle(item: HeadlineOnlyInput, url: string, text = ''): ExtractedArticle | undefined {
  // Wire flashes are marked with a row of asterisks; they are typography, not words.
  const title = item.title?.replace(/^\*+\s*/, '').trim() ?? '';
  if (title === '') return undefined;
  const bodyText = text
    .split(/\n\s*\n|\n(?=\s{2,})/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
  const publishedAt = toIsoUtc(item.publishedAt);
  const modifiedAt = toIsoUtc(item.updatedAt);
  const canonicalUrl = cleanUrl(url, url);
  const sources: Record<string, string> = { title: 'feed', bodyText: bodyText ? 'feed-plain' : 'none' };
  if (publishedAt) sources.publishedAt = 'feed';
  if (modifiedAt) sources.modifiedAt = 'feed';
  if (canonicalUrl) sources.canonicalUrl = 'url';
  return {
    title,
    authors: [],
    publishedAt,
    modifiedAt,
    canonicalUrl,
    bodyText,
    wordCount: bodyText === '' ? 0 : bodyText.split(' ').length,
    credits: [],
    sources,
  };
}
