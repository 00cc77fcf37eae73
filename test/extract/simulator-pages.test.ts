// The simulator's article pages (fixture stories and generated ones) through the extractor: the
// body is the story, starting at its dateline's story text, not at the page's section label.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { generateStories } from '../../src/simulator/generate.js';
import { renderArticlePage } from '../../src/simulator/page.js';
import { loadStories } from '../../src/simulator/stories.js';
import type { SimStory } from '../../src/simulator/types.js';

const SITE = 'http://sim.example';

function extract(story: SimStory) {
  const url = `${SITE}/news/${story.slug}`;
  const html = renderArticlePage({
    story,
    siteUrl: SITE,
    canonicalUrl: url,
    updatedAt: new Date(story.publishedAt),
    version: 1,
    related: [{ title: 'Another story from the wire desk today', url: `${SITE}/news/other` }],
  });
  const result = extractArticle(html, url);
  if (result.status !== 'ok') throw new Error(`${story.slug}: ${result.reason}`);
  return result.article;
}

// The first paragraph without its dateline ("SEOUL, South Korea (AP) — "), as the body holds it.
const storyStart = (story: SimStory) => story.paragraphs[0].replace(/^[^—]{0,80}—\s*/, '').slice(0, 40);

describe('simulator article pages', () => {
  const stories = [...loadStories(), ...generateStories(20, 7)];

  for (const story of stories) {
    it(`${story.slug}: the body starts with the story, not a section label`, () => {
      const article = extract(story);
      const section = story.tags?.[0] ?? 'News';
      expect(article.bodyText.startsWith(`${section}\n`)).toBe(false);
      expect(article.bodyText.startsWith(storyStart(story))).toBe(true);
      // The closing line is either story or a credit ("… contributed to this report").
      const last = story.paragraphs[story.paragraphs.length - 1].slice(0, 40);
      expect([article.bodyText, ...article.credits].some((text) => text.includes(last))).toBe(true);
    });
  }
});
