// robots.txt (RFC 9309): parsing, matching, and a per-origin cache. The fetch goes through
// fetchUrl, so robots.txt gets the same guard, caps and redirect limit as every other request.
// What a failed fetch means follows the RFC:
//   - 2xx: the rules apply;
//   - 4xx ("unavailable"): no rules, everything is allowed;
//   - 5xx, 429 or no answer ("unreachable"): everything is disallowed, but only for a short while,
//     so a site's outage does not stop us for a day.
import { fetchUrl, type FetchOptions } from './http.js';

interface Rule {
  allow: boolean;
  /** The pattern as written, for longest-match ordering. */
  pattern: string;
  /** Normalized, with a trailing * unless the pattern ended in $ (rules match prefixes). */
  glob: string;
}

interface Group {
  agents: string[];
  rules: Rule[];
}

export interface RobotsTxt {
  groups: Group[];
}

export interface RobotsCacheEntry {
  expiresAt: number;
  /** A promise, so concurrent checks for one origin share one fetch. */
  robots: Promise<RobotsTxt | 'allow_all' | 'disallow_all'>;
}

/** Per-origin cache; pass one long-lived Map per process. */
export type RobotsCache = Map<string, RobotsCacheEntry>;

export interface RobotsOptions {
  cache: RobotsCache;
  /** How robots.txt itself is fetched (user agent, guard, timeouts). */
  fetchOptions: FetchOptions;
  /** How long fetched rules (and "no robots.txt") are trusted. Default 24 h, the RFC's ceiling. */
  ttlMs?: number;
  /** How long an unreachable robots.txt means "disallow all". Default 10 min. */
  unreachableTtlMs?: number;
  /** Default Date.now. */
  now?: () => number;
}

export function parseRobots(text: string): RobotsTxt {
  const groups: Group[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      // Consecutive user-agent lines share one group; one after a rule starts a new group.
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else if ((key === 'allow' || key === 'disallow') && current) {
      lastWasAgent = false;
      // "Disallow:" with no path disallows nothing.
      if (value !== '') current.rules.push(rule(key === 'allow', value));
    } else {
      lastWasAgent = false;
    }
  }
  return { groups };
}

/** Whether `pathAndQuery` may be fetched by `userAgent` under these rules. */
export function isPathAllowed(robots: RobotsTxt, pathAndQuery: string, userAgent: string): boolean {
  if (pathAndQuery === '/robots.txt') return true;
  const token = productToken(userAgent);
  let groups = robots.groups.filter((g) => g.agents.includes(token));
  if (groups.length === 0) groups = robots.groups.filter((g) => g.agents.includes('*'));
  const path = normalizeEscapes(pathAndQuery);
  let best: Rule | undefined;
  for (const candidate of groups.flatMap((g) => g.rules)) {
    if (!globMatch(candidate.glob, path)) continue;
    // The longest (most specific) match wins; on a tie, allow wins.
    if (
      !best ||
      candidate.pattern.length > best.pattern.length ||
      (candidate.pattern.length === best.pattern.length && candidate.allow)
    ) {
      best = candidate;
    }
  }
  return best?.allow ?? true;
}

export async function isAllowed(url: string, userAgent: string, options: RobotsOptions): Promise<boolean> {
  const target = new URL(url);
  const clock = options.now ?? Date.now;
  let entry = options.cache.get(target.origin);
  if (!entry || entry.expiresAt <= clock()) {
    const loading = loadRobots(target.origin, options);
    // Until the fetch settles the entry does not expire, so concurrent checks wait on it.
    const fresh: RobotsCacheEntry = { expiresAt: Number.POSITIVE_INFINITY, robots: loading.then((l) => l.robots) };
    void loading.then((l) => {
      fresh.expiresAt = clock() + l.ttlMs;
    });
    options.cache.set(target.origin, (entry = fresh));
  }
  const robots = await entry.robots;
  if (robots === 'allow_all') return true;
  if (robots === 'disallow_all') return false;
  return isPathAllowed(robots, target.pathname + target.search, userAgent);
}

/** Never rejects: every failure has a meaning under the RFC. */
async function loadRobots(origin: string, options: RobotsOptions) {
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const unreachable = { robots: 'disallow_all' as const, ttlMs: options.unreachableTtlMs ?? 10 * 60 * 1000 };
  try {
    const result = await fetchUrl(`${origin}/robots.txt`, options.fetchOptions);
    if (result.status >= 200 && result.status < 300) {
      return { robots: parseRobots(result.body.toString('utf8')), ttlMs };
    }
    if (result.status >= 400 && result.status < 500 && result.status !== 429) {
      return { robots: 'allow_all' as const, ttlMs };
    }
    return unreachable;
  } catch {
    return unreachable;
  }
}

function rule(allow: boolean, pattern: string): Rule {
  const normalized = normalizeEscapes(encodeNonAscii(pattern));
  const glob = normalized.endsWith('$') ? normalized.slice(0, -1) : `${normalized}*`;
  return { allow, pattern, glob };
}

/**
 * Whole-string match with * wildcards, remembering only the last star: O(pattern × text) at
 * worst. A regex built from "/a*a*a*…" would backtrack exponentially, and robots.txt is written
 * by the sites we crawl.
 */
function globMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (g < glob.length && glob[g] === text[t]) {
      g++;
      t++;
    } else if (star >= 0) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}

/** "lede/0.1 (+https://…)" → "lede": robots.txt groups name the product token only. */
function productToken(userAgent: string): string {
  return (userAgent.trim().split(/[/\s]/)[0] ?? '').toLowerCase();
}

function encodeNonAscii(value: string): string {
  return value.replace(/[^\x00-\x7f]+/g, (chars) => encodeURIComponent(chars));
}

function normalizeEscapes(value: string): string {
  return value.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}
