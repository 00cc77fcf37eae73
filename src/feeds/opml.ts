// OPML import and export for the feed list. OPML is a flat list of <outline> elements whose
// xmlUrl attribute names a feed; categories nest outlines, which we flatten into tags.
import type { FeedConfig } from '../shared/feed-list.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()];
  });
}

function encode(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g))
    attrs[m[1].toLowerCase()] = decode(m[3] ?? m[4] ?? '');
  return attrs;
}

/** A feed id from the outline's title or URL: stable, file-safe, unique within the import. */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'feed'
  );
}

export function parseOpml(xml: string): FeedConfig[] {
  if (!/<opml[\s>]/i.test(xml)) throw new Error('opml: not an OPML document (no <opml> element)');
  const feeds: FeedConfig[] = [];
  const used = new Set<string>();
  const categories: string[] = [];
  for (const m of xml.matchAll(/<outline\b([^>]*?)(\/?)>|<\/outline>/gi)) {
    if (m[0].startsWith('</')) {
      categories.pop();
      continue;
    }
    const attrs = attributes(m[1]);
    const selfClosing = m[2] === '/';
    if (attrs.xmlurl) {
      const name = attrs.title || attrs.text || undefined;
      let id = slug(name ?? attrs.xmlurl);
      for (let n = 2; used.has(id); n += 1) id = `${slug(name ?? attrs.xmlurl).slice(0, 44)}-${n}`;
      used.add(id);
      const tags = categories.filter(Boolean);
      feeds.push({ id, url: attrs.xmlurl, ...(name ? { name } : {}), ...(tags.length ? { tags } : {}) });
      if (!selfClosing) categories.push('');
    } else if (!selfClosing) {
      categories.push(attrs.title || attrs.text || '');
    }
  }
  return feeds;
}

export function toOpml(feeds: FeedConfig[], title = 'lede feeds'): string {
  const lines = feeds.map(
    (f) =>
      `    <outline type="rss" text="${encode(f.name ?? f.id)}" title="${encode(f.name ?? f.id)}" xmlUrl="${encode(f.url)}"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>${encode(title)}</title></head>\n  <body>\n${lines.join('\n')}\n  </body>\n</opml>\n`;
}
