// Sanitizing, datelines, credits and boilerplate, on small pages written for each rule.
import { describe, expect, it } from 'vitest';
import { extractArticle, extractFromFeedContent, type ExtractOptions } from '../../src/extract/index.js';
import { matchDateline } from '../../src/extract/dateline.js';

const URL_ = 'https://news.example/world/story?utm_source=x';

const PARA = [
  'The regional council approved the new water plan on Monday after a debate that lasted most of the afternoon and ended with a narrow vote.',
  'Officials said the plan would cost about 40 million euros over five years and would replace pipes that in some towns are more than a century old.',
  'Farmers welcomed the decision but said they still wanted guarantees about irrigation during the summer months, when shortages are most common.',
  'The opposition said it would challenge parts of the plan in court, arguing that the council had not consulted residents in the smaller villages.',
];

function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><title>Council approves water plan | Example News</title>${head}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Council approves water plan</h1>${body}</article>
<footer><a href="/about">About</a></footer></body></html>`;
}

function ok(html: string, opts?: ExtractOptions) {
  const result = extractArticle(html, URL_, opts);
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.reason}`);
  return result.article;
}

const paras = (list = PARA) => list.map((p) => `<p>${p}</p>`).join('\n');

describe('sanitized body HTML', () => {
  const article = ok(
    page(`<p>${PARA[0]} <a href="/world/more" onclick="steal()">more</a> <a href="javascript:alert(1)">bad link</a></p>
<iframe src="https://evil.example/"></iframe>
<p>${PARA[1]} <img src="/img/pipe.jpg" onerror="alert(1)"></p>${paras(PARA.slice(2))}`),
  );

  it('has no scripts, handlers, iframes or javascript: URLs', () => {
    expect(article.bodyHtml).not.toMatch(/<script|onclick|onerror|<iframe|javascript:/i);
  });

  it('makes links and images absolute', () => {
    expect(article.bodyHtml).toContain('href="https://news.example/world/more"');
    expect(article.bodyHtml).toContain('src="https://news.example/img/pipe.jpg"');
  });

  it('never lets script text into the body text', () => {
    const withScript = ok(
      page(`${paras()}<script>document.write('<p>Injected</p>')</script><noscript><p>Enable JS</p></noscript>`),
    );
    expect(withScript.bodyText).not.toMatch(/Injected|Enable JS|document\.write/);
  });
});

describe('structured body text', () => {
  it('separates paragraphs with a blank line and puts list items on their own lines', () => {
    const article = ok(
      page(
        `${paras(PARA.slice(0, 2))}<h2>What happens next</h2><ul><li>Tenders open in May</li><li>Work starts in autumn</li></ul>${paras(PARA.slice(2))}`,
      ),
    );
    expect(article.bodyText).toContain(
      `${PARA[0]}\n\n${PARA[1]}\n\nWhat happens next\n\nTenders open in May\nWork starts in autumn\n\n${PARA[2]}`,
    );
  });
});

describe('datelines', () => {
  it.each([
    ['SEOUL, South Korea (AP) —', { place: 'SEOUL, South Korea', agency: 'AP' }],
    ['LONDON (Reuters) -', { place: 'LONDON', agency: 'Reuters' }],
    ['NEW YORK, March 5 (Reuters) -', { place: 'NEW YORK', agency: 'Reuters' }],
    ['WASHINGTON —', { place: 'WASHINGTON' }],
    ['(CNN) —', { agency: 'CNN' }],
  ])('splits "%s" into place and agency and removes it from the body', (text, parts) => {
    const article = ok(page(paras([`${text} ${PARA[0]}`, ...PARA.slice(1)])));
    expect(article.dateline).toEqual({ text, ...parts });
    expect(article.bodyText.startsWith(PARA[0])).toBe(true);
    expect(article.bodyHtml).not.toContain(text);
  });

  it('does not take an all-caps label or an ordinary sentence for a dateline', () => {
    expect(matchDateline('BREAKING — The council voted')).toBeUndefined();
    expect(matchDateline('The minister said — again — that')).toBeUndefined();
    expect(matchDateline('NASA said on Monday it would')).toBeUndefined();
  });
});

