// `lede process` with HTML: a short page is an article, and HTML sent as `text` is read as HTML.
// The command's function runs in this process (test/cli/process.test.ts runs the command itself).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/cli/process.js';
import { compiledPath } from '../support/compiled.js';

async function lede(lines: unknown[]): Promise<Record<string, any>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lede-process-html-'));
  try {
    const input = join(dir, 'in.ndjson');
    const output = join(dir, 'out.ndjson');
    writeFileSync(input, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await runProcess({ input, output, concurrency: 1, workerEntry: compiledPath('src/cli/process-worker.ts') });
    return readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const P1 =
  'Firefighters brought a blaze at the Harbour Road warehouse under control early on Sunday, the fire service said.';
const P2 = 'Nobody was hurt, and the cause of the fire is being investigated, a spokeswoman added.';

describe('lede process with HTML', () => {
  it('accepts a two-paragraph page, and reads HTML given as text as HTML', async () => {
    const page = `<html><head><title>Warehouse fire under control</title></head><body>
      <article><h1>Warehouse fire under control</h1><p>${P1}</p><p>${P2}</p></article></body></html>`;
    const [short, fragment, wholePage] = await lede([
      { id: 'short', html: page, url: 'https://news.example/fire' },
      { id: 'fragment', text: `<p>${P1}</p>\n<p>${P2} <a href="/more">More</a></p>`, title: 'Warehouse fire' },
      { id: 'page-as-text', text: page, url: 'https://news.example/fire-2' },
    ]);
    expect(short.error).toBeUndefined();
    expect(short.bodyText).toBe(`${P1}\n\n${P2}`);
    expect(fragment.error).toBeUndefined();
    expect(fragment.bodyText).toBe(`${P1}\n\n${P2} More`);
    expect(fragment.bodyText).not.toMatch(/<\/?(p|a)\b/);
    expect(wholePage.bodyText).toBe(`${P1}\n\n${P2}`);
    expect(wholePage.title).toBe('Warehouse fire under control');
  }, 120_000);
});
