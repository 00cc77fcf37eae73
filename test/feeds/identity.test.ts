import { describe, expect, it } from 'vitest';
import { contentHash, itemKey } from '../../src/feeds/identity.js';
import type { FeedItem } from '../../src/shared/types.js';

const item = (fields: Partial<FeedItem>): FeedItem => ({ authors: [], categories: [], ...fields });

describe('itemKey', () => {
  it('keeps the same key when a guid-carrying item changes its URL and headline', () => {
    const before = item({ guid: 'g-1', url: 'https://a.example/x', title: 'Draft headline' });
    const after = item({ guid: 'g-1', url: 'https://a.example/x?utm_source=rss', title: 'Final headline' });
    expect(itemKey('feed-a', after)).toBe(itemKey('feed-a', before));
  });

  it('gives the same guid in two feeds two keys', () => {
    expect(itemKey('feed-a', item({ guid: '1' }))).not.toBe(itemKey('feed-b', item({ guid: '1' })));
  });

  it('falls back to the URL, then to title and date', () => {
    const byUrl = item({ url: 'https://a.example/x', title: 'T' });
    expect(itemKey('f', byUrl)).toBe(itemKey('f', { ...byUrl, title: 'Other' }));
    const byTitle = item({ title: 'T', publishedAt: '2026-11-28T00:00:00.000Z' });
    expect(itemKey('f', byTitle)).not.toBe(itemKey('f', { ...byTitle, publishedAt: '2026-11-29T00:00:00.000Z' }));
    expect(itemKey('f', byTitle)).toBe(itemKey('f', { ...byTitle }));
  });

  it('is a 32-character hex string, usable as a BullMQ job id', () => {
    expect(itemKey('feed:with:colons', item({ guid: 'urn:x' }))).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('contentHash', () => {
  const original = item({ guid: 'g', title: 'T', contentHtml: '<p>a</p>', publishedAt: '2026-11-28T00:00:00.000Z' });

  it('changes when the text or the withdrawn flag changes', () => {
    expect(contentHash({ ...original, contentHtml: '<p>b</p>' })).not.toBe(contentHash(original));
    expect(contentHash({ ...original, withdrawn: true })).not.toBe(contentHash(original));
  });

  it('changes when the item says it was updated, though only the page body changed', () => {
    expect(contentHash({ ...original, updatedAt: '2026-11-28T01:00:00.000Z' })).not.toBe(contentHash(original));
  });

  it('ignores a restamped publication date', () => {
    expect(contentHash({ ...original, publishedAt: '2026-11-29T00:00:00.000Z' })).toBe(contentHash(original));
  });

  it('does not confuse field boundaries', () => {
    expect(contentHash(item({ title: 'ab', summary: 'c' }))).not.toBe(contentHash(item({ title: 'a', summary: 'bc' })));
  });
});
