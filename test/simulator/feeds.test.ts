import Parser from 'rss-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import type { SimStory } from '../../src/simulator/types.js';

type AtomFields = { id?: string; author?: string; updated?: string };
const parser = new Parser<Record<string, unknown>, AtomFields>({ customFields: { item: ['updated'] } });

function story(slug: string, minutesAfter: number, paragraphs = 6): SimStory {
  return {
    slug,
    title: `Headline for ${slug}`,
    paragraphs: Array.from({ length: paragraphs }, (_, i) =>
      i === 0
        ? `LIMA, Peru (AP) — Lede of ${slug} with enough words to read like a wire lede.`
        : `Paragraph ${i} of ${slug} carries details only the page has.`,
    ),
    byline: 'By Rosa Quintero',
    publishedAt: new Date(Date.UTC(2024, 4, 1, 12, minutesAfter)).toISOString(),
    agency: 'AP',
    tags: ['World'],
  };
}

let sim: WireSimulator;
beforeEach(async () => {
  sim = await startWireSimulator({ stories: [story('older', 0), story('newer', 5)], feeds: ['wire', 'sport'] });
});
afterEach(() => sim.close());

describe('the RSS feed', () => {
  it('parses as RSS 2.0 with items newest first, each with guid, link, date and a summary only', async () => {
    sim.publish(story('first-in-wire', 10), 'wire');
    sim.publish(story('second-in-wire', 20), 'wire');
    const feed = await parser.parseString(await (await fetch(sim.feedUrl('wire'))).text());
    const slugs = feed.items.map((i) => i.link!.split('/').pop());
    expect(slugs).toEqual(['second-in-wire', 'first-in-wire', 'older']);
    const item = feed.items[0];
    expect(item.guid).toBe('urn:wiresim:story:second-in-wire');
    expect(item.link).toBe(sim.articleUrl('second-in-wire'));
    expect(new Date(item.pubDate!).toISOString()).toBe('2024-05-01T12:20:00.000Z');
    expect(item.content).toContain('Lede of second-in-wire');
    expect(item.content).not.toContain('SEOUL');
    expect(item.content).not.toContain('Paragraph 1');
  });

  it('deals the starting stories round-robin across the feeds', async () => {
    const sport = await parser.parseString(await (await fetch(sim.feedUrl('sport'))).text());
    expect(sport.items.map((i) => i.title)).toEqual(['Headline for newer']);
  });

  it('answers 404 for a feed it does not have', async () => {
    expect((await fetch(sim.feedUrl('nope'))).status).toBe(404);
  });
});

describe('when a story is published', () => {
  it('creates a feed it did not have and serves the story there', async () => {
    sim.publish(story('markets-open', 50), 'business');
    const feed = await parser.parseString(await (await fetch(sim.feedUrl('business'))).text());
    expect(feed.items.map((i) => i.link)).toEqual([sim.articleUrl('markets-open')]);
  });

  it('treats a known slug as a new version, moved to the top', async () => {
    sim.publish({ ...story('older', 0), title: 'Older, republished' }, 'wire');
    sim.publish(story('between', 60), 'wire');
    sim.publish({ ...story('older', 0), title: 'Older, republished again' }, 'wire');
    const feed = await parser.parseString(await (await fetch(sim.feedUrl('wire'))).text());
    expect(feed.items.map((i) => i.title)).toEqual(['Older, republished again', 'Headline for between']);
  });
});

describe('the Atom feed', () => {
  it('parses as Atom with the same stories, ids and links as the RSS feed', async () => {
    const atomText = await (await fetch(sim.feedUrl('wire', 'atom'))).text();
    expect(atomText).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    const atom = await parser.parseString(atomText);
    const rss = await parser.parseString(await (await fetch(sim.feedUrl('wire'))).text());
    expect(atom.items.map((i) => [i.id, i.link])).toEqual(rss.items.map((i) => [i.guid, i.link]));
    expect(atom.items[0].author).toBe('Rosa Quintero');
  });
});

