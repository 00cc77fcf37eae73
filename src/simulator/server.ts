// The local wire simulator: an HTTP server (node:http) that plays a news agency. It serves RSS
// and Atom feeds (/feeds/<id>.rss|.atom), realistic article pages (/news/<slug>), robots.txt
// and a home page; it publishes stories, new versions and withdrawals on command, answers
// conditional requests with 304, injects faults per path prefix and counts what it was asked.
// Map: state (stories, feeds) here; documents in feed-xml.ts and page.ts; faults in faults.ts.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyFault, sendReply, type Reply } from './faults.js';
import { renderAtom, renderRss, type FeedEntry } from './feed-xml.js';
import { renderArticlePage } from './page.js';
import { loadStories } from './stories.js';
import type { Fault, SimStats, SimStory, WireSimulator } from './types.js';

export type { Fault, SimStats, SimStory, StoryChange, WireSimulator } from './types.js';

export interface WireSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: the fixture stories (fixtures/stories). Dealt round-robin across the feeds. */
  stories?: SimStory[];
  /** Feed ids; default ['wire']. The first is where publish() goes without a feedId. */
  feeds?: string[];
  /** RSS `<ttl>` in minutes; 0 leaves it out. Default 5. */
  ttlMinutes?: number;
  /** Cache-Control max-age of the feeds, seconds. Default 60. */
  maxAgeSeconds?: number;
}

interface StoryState {
  story: SimStory;
  version: number;
  updatedAt: Date;
  withdrawn: boolean;
}

interface FeedState {
  id: string;
  /** Newest first. */
  slugs: string[];
  changedAt: Date;
  rendered: Map<'rss' | 'atom', Reply>;
}

const wholeSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

/**
 * The next timestamp for something that changed: now, but always at least a second after the
 * previous one. HTTP dates have one-second resolution, so two changes within a second would
 * otherwise share a Last-Modified and a client's If-Modified-Since would miss the second one.
 */
function nextStamp(previous: Date): Date {
  return wholeSecond(Math.max(Date.now(), previous.getTime() + 1000));
}

