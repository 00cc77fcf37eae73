// Which pages extraction refuses: only those clearly not articles, each with its reason. A short
// page a feed links to is an article; so is text after a script on a Turkish page.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const URL_ = 'https://news.example/2026/05/quake';
const BREAKING = 'A magnitude 6.1 earthquake struck off the coast of Izmir on Tuesday, the disaster agency said.';

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><title>Quake strikes off Izmir</title>${head}</head><body>${body}</body></html>`;

describe('a short breaking-news page', () => {
  it('is stored, although Readability would call it too short to be readerable', () => {
    const result = extractArticle(
      page(
        `<header><a href="/">Home</a></header><article><h1>Quake strikes off Izmir</h1><p>${BREAKING}</p><p>More to follow.</p></article>`,
      ),
      URL_,
    );
    expect(result).toMatchObject({ status: 'ok', article: { bodyText: `${BREAKING}\n\nMore to follow.` } });
  });

  it('falls back to the feed text when the page has none', () => {
    const result = extractArticle(page('<div id="app"></div>'), URL_, { feed: { contentText: BREAKING } });
    expect(result).toMatchObject({ status: 'ok', article: { bodyText: BREAKING, sources: { bodyText: 'feed' } } });
  });
});

describe('pages that are not articles', () => {
  it('refuses an empty page, saying so', () => {
    expect(extractArticle(page('<div id="app"></div>'), URL_)).toEqual({
      status: 'skipped',
      reason: 'extract: page has no article text',
    });
  });

  it('refuses a login wall', () => {
    const result = extractArticle(
      page(`<main><h1>Sign in to keep reading</h1><p>Subscribers can read every story on our site and in the app.</p>
        <form><input name="user"><input type="password" name="pw"><button>Sign in</button></form></main>`),
      URL_,
    );
    expect(result.status).toBe('skipped');
    if (result.status === 'skipped') expect(result.reason).toMatch(/^extract: login wall/);
  });

  it('refuses an index page of headlines', () => {
    const teasers = Array.from(
      { length: 15 },
      (_, i) =>
        `<div><h3><a href="/news/${i}">Council votes on new budget for schools number ${i}</a></h3><p>Updated today.</p></div>`,
    ).join('');
    const result = extractArticle(
      page(`<main>${teasers}</main>`, '<meta property="og:type" content="website">'),
      'https://news.example/',
    );
    expect(result.status).toBe('skipped');
    if (result.status === 'skipped') expect(result.reason).toMatch(/^extract: index page/);
  });
});

describe('a Turkish page with dotted capital I before a script', () => {
  it('keeps every character after the script', () => {
    const before = 'İSTANBUL İZMİR İLÇE İKİ İNSAN İÇİN İYİ İŞ';
    const after = 'Kurtarma ekipleri sabaha kadar çalıştı ve enkaz altındaki herkese ulaştı, dedi yetkililer.';
    const html = page(
      `<article><h1>Deprem</h1><p>${before} deprem bölgesinde ekipler çalışmaya devam ediyor ve yardım ulaşıyor.</p><script>var x = 1;</script><p>${after}</p></article>`,
    ).replace('lang="en"', 'lang="tr"');
    const result = extractArticle(html, URL_);
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.article.bodyText).toContain(before);
    expect(result.article.bodyText.endsWith(after)).toBe(true);
  });
});
