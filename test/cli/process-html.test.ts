// `lede process` with HTML: a short page is an article, and HTML sent as `text` is read as HTML.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function lede(lines: unknown[]): Promise<Record<string, any>[]> {
  const child = run('node', ['bin/lede.js', 'process'], { maxBuffer: 16 * 1024 * 1024 });
  child.child.stdin!.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const { stdout } = await child;
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, any>);
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
