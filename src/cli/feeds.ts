// `lede feeds list|add|remove|import-opml FILE|export-opml`: list the running pipeline's feeds
// with their health; edit the feed list file. Running schedulers pick the change up from the
// file (see workers/start.ts).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../shared/config.js';
import { ConfigError } from '../shared/errors.js';
import { feedSchema, readFeedList, writeFeedList, type FeedConfig } from '../shared/feed-list.js';
import { parseOpml, toOpml } from '../feeds/opml.js';
import { feedHealth } from '../feeds/health.js';
import { openStore } from '../storage/index.js';
import { feedsInUse } from './live-state.js';

export async function feedsCommand(config: Config, args: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  const path = config.feeds.file;
  switch (sub) {
    case 'list': {
      const store = await openStore(config.database.url);
      await store.migrate();
      try {
        const inUse = await feedsInUse(config, store);
        for (const note of [`feeds: ${inUse.source}`, ...inUse.notes]) console.error(`lede feeds list: ${note}`);
        for (const f of inUse.feeds) {
          const h = feedHealth(await store.getFeedState(f.id), new Date());
          out(
            `${f.id}\t${f.enabled === false ? 'disabled' : h.state}\t${f.interval ?? config.feeds.defaultIntervalSeconds}s\t${f.url}${h.lastError ? `\t${h.lastError}` : ''}`,
          );
        }
      } finally {
        await store.close();
      }
      return 0;
    }
    case 'add': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { name: { type: 'string' }, interval: { type: 'string' }, tags: { type: 'string' } },
      });
      const [id, url] = positionals;
      const parsed = feedSchema.safeParse({
        id,
        url,
        name: values.name,
        interval: values.interval ? Number(values.interval) : undefined,
        tags: values.tags ? values.tags.split(',').map((t) => t.trim()) : undefined,
      });
      if (!parsed.success)
        throw new ConfigError(
          `feeds add: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      const feeds = readFeedList(path);
      if (feeds.some((f) => f.id === parsed.data.id))
        throw new ConfigError(`feeds add: a feed with id "${parsed.data.id}" exists`);
      writeFeedList(path, [...feeds, stripUndefined(parsed.data)]);
      out(`added ${parsed.data.id}`);
      return 0;
    }
    case 'remove': {
      const ids = new Set(rest);
      const feeds = readFeedList(path);
      const kept = feeds.filter((f) => !ids.has(f.id));
      const missing = [...ids].filter((id) => !feeds.some((f) => f.id === id));
      if (missing.length)
        throw new ConfigError(`feeds remove: no feed with id ${missing.map((m) => `"${m}"`).join(', ')}`);
      writeFeedList(path, kept);
      out(`removed ${feeds.length - kept.length}`);
      return 0;
    }
    case 'import-opml': {
      if (!rest[0]) throw new ConfigError('feeds import-opml: give the OPML file');
      const imported = parseOpml(readFileSync(rest[0], 'utf8'));
      const feeds = readFeedList(path);
      const knownUrls = new Set(feeds.map((f) => f.url));
      const ids = new Set(feeds.map((f) => f.id));
      const added: FeedConfig[] = [];
      for (const f of imported) {
        if (knownUrls.has(f.url)) continue;
        let id = f.id;
        for (let n = 2; ids.has(id); n += 1) id = `${f.id}-${n}`;
        ids.add(id);
        added.push({ ...f, id });
      }
      writeFeedList(path, [...feeds, ...added]);
      out(`imported ${added.length} feeds (${imported.length - added.length} already listed)`);
      return 0;
    }
    case 'export-opml':
      out(toOpml(readFeedList(path)).trimEnd());
      return 0;
    default:
      throw new ConfigError(
        'usage: lede feeds list|add ID URL [--name N] [--interval S] [--tags a,b]|remove ID…|import-opml FILE|export-opml',
      );
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
