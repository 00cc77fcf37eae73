// Feed schedulers follow the feed list, through the CLI an operator uses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { readFeedList } from '../../src/shared/feed-list.js';
import { feedsCommand } from '../../src/cli/feeds.js';
import { syncFeedSchedulers } from '../../src/queues/schedulers.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../support/redis.js';

const prefix = uniquePrefix('sched');
const dir = mkdtempSync(join(tmpdir(), 'lede-sched-'));
const feedsFile = join(dir, 'feeds.yaml');
writeFileSync(feedsFile, 'feeds: []\n');
const config = loadConfig({ LEDE_FEEDS: feedsFile, LEDE_REDIS_PREFIX: prefix }, 'config/lede.yaml');
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue('poll', { connection, prefix });
const lines: string[] = [];
const out = (l: string) => lines.push(l);

afterAll(async () => {
  await queue.close();
  connection.disconnect();
  await deleteKeys(prefix);
});

function opml(n: number): string {
  const outlines = Array.from(
    { length: n },
    (_, i) =>
      `<outline text="Paper ${i}" title="Paper ${i}" type="rss" xmlUrl="https://paper${i}.example.com/feed.xml?a=1&amp;b=2"/>`,
  );
  return `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body><outline text="News">${outlines.join('\n')}</outline></body></opml>`;
}

describe('feed schedulers', () => {
  it('creates one scheduler per feed of a 100-feed OPML import', async () => {
    const file = join(dir, 'feeds.opml');
    writeFileSync(file, opml(100));
    await feedsCommand(config, ['import-opml', file], out);
    const feeds = readFeedList(feedsFile);
    expect(feeds).toHaveLength(100);
    expect(feeds[0].url).toBe('https://paper0.example.com/feed.xml?a=1&b=2');
    expect(feeds[0].tags).toEqual(['News']);
    await syncFeedSchedulers(queue, feeds, 300);
    expect(await queue.getJobSchedulersCount()).toBe(100);
  });

  it('importing the same file again adds nothing', async () => {
    await feedsCommand(config, ['import-opml', join(dir, 'feeds.opml')], out);
    expect(readFeedList(feedsFile)).toHaveLength(100);
    expect(lines.at(-1)).toMatch(/imported 0 feeds \(100 already listed\)/);
  });

  it('removes the schedulers of removed feeds', async () => {
    const ids = readFeedList(feedsFile)
      .slice(0, 10)
      .map((f) => f.id);
    await feedsCommand(config, ['remove', ...ids], out);
    await syncFeedSchedulers(queue, readFeedList(feedsFile), 300);
    expect(await queue.getJobSchedulersCount()).toBe(90);
    const remaining = (await queue.getJobSchedulers(0, 200)).map((s) => s.key);
    for (const id of ids) expect(remaining).not.toContain(`feed-${id}`);
  });

  it('exports the list back as OPML', async () => {
    lines.length = 0;
    await feedsCommand(config, ['export-opml'], out);
    expect(lines.join('\n').match(/<outline /g)).toHaveLength(90);
  });
});
