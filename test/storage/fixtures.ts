// Records for storage tests: complete enough to exercise every field, small enough to read.
import type { ArticleRecord, StoryRecord } from '../../src/shared/types.js';
import { fingerprint, type StoredFingerprint } from '../../src/stories/fingerprint.js';

/** An article with every optional field set (nested parts included). */
export function fullArticle(overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 'a-full',
    storyId: 's-full',
    version: 2,
    feedId: 'feed-wire',
    guid: 'urn:wire:1234',
    url: 'https://news.example/world/1234?utm_source=rss',
    canonicalUrl: 'https://news.example/world/1234',
    textHash: 'th-full',
    title: 'Quake shakes Seoul; 100% of “ünïcode” survives',
    byline: 'By Kim Min-jun and Jane Doe',
    authors: ['Kim Min-jun', 'Jane Doe'],
    publishedAt: '2026-11-28T09:00:00+09:00',
    modifiedAt: '2026-11-28T01:30:00Z',
    language: 'en',
    siteName: 'Example News',
    leadImage: 'https://news.example/img/quake.jpg',
    bodyText: 'SEOUL, South Korea (AP) — A quake shook Seoul.\n\nNo damage was reported.',
    bodyHtml: '<p>A quake shook Seoul.</p><p>No damage was reported.</p>',
    wordCount: 12,
    dateline: { text: 'SEOUL, South Korea (AP) —', place: 'Seoul, South Korea', agency: 'AP' },
    credits: ['Reporting by Jane Doe'],
    sources: { title: 'og:title', publishedAt: 'json-ld' },
    entities: [
      {
        type: 'location',
        name: 'Seoul',
        mentions: [
          { text: 'SEOUL', start: 0, end: 5 },
          { text: 'Seoul', start: 39, end: 44 },
        ],
        count: 2,
        salience: 0.8125,
        wikidataId: 'Q8684',
        countryCode: 'KR',
        lat: 37.5665,
        lon: 126.978,
      },
      { type: 'person', name: 'Jane Doe', mentions: [], count: 1, salience: 0.1 },
    ],
    topics: [
      { code: 'medtop:06000000', label: 'environment', score: 0.7 },
      { code: 'medtop:03000000', label: 'disaster, accident and emergency incident', score: 0.95 },
    ],
    keywords: ['quake', 'seoul'],
    dedupe: {
      kind: 'update',
      storyId: 's-full',
      matchedArticleId: 'a-prev',
      rule: 'near-duplicate',
      score: 0.91,
      threshold: 0.8,
      reason: 'minhash jaccard 0.91 >= 0.8',
    },
    changes: { headlineChanged: true, paragraphsAdded: 1, paragraphsRemoved: 0, paragraphsChanged: 2 },
    fetchedAt: '2026-11-28T00:01:00.000Z',
    createdAt: '2026-11-28T00:02:00.000Z',
    ...overrides,
  };
}

/** An article with only the required fields, as a minimal feed item would give. */
export function article(id: string, overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  const storyId = overrides.storyId ?? `s-${id}`;
  return {
    id,
    storyId,
    version: 1,
    textHash: `th-${id}`,
    title: `Title of ${id}`,
    authors: [],
    bodyText: `Body of ${id}.`,
    wordCount: 3,
    credits: [],
    sources: {},
    entities: [],
    topics: [],
    keywords: [],
    dedupe: { kind: 'new', storyId, rule: 'none' },
    fetchedAt: '2026-11-01T00:00:00.000Z',
    createdAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The real fingerprint of the article, with the band keys a test wants to look it up by. */
export function fingerprintOf(
  a: ArticleRecord,
  bandKeys: string[] = [],
  extra: Partial<StoredFingerprint> = {},
): StoredFingerprint {
  return {
    ...fingerprint({ title: a.title, bodyText: a.bodyText }),
    articleId: a.id,
    storyId: a.storyId,
    bandKeys,
    ...(a.publishedAt ? { publishedAt: a.publishedAt } : {}),
    ...(a.feedId ? { feedId: a.feedId } : {}),
    ...extra,
  };
}

export function storyOf(a: ArticleRecord, overrides: Partial<StoryRecord> = {}): StoryRecord {
  return {
    id: a.storyId,
    latestArticleId: a.id,
    version: a.version,
    title: a.title,
    ...(a.feedId ? { feedId: a.feedId } : {}),
    withdrawn: false,
    firstSeenAt: a.createdAt,
    updatedAt: a.createdAt,
    ...overrides,
  };
}

/** ISO time `seconds` after a fixed origin, so tests order rows without reading the clock. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 10, 1) + seconds * 1000).toISOString();
}