describe('credits', () => {
  it.each([
    ['Reporting by Anna Weber; Editing by Tom Hale'],
    ['(Reporting by Anna Weber; Writing by Tom Hale)'],
    ['Associated Press writers Jane Roe and John Doe contributed.'],
    ['Maria Lopez in Madrid contributed to this report.'],
  ])('moves the trailing line "%s" into credits', (line) => {
    const article = ok(page(`${paras()}<p>${line}</p>`));
    expect(article.credits).toEqual([line.replace(/^\((.*)\)$/, '$1')]);
    expect(article.bodyText.endsWith(PARA[3])).toBe(true);
  });

  it('keeps a paragraph that merely mentions reporting', () => {
    const line =
      'Reporting by the local paper in 2019 first revealed that the pipes had not been inspected for decades, prompting an investigation by the national water regulator that found widespread failures.';
    const article = ok(page(`${paras()}<p>${line}</p>`));
    expect(article.credits).toEqual([]);
    expect(article.bodyText.endsWith(line)).toBe(true);
  });
});

describe('boilerplate inside the article', () => {
  const noise = [
    '<div class="ad"><p>Advertisement</p></div>',
    '<p>Share this article</p>',
    '<p>Follow us on Twitter for the latest updates</p>',
    '<p>Sign up for our morning newsletter and get the news delivered to your inbox.</p>',
    '<p>Photo: Jane Smith/Example News</p>',
    '<p>(AP Photo/Ahn Young-joon)</p>',
    '<h3>Related stories</h3><ul><li><a href="/a">Drought hits farms</a></li><li><a href="/b">Pipes burst in cold snap</a></li></ul>',
    '<p>Read more: <a href="/c">How the water plan was drawn up in secret talks</a></p>',
  ];
  const article = ok(
    page([PARA[0], ...noise, ...PARA.slice(1)].map((x) => (x.startsWith('<') ? x : `<p>${x}</p>`)).join('\n')),
  );

  it('removes ad labels, share and follow prompts, sign-ups, photo credits and related links', () => {
    expect(article.bodyText).toBe(PARA.join('\n\n'));
  });

  it('keeps a short opening sentence that mentions a date', () => {
    const lede = 'The storm reached the coast on March 5, officials said.';
    expect(ok(page(paras([lede, ...PARA]))).bodyText.startsWith(lede)).toBe(true);
  });

  it('never drops real paragraphs that contain such words', () => {
    const real =
      'Residents can share their views on the plan at a public meeting next week, and the council will publish a newsletter explaining the changes to every household before the work begins.';
    const kept = ok(page(paras([...PARA, real])));
    expect(kept.bodyText).toContain(real);
  });
});

