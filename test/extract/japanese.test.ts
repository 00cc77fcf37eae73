// Japanese captions and short Japanese opening paragraphs, on small pages.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const URL_ = 'https://news.example/world/story';

const JA = [
  '市議会は３日、新しい水道計画を賛成多数で可決した。計画では老朽化した水道管を５年かけて交換し、総事業費は約４０億円に上る見通しだ。',
  '農家からは歓迎の声が上がる一方、夏場の渇水時の農業用水の確保について、市に確約を求める意見も出ている。市は今後、説明会を開く方針だ。',
  '野党会派は、周辺の集落の住民への説明が不十分だったとして、計画の一部の見直しを求めていく考えを示している。',
];

function bodyText(html: string): string {
  const result = extractArticle(html, URL_);
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.reason}`);
  return result.article.bodyText;
}

describe('Japanese pages', () => {
  const page = (body: string) =>
    `<!doctype html><html lang="ja"><head><title>水道計画を可決 | 例新聞</title></head><body><article><h1>水道計画を可決</h1>${body}</article></body></html>`;

  it('drops a caption that hangs its date and place on a full-width equals sign', () => {
    const text = bodyText(
      page(
        `<p>${JA[0]}</p><div><p>本会議で採決する市議ら＝３日午後、市役所</p></div>${JA.slice(1)
          .map((p) => `<p>${p}</p>`)
          .join('')}`,
      ),
    );
    expect(text).not.toContain('本会議で採決する市議ら');
    expect(text).toContain(JA[2]);
  });

  it('keeps a bracketed dateline and a short opening paragraph that closes with 。', () => {
    const opening = '【東京＝山田太郎】市議会は３日、新しい水道計画を可決した。';
    const text = bodyText(page([opening, ...JA.slice(1)].map((p) => `<p>${p}</p>`).join('')));
    expect(text).toContain(opening);
    expect(text).toContain(JA[1]);
  });
});
