// `lede process --concurrency N`: workers extract and enrich in parallel, stories are assigned
// in input order, so N=1 and N=2 write the same bytes; lines are read as output is written, not
// all up front; --progress reports on stderr. Two runs in all (each worker loads the models):
// the one-worker run is also the one fed a large input on stdin.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeArgs } from '../support/compiled.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(os.tmpdir(), 'lede-process-concurrency-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = (name: string) => readFileSync(`fixtures/pages/${name}.html`, 'utf8');
const rates =
  'LONDON (Reuters) - The Bank of England raised interest rates on Thursday to 5.25%, its highest level in 15 years, as inflation stayed far above its 2% target.';
const ratesLater = `${rates}\n\nGovernor Andrew Bailey said the bank would keep rates high for as long as needed to bring inflation down.`;

// Pages, text, a new version, a repeat, a flash and its full copy, and bad lines, interleaved so
// that slow pages and quick lines finish out of order in the workers.
const mixed: unknown[] = [
  { id: 'p1', url: 'https://apnews.example/port-strike', html: page('ap-port-strike') },
  { id: 't1', guid: 'boe-rates', text: rates, title: 'Bank of England raises rates' },
  'not json',
  { id: 'p2', url: 'https://bbc.example/valencia', html: page('bbc-flood-valencia') },
  {
    id: 'flash',
    title: 'BANK OF JAPAN SURPRISES MARKETS WITH BOND YIELD CHANGE',
    publishedAt: '2023-07-28T03:00:00Z',
  },
  { id: 't2', guid: 'boe-rates', text: ratesLater, title: 'Bank of England raises rates to 15-year high' },
  { id: 'empty' },
  { id: 'p3', url: 'https://cnn.example/coral', html: page('cnn-coral-reef') },
  {
    id: 'full',
    title: 'Bank of Japan surprises markets with bond yield change',
    text: 'TOKYO (Reuters) - Shares in Tokyo fell sharply on Friday after the Bank of Japan surprised markets by changing its bond yield policy.',
    publishedAt: '2023-07-28T03:10:00Z',
  },
  { id: 't3', guid: 'boe-rates', text: ratesLater, title: 'Bank of England raises rates to 15-year high' },
  { id: 'p1-again', url: 'https://apnews.example/port-strike', html: page('ap-port-strike') },
  { id: 'nav', html: '<html><body><nav>Home</nav></body></html>' },
  { id: 'p4', url: 'https://example.es/sequia', html: page('es-sequia') },
];
const ndjson = (lines: unknown[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
const input = join(dir, 'mixed.ndjson');
writeFileSync(input, ndjson(mixed));

/** The command compiled (test/support/compiled.ts); bin/lede.js itself is process.test.ts's. */
const ledeArgs = (args: string[]) => nodeArgs('src/cli/main.ts', ['process', ...args]);

/**
 * One worker, lines on stdin: the mixed lines, then 20,000 headline-only lines of about 1 KB
 * (20 MB), written as fast as the pipe takes them and only until the first output line appears.
 * A command that read its whole input before writing would take all 20,000 first; one that keeps
 * a few lines in flight blocks the pipe.
 */
async function streamed(total: number) {
  const child = spawn(process.execPath, ledeArgs(['--concurrency', '1']), { stdio: ['pipe', 'pipe', 'pipe'] });
  const closed = once(child, 'close');
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (stderr += d));
  const firstOutput = once(child.stdout, 'data');
  let seen = false;
  void firstOutput.then(() => (seen = true));

  for (const line of ndjson(mixed).split(/(?<=\n)/)) {
    if (!child.stdin.write(line)) await once(child.stdin, 'drain');
  }
  const padding = 'x'.repeat(1000);
  let flashes = 0;
  while (!seen && flashes < total) {
    const line = JSON.stringify({ id: `flash-${flashes}`, title: `Flash number ${flashes}`, feedId: padding });
    flashes += 1;
    if (!child.stdin.write(`${line}\n`)) await Promise.race([once(child.stdin, 'drain'), firstOutput]);
  }
  child.stdin.end();
  await closed;
  return { stdout, stderr, flashes };
}

// Both runs at once: each starts its own workers, and the file waits for the slower one only.
describe('lede process --concurrency', () => {
  const total = 20_000;
  let one: Awaited<ReturnType<typeof streamed>>;
  let two: { stdout: string; stderr: string };
  beforeAll(async () => {
    [one, two] = await Promise.all([
      streamed(total),
      run(process.execPath, ledeArgs(['--input', input, '--concurrency', '2', '--progress']), {
        maxBuffer: 64 * 1024 * 1024,
      }),
    ]);
  }, 240_000);

  it('writes the same bytes with 1 worker as with 2, and reports progress on stderr when asked', () => {
    // The output has no wall-clock fields: every byte must match (the one-worker run's first lines
    // are the same input; the headline-only lines follow).
    expect(one.stdout.slice(0, two.stdout.length)).toBe(two.stdout);

    const out = two.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(out.map((o) => o.itemId)).toEqual([
      'p1',
      't1',
      'line 3',
      'p2',
      'flash',
      't2',
      'empty',
      'p3',
      'full',
      't3',
      'p1-again',
      'nav',
      'p4',
    ]);
    const byId = Object.fromEntries(out.map((o) => [o.itemId, o]));
    expect(byId['line 3'].error.code).toBe('invalid_json');
    expect(byId.empty.error.code).toBe('no_content');
    expect(byId.nav.error.code).toBe('not_article');
    expect(byId.t2).toMatchObject({ storyId: byId.t1.storyId, version: 2, dedupe: { kind: 'update' } });
    expect(byId.t3).toMatchObject({ storyId: byId.t1.storyId, dedupe: { kind: 'duplicate' } });
    expect(byId.full).toMatchObject({ storyId: byId.flash.storyId, version: 2 });
    expect(byId['p1-again']).toMatchObject({ storyId: byId.p1.storyId, dedupe: { kind: 'duplicate' } });
    for (const id of ['p1', 'p2', 'p3', 'p4']) expect(byId[id].wordCount).toBeGreaterThan(100);

    // Without --progress and with stderr not a terminal: the summary alone.
    expect(one.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^lede process: ${13 + one.flashes} lines, 3 errors, [\\d.]+ s, [\\d.]+ items/s$`),
      ),
    ]);
    const lines = two.stderr.trim().split('\n');
    // Progress lines (the last one written when the run ends, the input all read), then the summary.
    expect(lines.at(-2)).toMatch(/^lede process: 13 lines, [\d.]+ items\/s, 3 errors, 100%, ETA 0:00$/);
    expect(lines.at(-1)).toMatch(/^lede process: 13 lines, 3 errors, [\d.]+ s, [\d.]+ items\/s$/);
  });

  it('starts writing output long before it has read a large input, and loses no line', () => {
    expect(one.flashes).toBeLessThan(total / 10);
    const ids = one.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { itemId: string }).itemId);
    expect(ids.slice(13)).toEqual(Array.from({ length: one.flashes }, (_, i) => `flash-${i}`));
  });
});
