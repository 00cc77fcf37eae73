import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateStories } from '../../src/simulator/generate.js';
import { loadStories } from '../../src/simulator/stories.js';
import type { SimStory } from '../../src/simulator/types.js';

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ');

function shingles(story: SimStory): Set<string> {
  const w = words(story.paragraphs.join(' '));
  const set = new Set<string>();
  for (let i = 0; i + 5 <= w.length; i++) set.add(w.slice(i, i + 5).join(' '));
  return set;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

describe('the fixture stories', () => {
  const stories = loadStories();

  it('include the seed wire story word for word, without the date marker and separators', () => {
    const seed = stories.find((s) => s.slug === 'kim-jong-un-arrives-in-russia-putin-meeting')!;
    const source = readFileSync(new URL('../../fixtures/seed-wire-story.txt', import.meta.url), 'utf8')
      .replace(/^\s*date \d{4}-\d{2}-\d{2} /, '')
      .replace(/_{3}/g, '');
    expect(words(seed.paragraphs.join(' '))).toEqual(words(source));
    expect(seed.paragraphs[0].startsWith(seed.dateline!)).toBe(true);
    expect(seed.paragraphs.at(-1)).toMatch(/contributed\.$/);
  });

  it('cover at least eight other topics in 5-12 paragraphs, each opening with its dateline', () => {
    const others = stories.filter((s) => s.agency === 'AP' && !s.slug.startsWith('kim-'));
    expect(others.length).toBeGreaterThanOrEqual(8);
    expect(new Set(others.map((s) => s.tags![0])).size).toBeGreaterThanOrEqual(8);
    for (const s of others) {
      expect(s.paragraphs.length).toBeGreaterThanOrEqual(5);
      expect(s.paragraphs.length).toBeLessThanOrEqual(12);
      expect(s.paragraphs[0].startsWith(`${s.dateline} — `)).toBe(true);
    }
  });

  it('have unique slugs', () => {
    expect(new Set(stories.map((s) => s.slug)).size).toBe(stories.length);
  });
});

describe('generated stories', () => {
  it('are the same for the same seed and differ for another seed', () => {
    expect(generateStories(20, 42)).toEqual(generateStories(20, 42));
    expect(generateStories(20, 43)[0].paragraphs).not.toEqual(generateStories(20, 42)[0].paragraphs);
  });

  it('have unique slugs and wire-shaped bodies across 10,000 stories', () => {
    const stories = generateStories(10_000, 1);
    expect(new Set(stories.map((s) => s.slug)).size).toBe(10_000);
    for (const s of stories.slice(0, 200)) {
      expect(s.paragraphs[0].startsWith(`${s.dateline} — `)).toBe(true);
      expect(s.paragraphs.length).toBeGreaterThanOrEqual(5);
      expect(s.paragraphs.join(' ')).not.toMatch(/\{\w+\}/);
    }
  });

  it('are textually distinct: no two of 300 share more than a third of their word 5-shingles', () => {
    const sets = generateStories(300, 9).map(shingles);
    let max = 0;
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length; j++) {
        const similarity = jaccard(sets[i], sets[j]);
        max = Math.max(max, similarity);
        sum += similarity;
        pairs++;
      }
    }
    expect(max).toBeLessThan(1 / 3);
    expect(sum / pairs).toBeLessThan(0.1);
  });

  it('tell one event per story: the headline and lede agree on the numbers', () => {
    for (const s of generateStories(100, 5)) {
      const headlineNumbers = s.title.match(/\d[\d,]*/g) ?? [];
      for (const n of headlineNumbers) expect(s.paragraphs[0]).toContain(n);
    }
  });
});
