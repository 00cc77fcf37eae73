// What a REDIS_URL names: one Redis (redis://, rediss:// for TLS), a Redis Cluster
// (redis-cluster://host:port,host:port,... with any reachable nodes as seeds) or a Sentinel set
// (redis-sentinel://host:port,host:port/MASTERNAME). Pure parsing, so the config loader can
// reject a bad URL at start with a message naming it.

export interface RedisNode {
  host: string;
  port: number;
}

interface Credentials {
  username?: string;
  password?: string;
  /** rediss:// and rediss-cluster:// / rediss-sentinel:// use TLS. */
  tls: boolean;
}

export type RedisTarget =
  | ({ kind: 'single'; url: string } & Credentials)
  | ({ kind: 'cluster'; nodes: RedisNode[] } & Credentials)
  | ({ kind: 'sentinel'; sentinels: RedisNode[]; masterName: string; db: number } & Credentials);

const SCHEMES: Record<string, { kind: RedisTarget['kind']; tls: boolean }> = {
  'redis:': { kind: 'single', tls: false },
  'rediss:': { kind: 'single', tls: true },
  'redis-cluster:': { kind: 'cluster', tls: false },
  'rediss-cluster:': { kind: 'cluster', tls: true },
  'redis-sentinel:': { kind: 'sentinel', tls: false },
  'rediss-sentinel:': { kind: 'sentinel', tls: true },
};

export function parseRedisUrl(url: string): RedisTarget {
  const match = /^([a-z-]+:)\/\/(?:([^@/]*)@)?([^/?#]*)(\/[^?#]*)?$/i.exec(url.trim());
  const scheme = match ? SCHEMES[match[1].toLowerCase()] : undefined;
  if (!match || !scheme) {
    throw new Error(
      `redis: unsupported URL "${url}": use redis://, rediss://, redis-cluster://host:port,... or redis-sentinel://host:port,.../MASTER`,
    );
  }
  const [, , auth, hosts, path = ''] = match;
  const credentials = parseAuth(auth);
  if (scheme.kind === 'single') return { kind: 'single', url, tls: scheme.tls, ...credentials };
  const nodes = parseNodes(hosts, url);
  if (scheme.kind === 'cluster') return { kind: 'cluster', nodes, tls: scheme.tls, ...credentials };
  const [masterName, db = '0'] = path.replace(/^\//, '').split('/');
  if (!masterName) throw new Error(`redis: sentinel URL "${url}" names no master (…/MASTERNAME)`);
  if (!/^\d+$/.test(db)) throw new Error(`redis: sentinel URL "${url}" has a bad database index "${db}"`);
  return {
    kind: 'sentinel',
    sentinels: nodes,
    masterName: decodeURIComponent(masterName),
    db: Number(db),
    tls: scheme.tls,
    ...credentials,
  };
}

function parseAuth(auth: string | undefined): { username?: string; password?: string } {
  if (!auth) return {};
  const [user, ...rest] = auth.split(':');
  const password = rest.length ? decodeURIComponent(rest.join(':')) : undefined;
  return { username: user ? decodeURIComponent(user) : undefined, password };
}

function parseNodes(hosts: string, url: string): RedisNode[] {
  const nodes = hosts
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map((entry) => {
      // [::1]:7000 or host:7000; the port defaults to Redis's (26379 would be wrong for a cluster).
      const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
      if (!m) throw new Error(`redis: bad host "${entry}" in "${url}"`);
      return { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 6379 };
    });
  if (!nodes.length) throw new Error(`redis: "${url}" names no host`);
  return nodes;
}

/**
 * The key prefix to use on this target. A cluster keeps every key of one BullMQ queue, and the
 * keys lede's own scripts touch together, in one hash slot only if the prefix is a hash tag;
 * so on a cluster "lede" becomes "{lede}" (a prefix that already has one is kept).
 */
export function effectivePrefix(prefix: string, target: RedisTarget): string {
  if (target.kind !== 'cluster' || /\{[^}]+\}/.test(prefix)) return prefix;
  return `{${prefix}}`;
}
