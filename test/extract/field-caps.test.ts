// Caps on fields a hostile feed or page can make arbitrarily long: cut, and the cut recorded.
import { describe, expect, it } from 'vitest';
import { extractArticle, extractFromFeedContent } from '../../src/extract/index.js';
import { toFetchJob } from '../../src/pipeline/poll.js';
import { FIELD_LIMITS } from '../../src/shared/field-limits.js';

const body =
  'LONDON (Reuters) - The Bank of England raised interest rates on Thursday to 5.25%, its highest level in 15 years.';

describe('field caps', () => {
  it('cuts a 3 MB feed title in the fetch job and records its length', () => {
    const title = 'T'.repeat(3 * 1024 * 1024);
    const job = toFetchJob('wire', { guid: 'g1', title, summary: 's'.repeat(20_000), authors: [], categories: [] });
    expect(job.item.title).toHaveLength(FIELD_LIMITS.title);
    expect(job.item.summary).toHaveLength(FIELD_LIMITS.summary);
    expect(job.item.truncated).toEqual({ title: title.length, summary: 20_000 });
  });

  it('records nothing for an item within the caps', () => {
    const job = toFetchJob('wire', { guid: 'g2', title: 'Rates rise', authors: [], categories: [] });
    expect(job.item.truncated).toBeUndefined();
  });

  it('cuts the title of an article from feed text, keeping a surrogate pair whole', () => {
    const title = `${'a'.repeat(FIELD_LIMITS.title - 1)}😀 and more`;
    const result = extractFromFeedContent({ title, contentText: body }, 'https://news.example/a');
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.article.title).toBe('a'.repeat(FIELD_LIMITS.title - 1));
    expect(result.article.truncated).toEqual({ title: title.length });
  });

  it('cuts a page body and its byline, and the HTML at a tag end', () => {
    const paragraph = `<p>${'word '.repeat(200)}</p>`;
    const html = `<html><head><title>Long</title><meta name="author" content="${'B'.repeat(2_000)}"></head><body><article><h1>Long</h1>${paragraph.repeat(1_500)}</article></body></html>`;
    const result = extractArticle(html, 'https://news.example/long', { dom: 'linkedom' });
    if (result.status !== 'ok') throw new Error(result.reason);
    const { article } = result;
    expect(article.bodyText.length).toBeLessThanOrEqual(FIELD_LIMITS.bodyText);
    expect(article.bodyHtml!.length).toBeLessThanOrEqual(FIELD_LIMITS.bodyHtml);
    expect(article.bodyHtml!.endsWith('>')).toBe(true);
    expect(article.byline!.length).toBeLessThanOrEqual(FIELD_LIMITS.byline);
    expect(Object.keys(article.truncated ?? {}).sort()).toEqual(['bodyText', 'byline']);
    expect(article.truncated!.bodyText).toBeGreaterThan(FIELD_LIMITS.bodyText);
  });
});