const guidOf = (slug: string) => `urn:wiresim:story:${slug}`;
const etagOf = (body: Buffer | string) => `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;

function isNotModified(req: IncomingMessage, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  // RFC 9110 13.1.3: If-None-Match, when present, decides and If-Modified-Since is ignored.
  // Weak comparison (RFC 9110 8.8.3.2), as caches do for GET.
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  if (ifNoneMatch) return ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(etag));
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}

export async function startWireSimulator(opts: WireSimulatorOptions = {}): Promise<WireSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const feedIds = opts.feeds?.length ? opts.feeds : ['wire'];
  const stories = new Map<string, StoryState>();
  const feeds = new Map<string, FeedState>();
  const faults = new Map<string, Fault>();
  let latencyMs = 0;
  let requests: Record<string, number> = {};
  let inFlight = 0;
  let maxInFlight = 0;
  let notModified = 0;
  let base = '';

  const startedAt = wholeSecond(Date.now());
  for (const id of feedIds) feeds.set(id, { id, slugs: [], changedAt: startedAt, rendered: new Map() });
  const seed = [...(opts.stories ?? loadStories())].sort(
    (a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt),
  );
  seed.forEach((story, i) => {
    stories.set(story.slug, { story, version: 1, updatedAt: new Date(story.publishedAt), withdrawn: false });
    feeds.get(feedIds[i % feedIds.length])!.slugs.unshift(story.slug);
  });

  const feedOf = (id: string): FeedState => {
    let feed = feeds.get(id);
    if (!feed) {
      feed = { id, slugs: [], changedAt: startedAt, rendered: new Map() };
      feeds.set(id, feed);
    }
    return feed;
  };
  const storyOf = (slug: string): StoryState => {
    const state = stories.get(slug);
    if (!state) throw new Error(`simulator: no story "${slug}"`);
    return state;
  };
  const touchFeedsWith = (slug: string) => {
    for (const feed of feeds.values()) {
      if (!feed.slugs.includes(slug)) continue;
      feed.changedAt = nextStamp(feed.changedAt);
      feed.rendered.clear();
    }
  };
  const articleUrl = (slug: string) => `${base}/news/${encodeURIComponent(slug)}`;
  const feedUrl = (id: string, format: 'rss' | 'atom' = 'rss') => `${base}/feeds/${encodeURIComponent(id)}.${format}`;

  function feedReply(feed: FeedState, format: 'rss' | 'atom'): Reply {
    const cached = feed.rendered.get(format);
    if (cached) return cached;
    const entries: FeedEntry[] = feed.slugs.map((slug) => {
      const s = stories.get(slug)!;
      return {
        story: s.story,
        url: articleUrl(slug),
        guid: guidOf(slug),
        updatedAt: s.updatedAt,
        withdrawn: s.withdrawn,
      };
    });
    const doc = {
      id: feed.id,
      ttlMinutes: opts.ttlMinutes ?? 5,
      title: `Wire Sim News: ${feed.id}`,
      siteUrl: `${base}/`,
      selfUrl: feedUrl(feed.id, format),
      updatedAt: feed.changedAt,
      entries,
    };
    const body = Buffer.from(format === 'rss' ? renderRss(doc) : renderAtom(doc));
    const contentType = format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8';
    const reply = {
      status: 200,
      headers: {
        'Content-Type': contentType,
        ETag: etagOf(body),
        'Last-Modified': feed.changedAt.toUTCString(),
        'Cache-Control': `max-age=${opts.maxAgeSeconds ?? 60}`,
      },
      body,
    };
    feed.rendered.set(format, reply);
    return reply;
  }

  function articleReply(slug: string): Reply {
    const state = stories.get(slug);
    if (!state) return textReply(404, 'story not found');
    if (state.withdrawn) return textReply(410, 'this story has been withdrawn');
    const home = [...feeds.values()].find((f) => f.slugs.includes(slug));
    const related = (home?.slugs ?? [])
      .filter((s) => s !== slug && !stories.get(s)!.withdrawn)
      .slice(0, 6)
      .map((s) => ({ title: stories.get(s)!.story.title, url: articleUrl(s) }));
    const html = renderArticlePage({
      story: state.story,
      siteUrl: base,
      canonicalUrl: articleUrl(slug),
      updatedAt: state.updatedAt,
      version: state.version,
      related,
    });
    return {
      status: 200,
      // Weak: the story version decides; the related links around it may shift meanwhile.
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        ETag: `W/${etagOf(`${slug}@${state.version}`)}`,
        'Last-Modified': state.updatedAt.toUTCString(),
      },
      body: Buffer.from(html),
    };
  }

  function homeReply(): Reply {
    const links = [...feeds.keys()].map(
      (id) => `<li><a href="${feedUrl(id)}">${id} (RSS)</a> <a href="${feedUrl(id, 'atom')}">(Atom)</a></li>`,
    );
    return {
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      body: Buffer.from(
        `<!DOCTYPE html><html><head><title>Wire Sim News</title></head><body><h1>Wire Sim News</h1><ul>${links.join('')}</ul></body></html>`,
      ),
    };
  }

  function route(req: IncomingMessage, path: string): Reply {
    if (req.method !== 'GET' && req.method !== 'HEAD') return textReply(405, 'method not allowed');
    if (path === '/') return homeReply();
    if (path === '/robots.txt') return textReply(200, 'User-agent: *\nAllow: /');
    const feedMatch = /^\/feeds\/([^/]+)\.(rss|atom)$/.exec(path);
    const articleMatch = /^\/news\/([^/]+)$/.exec(path);
    let reply: Reply;
    if (feedMatch) {
      const feed = feeds.get(decodeURIComponent(feedMatch[1]));
      if (!feed) return textReply(404, 'feed not found');
      reply = feedReply(feed, feedMatch[2] as 'rss' | 'atom');
    } else if (articleMatch) {
      reply = articleReply(decodeURIComponent(articleMatch[1]));
    } else {
      return textReply(404, 'not found');
    }
    if (reply.status === 200 && isNotModified(req, reply.headers.ETag, new Date(reply.headers['Last-Modified']))) {
      notModified += 1;
      return {
        status: 304,
        headers: { ETag: reply.headers.ETag, 'Last-Modified': reply.headers['Last-Modified'] },
        body: Buffer.alloc(0),
      };
    }
    return reply;
  }

  function faultFor(path: string): [string, Fault] | undefined {
    let best: [string, Fault] | undefined;
    for (const entry of faults)
      if (path.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
    return best;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    requests[path] = (requests[path] ?? 0) + 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (res.destroyed) return;
    const fault = faultFor(path);
    if (!fault) return sendReply(res, route(req, path));
    if (!applyFault(fault[1], req, res, () => route(req, path))) faults.delete(fault[0]);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) sendReply(res, textReply(500, `simulator: ${err.message}`));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  base = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    feedUrl,
    articleUrl,
    publish(story, feedId = feedIds[0]) {
      const existing = stories.get(story.slug);
      if (existing) {
        existing.story = story;
        existing.version += 1;
        existing.updatedAt = nextStamp(existing.updatedAt);
        existing.withdrawn = false;
      } else {
        stories.set(story.slug, { story, version: 1, updatedAt: new Date(story.publishedAt), withdrawn: false });
      }
      const feed = feedOf(feedId);
      feed.slugs = [story.slug, ...feed.slugs.filter((s) => s !== story.slug)];
      touchFeedsWith(story.slug);
    },
    publishVersion(slug, change, feedId) {
      const state = storyOf(slug);
      const paragraphs = [...(change.paragraphs ?? state.story.paragraphs), ...(change.appendParagraphs ?? [])];
      state.story = { ...state.story, title: change.title ?? state.story.title, paragraphs };
      state.version += 1;
      state.updatedAt = nextStamp(state.updatedAt);
      if (feedId !== undefined && !feedOf(feedId).slugs.includes(slug)) feedOf(feedId).slugs.unshift(slug);
      touchFeedsWith(slug);
    },
    withdraw(slug) {
      const state = storyOf(slug);
      state.withdrawn = true;
      state.updatedAt = nextStamp(state.updatedAt);
      touchFeedsWith(slug);
    },
    stats: (): SimStats => ({ requests: { ...requests }, maxInFlight, inFlight, notModified }),
    resetStats() {
      // Requests still open stay in flight; the maximum restarts from them.
      requests = {};
      maxInFlight = inFlight;
      notModified = 0;
    },
    setFault(pathPrefix, fault) {
      if (fault) faults.set(pathPrefix, { ...fault });
      else faults.delete(pathPrefix);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function textReply(status: number, text: string): Reply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from(`${text}\n`) };
}
