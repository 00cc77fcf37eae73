// The feed list of a running process: an edit that breaks it keeps the last good list in use
// and is reported once per change of the file; a fix takes effect at the next read.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedSource } from '../../src/shared/feed-source.js';

const dir = mkdtempSync(join(tmpdir(), 'lede-feed-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let tick = 1_700_000_000;
/** Write the file with a new mtime, as an editor would (mtime resolution can be coarse). */
function write(path: string, text: string): void {
  writeFileSync(path, text);
  tick += 10;
  utimesSync(path, tick, tick);
}

describe('a feed list at start', () => {
  it('that is missing stops start-up naming the file', () => {
    expect(() => new FeedSource(join(dir, 'missing.yaml')).load()).toThrow(/feeds: cannot read .*missing\.yaml/);
  });

  it('with an interval below the minimum stops start-up naming the file and the key', () => {
    const path = join(dir, 'short.yaml');
    write(path, 'feeds:\n  - id: wire\n    url: http://127.0.0.1:8090/feeds/wire.rss\n    interval: 3\n');
    expect(() => new FeedSource(path).load()).toThrow(/short\.yaml: "feeds\.0\.interval"/);
  });
});

describe('a feed list that turns invalid while running', () => {
  const path = join(dir, 'feeds.yaml');
  const reports: string[] = [];
  const good = 'feeds:\n  - id: wire\n    url: http://127.0.0.1:8090/feeds/wire.rss\n';

  it('keeps the last good list and reports each bad change once', () => {
    write(path, good);
    const source = new FeedSource(path, (m) => reports.push(m));
    expect(source.load().map((f) => f.id)).toEqual(['wire']);

    write(path, 'feeds:\n  - id: wire\n    url: not a url\n');
    for (let i = 0; i < 5; i++) expect(source.list().map((f) => f.id)).toEqual(['wire']);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/feeds\.yaml: "feeds\.0\.url"/);

    write(path, 'feeds: [');
    source.list();
    source.list();
    expect(reports).toHaveLength(2);

    rmSync(path);
    expect(source.get('wire')?.id).toBe('wire');
    source.list();
    expect(reports).toHaveLength(3);
    expect(reports[2]).toMatch(/cannot read/);

    write(path, `${good}  - id: desk\n    url: http://127.0.0.1:8090/feeds/desk.rss\n`);
    expect(source.list().map((f) => f.id)).toEqual(['wire', 'desk']);
    expect(reports).toHaveLength(3);
  });
});