describe('metadata', () => {
  const head = `<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example/world/water-plan?utm_medium=social&fbclid=abc&id=7&gclid=x&mc_cid=1&ocid=2&cmpid=3">
<meta property="article:published_time" content="2024-05-02T09:30:00+02:00">
<meta property="article:modified_time" content="2024-05-02T11:00:00">
<meta name="author" content="By Jane Roe and John Doe">
<meta property="og:image" content="/img/lead.jpg">`;
  const article = ok(page(paras(), head));

  it('strips the site suffix from <title> and records where the title came from', () => {
    expect(article.title).toBe('Council approves water plan');
    expect(article.sources.title).toBe('title');
  });

  it('removes tracking parameters from the canonical URL', () => {
    expect(article.canonicalUrl).toBe('https://news.example/world/water-plan?id=7');
    expect(article.sources.canonicalUrl).toBe('rel=canonical');
  });

  it('normalizes dates to ISO 8601 UTC', () => {
    expect(article.publishedAt).toBe('2024-05-02T07:30:00.000Z');
    expect(article.modifiedAt).toBe('2024-05-02T11:00:00.000Z');
  });

  it('splits the meta author into names and resolves the lead image', () => {
    expect(article.authors).toEqual(['Jane Roe', 'John Doe']);
    expect(article.sources.authors).toBe('meta');
    expect(article.leadImage).toBe('https://news.example/img/lead.jpg');
    expect(article.siteName).toBe('Example News');
  });

  it('prefers the feed title and authors when given', () => {
    const fed = ok(page(paras(), head), { feed: { title: 'Water plan passes', authors: ['Desk Editor'] } });
    expect(fed.title).toBe('Water plan passes');
    expect(fed.authors).toEqual(['Desk Editor']);
    expect(fed.sources).toMatchObject({ title: 'feed', authors: 'feed' });
  });

  it('uses Content-Language when the page declares no language, and detects it otherwise', () => {
    const bare = page(paras()).replace(' lang="en"', '');
    expect(ok(bare, { contentLanguage: 'en-GB' })).toMatchObject({
      language: 'en',
      sources: { language: 'content-language' },
    });
    expect(ok(bare)).toMatchObject({ language: 'en', sources: { language: 'detected' } });
  });
});

describe('feed-supplied text', () => {
  const feed = {
    title: 'Council approves water plan',
    contentHtml: paras(),
    publishedAt: 'Thu, 02 May 2024 07:30:00 GMT',
  };

  it('is used when the page is not an article', () => {
    const result = extractArticle('<html><body><p>Subscribe to read.</p></body></html>', URL_, { feed });
    expect(result).toMatchObject({
      status: 'ok',
      article: { bodyText: PARA.join('\n\n'), sources: { bodyText: 'feed' } },
    });
  });

  it('is used when the page is over the size cap', () => {
    const result = extractArticle(`<html><body>${'x'.repeat(2000)}</body></html>`, URL_, { feed, maxBytes: 1000 });
    expect(result.status).toBe('ok');
  });

  it('extracts alone with dates normalized and the URL cleaned', () => {
    const result = extractFromFeedContent(feed, URL_);
    expect(result).toMatchObject({
      status: 'ok',
      article: {
        publishedAt: '2024-05-02T07:30:00.000Z',
        canonicalUrl: 'https://news.example/world/story',
        wordCount: expect.any(Number),
      },
    });
  });

  it('skips a feed item without text', () => {
    expect(extractFromFeedContent({ title: 'x' }, URL_).status).toBe('skipped');
  });
});

describe('JSON-LD articleBody', () => {
  it('replaces a much shorter page body (paywall teaser)', () => {
    const body = PARA.concat(PARA.map((p) => p.replace('council', 'assembly'))).join('\n\n');
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Water', articleBody: body })}</script>`;
    const article = ok(
      page(`<p>${PARA[0]}</p><p>${PARA[1]}</p><div class="paywall"><p>Subscribe to continue reading.</p></div>`, ld),
    );
    expect(article.sources.bodyText).toBe('json-ld');
    expect(article.bodyText).toBe(body);
  });
});

describe('input limits', () => {
  it('throws a clear error for a page over the size cap', () => {
    expect(() => extractArticle(`<html>${'a'.repeat(6 * 1024 * 1024)}</html>`, URL_)).toThrow(
      /^extract: page is 6 MB, over the 5 MB limit/,
    );
  });

  it('throws a clear error for a page with too many elements, before parsing it', () => {
    expect(() =>
      extractArticle(`<html><body>${'<i>x</i>'.repeat(200)}</body></html>`, URL_, { maxElemsToParse: 100 }),
    ).toThrow(/^extract: page has \d+ elements, over the 100 limit/);
  });
});

