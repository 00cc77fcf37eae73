// `lede process` as a user runs it: NDJSON in on stdin, NDJSON out on stdout. The first batch
// goes through the real command (bin/lede.js, stdin to stdout); the other cases call the
// command's own function (runProcess) on files, since each process start loads the models again.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess, type ProcessOptions } from '../../src/cli/process.js';

const run = promisify(execFile);
const seed = readFileSync('fixtures/seed-wire-story.txt', 'utf8');

const ndjson = (lines: unknown[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
const parse = (out: string): any[] =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

/** `lede process` as a process: `node bin/lede.js process`, lines on stdin. */
async function ledeCommand(lines: unknown[]): Promise<any[]> {
  const child = run('node', ['bin/lede.js', 'process'], { maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin!.end(ndjson(lines));
  return parse((await child).stdout);
}

/** `lede process --input FILE --output FILE`, run in this process. */
async function lede(lines: unknown[], opts: Omit<ProcessOptions, 'input' | 'output'> = {}): Promise<any[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lede-process-'));
  try {
    const input = join(dir, 'in.ndjson');
    const output = join(dir, 'out.ndjson');
    writeFileSync(input, ndjson(lines));
    await runProcess({ ...opts, input, output });
    return parse(readFileSync(output, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The inputs of the tests below, in one run: each run starts a process that loads the models,
// the costliest part of this file. Inputs keep apart by id, and no two stories overlap.
const first =
  'WASHINGTON (AP) — The Senate passed a $95 billion aid package for Ukraine, Israel and Taiwan early Tuesday after months of delay, sending it to the House.';
const second = `${first}\n\nSenate Majority Leader Chuck Schumer said the vote showed America would stand with its allies. House Speaker Mike Johnson has not said when the chamber will take it up.`;
const stormHtml = `<html><head><title>Storm hits coast - Daily News</title></head><body><nav>Home | World | Sport</nav>
      <article><h1>Storm hits coast</h1>${'<p>Heavy rain and strong winds battered the coast of Florida on Monday, cutting power to thousands of homes and forcing the closure of schools across the region, officials said.</p>'.repeat(4)}</article>
      <footer>Copyright Daily News</footer></body></html>`;
const batch: unknown[] = [
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
  { id: 'seed', text: seed, title: 'Kim Jong Un arrives in Russia for meeting with Putin' },
  { id: '1', guid: 'ap-senate-aid', text: first, title: 'Senate passes aid package' },
  { id: '2', guid: 'ap-senate-aid', text: second, title: 'Senate passes $95 billion aid package for Ukraine, Israel' },
  { id: '3', guid: 'ap-senate-aid', text: second, title: 'Senate passes $95 billion aid package for Ukraine, Israel' },
  { id: 'h', html: stormHtml, url: 'https://news.example.com/storm' },
];

describe('lede process', () => {
  let out: any[];
  const line = (itemId: string) => out.find((o) => o.itemId === itemId);
  beforeAll(async () => {
    out = await ledeCommand(batch);
  }, 120_000);

  it('tags the seed wire story with its people, places and politics', () => {
    const seedOut = line('seed');
    const names = (type: string) => seedOut.entities.filter((e: any) => e.type === type).map((e: any) => e.name);
    expect(names('person')).toEqual(expect.arrayContaining(['Kim Jong Un', 'Vladimir Putin']));
    expect(names('location')).toEqual(expect.arrayContaining(['North Korea', 'Russia']));
    const politics = seedOut.topics.find((t: any) => t.code === 'medtop:11000000');
    expect(politics?.label).toMatch(/^politics/);
    for (const e of seedOut.entities) {
      for (const m of e.mentions) expect(seedOut.bodyText.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('keeps plain text as given, files a short English item as English and honours a declared language', async () => {
    const wire =
      'SOCCER - JAPAN GET LUCKY WIN .\nAL-AIN , United Arab Emirates 1996-12-06\nJapan began the defence of their\nAsian Cup title with a lucky 2-1 win against Syria.';
    const [kept, short, declared] = await lede([
      { id: 'wire', text: wire },
      { id: 'short', text: 'Angela Merkel visited Berlin on Monday and met Emmanuel Macron.' },
      { id: 'de', text: 'Bayern München 2 Borussia Dortmund 1', language: 'de' },
    ]);
    expect(kept.bodyText).toBe(wire);
    expect(short.language).toBe('en');
    expect(short.entities.map((e: any) => e.name)).toEqual(
      expect.arrayContaining(['Angela Merkel', 'Emmanuel Macron']),
    );
    expect(declared.language).toBe('de');
    expect(declared.entities).toEqual([]);
  }, 60_000);

  it('writes one line per input line, in order, and keeps going past bad lines', () => {
    expect(out.map((o) => o.itemId)).toEqual(['a', 'line 2', 'c', 'd', 'seed', '1', '2', '3', 'h']);
    expect(out[1].error.code).toBe('invalid_json');
    expect(out[2].error.code).toBe('no_content');
    expect(out[0].dedupe.kind).toBe('new');
    expect(out[3].dedupe.kind).toBe('new');
    expect(out[0].storyId).not.toBe(out[3].storyId);
  });

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
    // The line's limit counts the extraction process's start too: generous, for a busy machine.
    const [out] = await lede([{ id: 'nav', html: '<html><body><nav>Home</nav></body></html>' }], {
      timeoutMs: 120_000,
    });
    expect(out.error.code).toBe('not_article');
    expect(out.error.message).toMatch(/^extract: /);
    expect(out.error.message).not.toMatch(/extract: extract:/);
  }, 150_000);

  it('recognises a later line as a new version of an earlier one, and a repeat as a duplicate', () => {
    const [v1, v2, repeat] = ['1', '2', '3'].map(line);
    expect(v2.dedupe.kind).toBe('update');
    expect(v2.storyId).toBe(v1.storyId);
    expect(v2.version).toBe(2);
    expect(repeat.dedupe.kind).toBe('duplicate');
    expect(repeat.storyId).toBe(v1.storyId);
  });

  it('extracts the body from html', () => {
    const h = line('h');
    expect(h.error).toBeUndefined();
    expect(h.bodyText).toContain('Heavy rain and strong winds');
    expect(h.bodyText).not.toContain('Copyright Daily News');
  });
});

describe('lede process on bad input', () => {
  const story =
    'LONDON (Reuters) - The Bank of England raised interest rates on Thursday to 5.25%, its highest level in 15 years, as inflation stayed far above its 2% target.';

  it('answers a whitespace-only line with an error line, keeping one output line per input line', async () => {
    const out = await lede([{ id: 'a', text: story }, '   \t ', { id: 'c', text: story }]);
    expect(out.map((o) => o.itemId)).toEqual(['a', 'line 2', 'c']);
    expect(out[1].error.code).toBe('empty_line');
    expect(out[2].dedupe.kind).toBe('duplicate');
  }, 60_000);

  it('refuses a 50 MB text with a clear error line and goes on with the next line', async () => {
    const huge = 'word '.repeat(10 * 1024 * 1024); // 50 MB
    const out = await lede([
      { id: 'huge', text: huge },
      { id: 'after', text: story },
    ]);
    expect(out[0]).toEqual({
      itemId: 'huge',
      error: { code: 'too_large', message: 'process: "text" is 50.0 MB, over the 5.0 MB limit' },
    });
    expect(out[1]).toMatchObject({ itemId: 'after', dedupe: { kind: 'new' } });
  }, 120_000);

  it('gives up on a line past the time limit with an error line coded timeout, and goes on', async () => {
    // The worker wrapper blocks for good on a page from hang.fault, like a parse that never ends;
    // the limit is generous for the ordinary line that follows.
    const out = await lede(
      [
        { id: 'slow', html: '<html><body><p>Never parsed.</p></body></html>', url: 'https://hang.fault/slow' },
        { id: 'after', text: story },
      ],
      { timeoutMs: 10_000, workerEntry: fileURLToPath(new URL('./faulty-process-worker.ts', import.meta.url)) },
    );
    expect(out[0]).toMatchObject({ itemId: 'slow', error: { code: 'timeout' } });
    expect(out[1]).toMatchObject({ itemId: 'after', dedupe: { kind: 'new' } });
  }, 120_000);
});
