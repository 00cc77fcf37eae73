// Page notices, repeated captions and furniture in other languages, on small pages written for each rule.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const URL_ = 'https://news.example/2024/04/24/story';

const PARA = [
  'The regional council approved the new water plan on Monday after a debate that lasted most of the afternoon and ended with a narrow vote.',
  'Officials said the plan would cost about 40 million euros over five years and would replace pipes that in some towns are more than a century old.',
  'Farmers welcomed the decision but said they still wanted guarantees about irrigation during the summer months, when shortages are most common.',
  'The opposition said it would challenge parts of the plan in court, arguing that the council had not consulted residents in the smaller villages.',
];

function page(body: string, lang = 'en', title = 'Council approves water plan'): string {
  return `<!doctype html><html lang="${lang}"><head><title>${title} | Example News</title></head>
<body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${body}</article></body></html>`;
}

function bodyOf(html: string): string {
  const result = extractArticle(html, URL_);
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.reason}`);
  return result.article.bodyText;
}

const p = (text: string) => `<p>${text}</p>`;

describe('notices about the page', () => {
  const body = bodyOf(
    page(`${p(PARA[0])}
<p><em>This article was machine-translated from German and checked by an editor.</em></p>
${p(PARA[1])}
<div><p>Link zum YouTube-Inhalt</p></div>
<figure><img src="/a.jpg" alt="Workers replace a water main in the old town on Monday"></figure>
<div><p>Workers replace a water main in the old town on Monday</p></div>
${p(PARA[2])}
<ul><li>News on your phone? Get our app for <a href="/android">Android</a> and <a href="/ios">iOS</a>.</li>
<li>Our day in brief: the morning newsletter is <a href="/nl">here</a>.</li></ul>
<div class="alert"><strong>Ad block users:</strong> some features may not work while an ad blocker is enabled.</div>
${p(PARA[3])}
<h3>Join the conversation</h3>
<p>Comments are moderated and do not necessarily reflect the views of the newsroom.</p>
<p>Il vous reste 72 % de cet article à lire.</p>
<p>Follow us on WhatsApp and Google News for more stories.</p>`),
  );

  it('drops translation notes, consent placeholders, repeated captions, channel and paywall prompts', () => {
    for (const gone of ['machine-translated', 'YouTube', 'Workers replace', 'Android', 'newsletter', 'ad blocker']) {
      expect(body).not.toContain(gone);
    }
    for (const gone of ['Join the conversation', 'moderated', 'Il vous reste', 'WhatsApp'])
      expect(body).not.toContain(gone);
  });

  it('keeps every paragraph of the story', () => {
    for (const text of PARA) expect(body).toContain(text);
  });

  it('keeps story paragraphs that mention apps, social networks or ad blockers', () => {
    const story = [
      'Meta said <a href="/2024/04/outage">Facebook and Instagram</a> were unavailable for two hours on Tuesday.',
      'Publishers say readers with an ad blocker now make up a fifth of their audience, and several sites ask them to switch it off before reading on.',
    ];
    const text = bodyOf(page(`${p(PARA[0])}${p(story[0])}${p(PARA[1])}${p(story[1])}${p(PARA[2])}`));
    expect(text).toContain('Meta said Facebook and Instagram were unavailable');
    expect(text).toContain('Publishers say readers with an ad blocker');
  });
});

describe('furniture in other languages', () => {
  it('drops related-story headings with their lists, tags, credits and reading times', () => {
    const html = page(
      `<p>Lectura: 4 min</p>${p(PARA[0])}${p(PARA[1])}
<h3>Noticias relacionadas</h3><ul><li><a href="/a">Otra noticia</a></li><li><a href="/b">Una más</a></li></ul>
${p(PARA[2])}${p(PARA[3])}<p>Le Monde avec AFP</p>
<h4>Archivado en</h4><ul><li><a href="/t/agua">Agua</a></li><li><a href="/t/campo">Campo</a></li></ul>`,
    );
    const text = bodyOf(html);
    for (const gone of ['Lectura', 'Noticias relacionadas', 'Otra noticia', 'avec AFP', 'Archivado', 'Agua']) {
      expect(text).not.toContain(gone);
    }
    for (const kept of PARA) expect(text).toContain(kept);
  });

  it('keeps a Japanese story whole, subheadings included, and drops its date line, caption and paywall note', () => {
    const ja = [
      '東京都は２４日、都内の水道管の更新計画を発表した。老朽化した水道管を今後５年間で順次取り替え、総事業費は約４００億円を見込んでいる。',
      '計画によると、築５０年を超える水道管が多い地域から優先的に工事を進める。工事中は一部地域で断水が発生する可能性があるという。',
      '都の担当者は「安全な水を安定して届けるために欠かせない事業だ」と話している。住民への説明会は来月から各区で開かれる予定だ。',
    ];
    const html = page(
      `<p>2024年4月24日 10時30分</p>${p(ja[0])}<h2>工事の進め方</h2>${p(ja[1])}
<div><p>水道管の交換工事＝東京都新宿区で、山田太郎撮影</p></div>${p(ja[2])}
<p>【関連記事】<a href="/b">水道料金の値上げを検討</a></p>
<p>この記事は有料記事です。残り1234文字</p>`,
      'ja',
      '都が水道管の更新計画を発表',
    );
    const text = bodyOf(html);
    for (const kept of [...ja, '工事の進め方']) expect(text).toContain(kept);
    for (const gone of ['10時30分', '撮影', '関連記事', '残り']) expect(text).not.toContain(gone);
  });
});
