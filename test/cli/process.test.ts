// `lede process` as a user runs it: NDJSON in on stdin, NDJSON out on stdout. Every case but one
// is a line of a single run of the real command (bin/lede.js, stdin to stdout), since each run
// starts a worker that loads the models again; the hang, which needs a faulty worker and a short
// limit, calls the command's own function (runProcess) on files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess, type ProcessOptions } from '../../src/cli/process.js';
import { compiledPath } from '../support/compiled.js';

const run = promisify(execFile);
const seed = readFileSync('fixtures/seed-wire-story.txt', 'utf8');

const ndjson = (lines: unknown[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
const parse = (out: string): any[] =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

/**
 * `lede process` as a process: `node bin/lede.js process`, lines on stdin. One worker: each loads
 * the models, and the runs with more are process-concurrency.test.ts's.
 */
async function ledeCommand(lines: unknown[]): Promise<any[]> {
  const child = run('node', ['bin/lede.js', 'process', '--concurrency', '1'], { maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin!.end(ndjson(lines));
  return parse((await child).stdout);
}

/** `lede process --input FILE --output FILE`, run in this process with one worker. */
async function lede(lines: unknown[], opts: Omit<ProcessOptions, 'input' | 'output'>): Promise<any[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lede-process-'));
  try {
    const input = join(dir, 'in.ndjson');
    const output = join(dir, 'out.ndjson');
    writeFileSync(input, ndjson(lines));
    await runProcess({ concurrency: 1, ...opts, input, output });
    return parse(readFileSync(output, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The inputs of the tests below, in one run of the command: each run starts a worker process
// that loads the models, the costliest part of this file. Inputs keep apart by id, and no two
// stories overlap unless the case is about that.
const first =
  'WASHINGTON (AP) — The Senate passed a $95 billion aid package for Ukraine, Israel and Taiwan early Tuesday after months of delay, sending it to the House.';
const second = `${first}\n\nSenate Majority Leader Chuck Schumer said the vote showed America would stand with its allies. House Speaker Mike Johnson has not said when the chamber will take it up.`;
const stormHtml = `<html><head><title>Storm hits coast - Daily News</title></head><body><nav>Home | World | Sport</nav>
      <article><h1>Storm hits coast</h1>${'<p>Heavy rain and strong winds battered the coast of Florida on Monday, cutting power to thousands of homes and forcing the closure of schools across the region, officials said.</p>'.repeat(4)}</article>
      <footer>Copyright Daily News</footer></body></html>`;
const wire =
  'SOCCER - JAPAN GET LUCKY WIN .\nAL-AIN , United Arab Emirates 1996-12-06\nJapan began the defence of their\nAsian Cup title with a lucky 2-1 win against Syria.';
const tokyo =
  'TOKYO (Reuters) - Shares in Tokyo fell sharply on Friday after the Bank of Japan surprised markets by changing its bond yield policy.';
const fireP1 =
  'Firefighters brought a blaze at the Harbour Road warehouse under control early on Sunday, the fire service said.';
const fireP2 = 'Nobody was hurt, and the cause of the fire is being investigated, a spokeswoman added.';
const firePage = `<html><head><title>Warehouse fire under control</title></head><body>
      <article><h1>Warehouse fire under control</h1><p>${fireP1}</p><p>${fireP2}</p></article></body></html>`;
const batch: unknown[] = [
  {
    id: 'a',
    text: 'PARIS (Reuters) - French farmers blocked motorways around Paris on Monday with tractors and bales of hay, demanding better prices for their produce and less red tape.',
  },
  'not json',
  { id: 'c' },
  {
    id: 'd',
    text: 'Bushfires forced thousands of people to flee their homes in New South Wales on Saturday as temperatures passed 40 degrees Celsius.',
  },
  { id: 'seed', text: seed, title: 'Kim Jong Un arrives in Russia for meeting with Putin' },
  { id: '1', guid: 'ap-senate-aid', text: first, title: 'Senate passes aid package' },
  { id: '2', guid: 'ap-senate-aid', text: second, title: 'Senate passes $95 billion aid package for Ukraine, Israel' },
  { id: '3', guid: 'ap-senate-aid', text: second, title: 'Senate passes $95 billion aid package for Ukraine, Israel' },
  { id: 'h', html: stormHtml, url: 'https://news.example.com/storm' },
  { id: 'wire', text: wire },
  { id: 'short', text: 'Angela Merkel visited Berlin on Monday and met Emmanuel Macron.' },
  { id: 'de', text: 'Bayern München 2 Borussia Dortmund 1', language: 'de' },
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
  { id: 'nav', html: '<html><body><nav>Home</nav></body></html>' },
  { id: 'before-blank', text: tokyo },
  '   \t ',
  { id: 'after-blank', text: tokyo },
  { id: 'huge', text: 'word '.repeat(10 * 1024 * 1024) }, // 50 MB
  {
    id: 'after-huge',
    text: 'CAIRO (Reuters) - Archaeologists unveiled a 4,500-year-old tomb near the pyramids of Giza on Saturday, its walls painted with scenes of daily life.',
  },
  { id: 'fire-page', html: firePage, url: 'https://news.example/fire' },
  {
    id: 'fire-fragment',
    text: `<p>${fireP1}</p>\n<p>${fireP2} <a href="/more">More</a></p>`,
    title: 'Warehouse fire',
  },
  { id: 'fire-page-as-text', text: firePage, url: 'https://news.example/fire-2' },
];

// The command's run and the hang's run are independent processes: they run at once.
describe.concurrent('lede process', () => {
  let out: any[];
  const line = (itemId: string) => out.find((o) => o.itemId === itemId);
  // bin/lede.js runs the TypeScript through tsx (no dist/): slow to start on a busy machine.
  beforeAll(async () => {
    out = await ledeCommand(batch);
  }, 300_000);

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

  it('writes one line per input line, in order, and keeps going past bad lines', () => {
    expect(out.map((o) => o.itemId)).toEqual([
      'a',
      'line 2',
      'c',
      'd',
      'seed',
      '1',
      '2',
      '3',
      'h',
      'wire',
      'short',
      'de',
      'flash',
      'story',
      'nav',
      'before-blank',
      'line 17',
      'after-blank',
      'huge',
      'after-huge',
      'fire-page',
      'fire-fragment',
      'fire-page-as-text',
    ]);
    expect(out[1].error.code).toBe('invalid_json');
    expect(out[2].error.code).toBe('no_content');
    expect(out[0].dedupe.kind).toBe('new');
    expect(out[3].dedupe.kind).toBe('new');
    expect(out[0].storyId).not.toBe(out[3].storyId);
  });

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

  it('keeps plain text as given, files a short English item as English and honours a declared language', () => {
    const [kept, short, declared] = ['wire', 'short', 'de'].map(line);
    expect(kept.bodyText).toBe(wire);
    expect(short.language).toBe('en');
    expect(short.entities.map((e: any) => e.name)).toEqual(
      expect.arrayContaining(['Angela Merkel', 'Emmanuel Macron']),
    );
    expect(declared.language).toBe('de');
    expect(declared.entities).toEqual([]);
  });

  it('stores a wire flash (a headline, no text) as a new story with an empty body, and the full copy joins it as version 2', () => {
    const [flash, story] = ['flash', 'story'].map(line);
    expect(flash.error).toBeUndefined();
    expect(flash).toMatchObject({ dedupe: { kind: 'new' }, version: 1, bodyText: '' });
    expect(flash.title).toBe('BANK OF ENGLAND RAISES RATES TO 5.25 PCT');
    expect(story).toMatchObject({ storyId: flash.storyId, version: 2, dedupe: { kind: 'update' } });
  });

  it('names the stage once when a page is not an article', () => {
    const nav = line('nav');
    expect(nav.error.code).toBe('not_article');
    expect(nav.error.message).toMatch(/^extract: /);
    expect(nav.error.message).not.toMatch(/extract: extract:/);
  });

  it('answers a whitespace-only line with an error line, keeping one output line per input line', () => {
    expect(line('line 17').error.code).toBe('empty_line');
    expect(line('before-blank').dedupe.kind).toBe('new');
    expect(line('after-blank').dedupe.kind).toBe('duplicate');
  });

  it('refuses a 50 MB text with a clear error line and goes on with the next line', () => {
    expect(line('huge')).toEqual({
      itemId: 'huge',
      error: { code: 'too_large', message: 'process: "text" is 50.0 MB, over the 5.0 MB limit' },
    });
    expect(line('after-huge')).toMatchObject({ dedupe: { kind: 'new' } });
  });

  it('accepts a two-paragraph page, and reads HTML given as text as HTML', () => {
    const [short, fragment, wholePage] = ['fire-page', 'fire-fragment', 'fire-page-as-text'].map(line);
    expect(short.error).toBeUndefined();
    expect(short.bodyText).toBe(`${fireP1}\n\n${fireP2}`);
    expect(fragment.error).toBeUndefined();
    expect(fragment.bodyText).toBe(`${fireP1}\n\n${fireP2} More`);
    expect(fragment.bodyText).not.toMatch(/<\/?(p|a)\b/);
    expect(wholePage.bodyText).toBe(`${fireP1}\n\n${fireP2}`);
    expect(wholePage.title).toBe('Warehouse fire under control');
  });
});

describe.concurrent('lede process with a line that hangs', () => {
  const story =
    'LONDON (Reuters) - The Bank of England raised interest rates on Thursday to 5.25%, its highest level in 15 years, as inflation stayed far above its 2% target.';

  it('gives up on a line past the time limit with an error line coded timeout, and goes on', async () => {
    // The worker wrapper blocks for good on a page from hang.fault, like a parse that never ends.
    // The hang waits out the whole limit, so it is short, yet far above what the ordinary line
    // that follows takes: a worker loads the models before it takes a line, and the limit
    // covers the line alone.
    const out = await lede(
      [
        { id: 'slow', html: '<html><body><p>Never parsed.</p></body></html>', url: 'https://hang.fault/slow' },
        { id: 'after', text: story },
      ],
      { timeoutMs: 3_000, workerEntry: compiledPath('test/cli/faulty-process-worker.ts') },
    );
    expect(out[0]).toMatchObject({ itemId: 'slow', error: { code: 'timeout' } });
    expect(out[1]).toMatchObject({ itemId: 'after', dedupe: { kind: 'new' } });
  }, 240_000);
});