describe('teaser cards, author boxes and glued headlines', () => {
  it('drops teaser cards whose only link is an overlay with screen-reader text', () => {
    const card = (kicker: string, title: string) =>
      `<article class="card"><a href="/other/${kicker.length}" class="overlay"><span class="sr-only">${title}</span></a><header><span>${kicker}</span><span>${title}</span></header></article>`;
    const html = page(
      `${paras()}<div class="list">${card('Harbour works', 'Ferry pier reopens after repairs')}${card('Schools', 'New timetable for the autumn term')}${card('Weather', 'Storm warning for the coast tonight')}</div>`,
    );
    const text = ok(html).bodyText;
    expect(text).toContain(PARA[3]);
    expect(text).not.toMatch(/Ferry pier|autumn term|Storm warning/);
  });

  it("drops a closing biography that opens with the declared author's name", () => {
    const html = page(
      `<p class="byline">By Maria Lindqvist</p>${paras()}<p>Maria Lindqvist is a reporter covering regional politics and infrastructure for Example News.</p>`,
      '<meta name="author" content="Maria Lindqvist">',
    );
    const text = ok(html).bodyText;
    expect(text).toContain(PARA[3]);
    expect(text).not.toContain('is a reporter covering');
  });

  it('drops a heading that glues a kicker onto the headline', () => {
    const html = page(
      `<h2><span>Regional politics</span><span>Council approves water plan</span></h2>${paras()}`,
    ).replace(
      '<title>Council approves water plan | Example News</title>',
      '<title>Regional politics: Council approves water plan | Example News</title>',
    );
    const text = ok(html).bodyText;
    expect(text.startsWith(PARA[0])).toBe(true);
  });
});

describe('standfirsts, pitches and stories split into boxes', () => {
  const SUMMARY = 'The vote ends a two-year dispute over who pays for the old pipes in the smaller villages.';

  it('keeps the standfirst that the page header repeats from its description', () => {
    const html = `<!doctype html><html lang="en"><head><title>Council approves water plan</title>
<meta property="og:description" content="${SUMMARY}"></head><body>
<header class="article-header"><h1>Council approves water plan</h1><p class="standfirst">${SUMMARY}</p></header>
<div class="article-body">${paras()}</div></body></html>`;
    const text = ok(html).bodyText;
    expect(text.startsWith(`${SUMMARY}\n\n${PARA[0]}`)).toBe(true);
    expect(text.split(SUMMARY)).toHaveLength(2);
  });

  it('drops a donation or subscription pitch closed by a call-to-action link, with its box', () => {
    const html = page(
      `${paras()}<div class="box"><p>Support local journalism</p><p>Independent reporting costs money. For less than a coffee a week you help us keep every story free to read for everyone in the region. <a class="button" href="/support">Subscribe now!</a></p></div>`,
    );
    const text = ok(html).bodyText;
    expect(text.endsWith(PARA[3])).toBe(true);
  });

  it('keeps every section of a story whose sections sit in sister boxes', () => {
    const section = (i: number) =>
      `<div class="con"><div class="mod"><div class="box-con"><div class="box"><h2>How the vote went, part ${i}</h2><p>${PARA[i]}</p></div></div></div></div>`;
    const teaser = `<div class="con"><div class="mod"><div class="box-con"><div class="box"><ul><li><a href="/other">Another story entirely</a></li></ul></div></div></div></div>`;
    const long = `<div class="con"><div class="mod"><div class="box-con"><div class="box"><h2>How the vote went, part 9</h2>${paras()}${paras()}${paras()}</div></div></div></div>`;
    const html = page(`${section(0)}${teaser}${section(1)}${teaser}${long}`);
    const text = ok(html).bodyText;
    expect(text).toContain('part 0');
    expect(text).toContain('part 1');
    expect(text.indexOf('part 0')).toBeLessThan(text.indexOf('part 1'));
    expect(text.indexOf('part 1')).toBeLessThan(text.indexOf('part 9'));
    expect(text).not.toContain('Another story entirely');
  });
});
