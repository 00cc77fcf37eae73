// `lede process` as a user runs it: NDJSON in on stdin, NDJSON out on stdout.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const seed = readFileSync('fixtures/seed-wire-story.txt', 'utf8');

async function lede(lines: unknown[], args: string[] = []): Promise<any[]> {
  const child = run('node', ['bin/lede.js', 'process', ...args], { maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin!.end(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  const { stdout } = await child;
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('lede process', () => {
  it('tags the seed wire story with its people, places and politics', async () => {
    const [out] = await lede([
      { id: 'seed', text: seed, title: 'Kim Jong Un arrives in Russia for meeting with Putin' },
    ]);
    const names = (type: string) => out.entities.filter((e: any) => e.type === type).map((e: any) => e.name);
    expect(names('person')).toEqual(expect.arrayContaining(['Kim Jong Un', 'Vladimir Putin']));
    expect(names('location')).toEqual(expect.arrayContaining(['North Korea', 'Russia']));
    const politics = out.topics.find((t: any) => t.code === 'medtop:11000000');
    expect(politics?.label).toMatch(/^politics/);
    for (const e of out.entities) {
      for (const m of e.mentions) expect(out.bodyText.slice(m.start, m.end)).toBe(m.text);
    }
  }, 60_000);

  it('writes one line per input line, in order, and keeps going past bad lines', async () => {
    const out = await lede([
      {
        id: 'a',
        text: 'LONDON (Reuters) - The Bank of England raised interest rates on Thursday to 5.25%, its highest level in 15 years, as inflation stayed far above its 2% target.',
      },
      'not json',
      { id: 'c' },
      {
        id: 'd',
        text: 'Shares in Tokyo fell sharply on Friday after the Bank of Japan surprised markets by changing its bond yield policy.',
      },
    ]);
    expect(out.map((o) => o.itemId)).toEqual(['a', 'line 2', 'c', 'd']);
    expect(out[1].error.code).toBe('invalid_json');
    expect(out[2].error.code).toBe('no_content');
    expect(out[0].dedupe.kind).toBe('new');
    expect(out[3].dedupe.kind).toBe('new');
    expect(out[0].storyId).not.toBe(out[3].storyId);
  }, 60_000);

  describe('when a line has a headline and no text (a wire flash)', () => {
    it('stores it as a new story with an empty body, and the full copy joins it as version 2', async () => {
      const out = await lede([
        {
          id: 'flash',
          title: 'BANK OF ENGLAND RAISES RATES TO 5.25 PCT',
          slug: 'BC-BOE-RATES-URGENT',
          publishedAt: '2023-08-03T11:00:00Z',
        },
        {
          id: 'story',
          title: 'Bank of England raises rates to 5.25 pct, highest in 15 years',
          text: 'LONDON (Reuters) - The Bank of England raised interest rates on Thursday to 5.25 pct, its highest level in 15 years, as inflation stayed far above its 2 pct target.',
          slug: 'BC-BOE-RATES-1STLD',
          publishedAt: '2023-08-03T11:12:00Z',
        },
      ]);
      expect(out[0].error).toBeUndefined();
      expect(out[0]).toMatchObject({ dedupe: { kind: 'new' }, version: 1, bodyText: '' });
      expect(out[0].title).toBe('BANK OF ENGLAND RAISES RATES TO 5.25 PCT');
      expect(out[1]).toMatchObject({ storyId: out[0].storyId, version: 2, dedupe: { kind: 'update' } });
    }, 60_000);
  });

  it('names the stage once when a page is not an article', async () => {
    const [out] = await lede([{ id: 'nav', html: '<html><body><nav>Home</nav></body></html>' }]);
    expect(out.error.code).toBe('not_article');
    expect(out.error.message).toMatch(/^extract: /);
    expect(out.error.message).not.toMatch(/extract: extract:/);
  }, 60_000);

  it('recognises a later line as a new version of an earlier one, and a repeat as a duplicate', async () => {
    const first =
      'WASHINGTON (AP) — The Senate passed a $95 billion aid package for Ukraine, Israel and Taiwan early Tuesday after months of delay, sending it to the House.';
    const second = `${first}\n\nSenate Majority Leader Chuck Schumer said the vote showed America would stand with its allies. House Speaker Mike Johnson has not said when the chamber will take it up.`;
    const out = await lede([
      { id: '1', guid: 'ap-senate-aid', text: first, title: 'Senate passes aid package' },
      {
        id: '2',
        guid: 'ap-senate-aid',
        text: second,
        title: 'Senate passes $95 billion aid package for Ukraine, Israel',
      },
      {
        id: '3',
        guid: 'ap-senate-aid',
        text: second,
        title: 'Senate passes $95 billion aid package for Ukraine, Israel',
      },
    ]);
    expect(out[1].dedupe.kind).toBe('update');
    expect(out[1].storyId).toBe(out[0].storyId);
    expect(out[1].version).toBe(2);
    expect(out[2].dedupe.kind).toBe('duplicate');
    expect(out[2].storyId).toBe(out[0].storyId);
  }, 60_000);

  it('extracts the body from html', async () => {
    const html = `<html><head><title>Storm hits coast - Daily News</title></head><body><nav>Home | World | Sport</nav>
      <article><h1>Storm hits coast</h1>${'<p>Heavy rain and strong winds battered the coast of Florida on Monday, cutting power to thousands of homes and forcing the closure of schools across the region, officials said.</p>'.repeat(4)}</article>
      <footer>Copyright Daily News</footer></body></html>`;
    const [out] = await lede([{ id: 'h', html, url: 'https://news.example.com/storm' }]);
    expect(out.error).toBeUndefined();
    expect(out.bodyText).toContain('Heavy rain and strong winds');
    expect(out.bodyText).not.toContain('Copyright Daily News');
  }, 60_000);
});
