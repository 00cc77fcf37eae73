import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/shared/config.js';
import { parseFeedList } from '../../src/shared/feed-list.js';

const dir = mkdtempSync(join(tmpdir(), 'lede-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('configuration', () => {
  it('starts from the documented defaults in config/lede.yaml', () => {
    const config = loadConfig({}, 'config/lede.yaml');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.database.url).toBe('sqlite:data/lede.db');
    expect(config.api.port).toBe(8080);
    expect(config.fetch.maxRedirects).toBe(5);
  });

  it('lets the contract environment variables override the file', () => {
    const config = loadConfig(
      {
        REDIS_URL: 'redis://10.1.2.3:6380/4',
        DATABASE_URL: 'postgres://lede@db/lede',
        LEDE_FEEDS: '/etc/lede/feeds.yaml',
        LEDE_API_PORT: '9090',
        LEDE_FETCH_ALLOW_PRIVATE_HOSTS: '127.0.0.1:8090, sim.local',
      },
      'config/lede.yaml',
    );
    expect(config.redis.url).toBe('redis://10.1.2.3:6380/4');
    expect(config.database.url).toBe('postgres://lede@db/lede');
    expect(config.feeds.file).toBe('/etc/lede/feeds.yaml');
    expect(config.api.port).toBe(9090);
    expect(config.fetch.allowPrivateHosts).toEqual(['127.0.0.1:8090', 'sim.local']);
  });

  it('names an unknown key in the file', () => {
    const path = file('typo.yaml', 'fetch:\n  maxRedirect: 3\n');
    expect(() => loadConfig({}, path)).toThrow(/unknown config key "fetch.maxRedirect"/);
  });

  it('names an invalid value and the variable it came from', () => {
    expect(() => loadConfig({ LEDE_API_PORT: 'eighty' }, 'config/lede.yaml')).toThrow(
      /"api.port" \(from LEDE_API_PORT\)/,
    );
    const path = file('bad.yaml', 'extract:\n  dom: chrome\n');
    expect(() => loadConfig({}, path)).toThrow(/"extract.dom" \(in .*bad.yaml\)/);
  });

  it('refuses an unknown LEDE_ environment variable instead of ignoring it', () => {
    expect(() => loadConfig({ LEDE_API_PROT: '1' }, 'config/lede.yaml')).toThrow(
      /unknown environment variable LEDE_API_PROT/,
    );
  });
});

describe('the feed list', () => {
  it('reads the shipped config/feeds.yaml', async () => {
    const { readFeedList } = await import('../../src/shared/feed-list.js');
    const feeds = readFeedList('config/feeds.yaml');
    expect(feeds.length).toBeGreaterThan(0);
    for (const f of feeds) expect(f.url).toMatch(/^https?:\/\//);
  });

  it('names the bad entry', () => {
    expect(() => parseFeedList('feeds:\n  - id: a\n    url: not a url\n')).toThrow(/"feeds.0.url"/);
    expect(() => parseFeedList('feeds:\n  - id: a\n    url: https://x.test/\n    intervall: 5\n')).toThrow(
      /unknown key "feeds.0.intervall"/,
    );
    expect(() =>
      parseFeedList('feeds:\n  - {id: a, url: "https://x.test/"}\n  - {id: a, url: "https://y.test/"}\n'),
    ).toThrow(/duplicate feed id "a"/);
  });
});

describe('dedupe thresholds', () => {
  it('come from the config file and are validated', () => {
    expect(loadConfig({}, 'config/lede.yaml').dedupe).toEqual({
      nearDuplicate: 0.35,
      versionWindowHours: 36,
      newsCycleHours: 12,
      farBar: 0.75,
      candidateLimit: 50,
    });
    const path = file('dedupe.yaml', 'dedupe:\n  nearDuplicate: 1.5\n');
    expect(() => loadConfig({}, path)).toThrow(/"dedupe.nearDuplicate"/);
  });
});