describe('when a client revalidates the feed', () => {
  it('answers 304 to a matching If-None-Match and counts it', async () => {
    const first = await fetch(sim.feedUrl('wire'));
    await first.text();
    const etag = first.headers.get('etag')!;
    const again = await fetch(sim.feedUrl('wire'), { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(sim.stats().notModified).toBe(1);
  });

  it('answers 304 to If-Modified-Since equal to Last-Modified', async () => {
    const first = await fetch(sim.feedUrl('wire', 'atom'));
    await first.text();
    const again = await fetch(sim.feedUrl('wire', 'atom'), {
      headers: { 'If-Modified-Since': first.headers.get('last-modified')! },
    });
    expect(again.status).toBe(304);
  });

  it('serves the new document with new validators once the feed changed, even within the same second', async () => {
    const first = await fetch(sim.feedUrl('wire'));
    await first.text();
    sim.publish(story('breaking', 30));
    const byEtag = await fetch(sim.feedUrl('wire'), { headers: { 'If-None-Match': first.headers.get('etag')! } });
    const byDate = await fetch(sim.feedUrl('wire'), {
      headers: { 'If-Modified-Since': first.headers.get('last-modified')! },
    });
    expect(byEtag.status).toBe(200);
    expect(byDate.status).toBe(200);
    expect(await byEtag.text()).toContain('breaking');
    expect(byEtag.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(Date.parse(byEtag.headers.get('last-modified')!)).toBeGreaterThan(
      Date.parse(first.headers.get('last-modified')!),
    );
  });

  it('keeps a feed unchanged when only another feed changes', async () => {
    const before = await fetch(sim.feedUrl('sport'));
    await before.text();
    sim.publish(story('wire-only', 40), 'wire');
    const after = await fetch(sim.feedUrl('sport'), { headers: { 'If-None-Match': before.headers.get('etag')! } });
    expect(after.status).toBe(304);
  });
});

describe('when a story gets a new version', () => {
  it('keeps its guid and URL but changes the content, the updated time and the validators', async () => {
    const beforeRes = await fetch(sim.feedUrl('wire', 'atom'));
    const before = await parser.parseString(await beforeRes.text());
    const pageBefore = await fetch(sim.articleUrl('older'));
    const htmlBefore = await pageBefore.text();

    sim.publishVersion('older', {
      title: 'Corrected headline for older',
      appendParagraphs: ['A late paragraph added in the update.'],
    });

    const afterRes = await fetch(sim.feedUrl('wire', 'atom'), {
      headers: { 'If-None-Match': beforeRes.headers.get('etag')! },
    });
    expect(afterRes.status).toBe(200);
    const after = await parser.parseString(await afterRes.text());
    const was = before.items.find((i) => i.link === sim.articleUrl('older'))!;
    const now = after.items.find((i) => i.link === sim.articleUrl('older'))!;
    expect(now.id).toBe(was.id);
    expect(now.title).toBe('Corrected headline for older');
    expect(Date.parse(now.updated!)).toBeGreaterThan(Date.parse(was.updated!));

    const pageAfter = await fetch(sim.articleUrl('older'), {
      headers: { 'If-None-Match': pageBefore.headers.get('etag')! },
    });
    expect(pageAfter.status).toBe(200);
    const htmlAfter = await pageAfter.text();
    expect(htmlBefore).not.toContain('A late paragraph added in the update.');
    expect(htmlAfter).toContain('<p>A late paragraph added in the update.</p>');
    expect(htmlAfter).toContain('<p>Paragraph 5 of older carries details only the page has.</p>');
  });

  it('replaces the body when given paragraphs', async () => {
    sim.publishVersion('newer', {
      paragraphs: ['LIMA, Peru (AP) — A rewritten lede.', 'A rewritten second paragraph.'],
    });
    const html = await (await fetch(sim.articleUrl('newer'))).text();
    expect(html).toContain('A rewritten second paragraph.');
    expect(html).not.toContain('Paragraph 3 of newer');
  });

  it('refuses a version of a story it never published', () => {
    expect(() => sim.publishVersion('ghost', { title: 'x' })).toThrow('simulator: no story "ghost"');
  });
});

describe('when a story is withdrawn', () => {
  it('answers 410 for the page and marks the feed item with the kill category', async () => {
    sim.withdraw('older');
    expect((await fetch(sim.articleUrl('older'))).status).toBe(410);
    const feed = await parser.parseString(await (await fetch(sim.feedUrl('wire'))).text());
    const item = feed.items.find((i) => i.link === sim.articleUrl('older'))!;
    expect(item.categories).toContain('kill');
    const live = feed.items.find((i) => i.link === sim.articleUrl('newer'));
    expect(live?.categories ?? []).not.toContain('kill');
  });
});
