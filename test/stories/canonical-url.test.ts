import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, urlVariants } from '../../src/stories/canonical-url.js';

describe('canonicalizeUrl', () => {
  const canonical = 'https://example.com/world/2026/quake-chile';

  it.each([
    ['www', 'https://www.example.com/world/2026/quake-chile'],
    [
      'uppercase host, default port, trailing slash, fragment',
      'https://EXAMPLE.com:443/world/2026/quake-chile/#comments',
    ],
    [
      'campaign and click tracking',
      'https://example.com/world/2026/quake-chile?utm_source=rss&utm_medium=feed&fbclid=x1&gclid=y2&mc_cid=a&mc_eid=b&ocid=c&cmpid=d&smid=e&ref=home',
    ],
    ['mobile host', 'https://m.example.com/world/2026/quake-chile'],
    ['mobile. host', 'https://mobile.example.com/world/2026/quake-chile'],
    ['AMP host and /amp/ segment', 'https://amp.example.com/world/2026/quake-chile/amp/'],
    ['.amp suffix', 'https://example.com/world/2026/quake-chile.amp'],
    ['?amp=1', 'https://example.com/world/2026/quake-chile?amp=1'],
    ['outputType=amp', 'https://www.example.com/world/2026/quake-chile?outputType=amp'],
  ])('folds %s into one URL', (_name, url) => {
    expect(canonicalizeUrl(url)).toBe(canonical);
  });

  it('keeps parameters that select content, sorted', () => {
    expect(canonicalizeUrl('https://example.com/article?page=2&id=17&utm_campaign=x')).toBe(
      'https://example.com/article?id=17&page=2',
    );
  });

  it('keeps a non-default port and a path that merely contains "amp"', () => {
    expect(canonicalizeUrl('https://example.com:8080/camping/ampersand')).toBe(
      'https://example.com:8080/camping/ampersand',
    );
  });

  it("keeps a page's http:// canonical link as http, so the stored link still works", () => {
    expect(canonicalizeUrl('http://www.example.com/world/2026/quake-chile?utm_source=rss')).toBe(
      'http://example.com/world/2026/quake-chile',
    );
  });

  it('looks a page up under both schemes', () => {
    expect(urlVariants('http://example.com/a')).toEqual(['https://example.com/a', 'http://example.com/a']);
    expect(urlVariants('https://example.com/a')).toEqual(['https://example.com/a', 'http://example.com/a']);
  });

  it('keeps a two-label host that starts like a mirror prefix', () => {
    expect(canonicalizeUrl('https://m.com/story')).toBe('https://m.com/story');
  });

  it('returns unparseable input unchanged', () => {
    expect(canonicalizeUrl(' not a url ')).toBe('not a url');
  });
});
