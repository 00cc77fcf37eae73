import { describe, expect, it } from 'vitest';
import { effectivePrefix, parseRedisUrl } from '../../src/shared/redis-url.js';
import { loadConfig } from '../../src/shared/config.js';

describe('REDIS_URL', () => {
  it('takes a single Redis, with TLS for rediss://', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379/2')).toMatchObject({ kind: 'single', tls: false });
    expect(parseRedisUrl('rediss://:secret@redis.example:6380')).toMatchObject({ kind: 'single', tls: true });
  });

  it('takes a cluster as a list of seed nodes, with credentials', () => {
    expect(parseRedisUrl('redis-cluster://user:p%40ss@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002')).toEqual({
      kind: 'cluster',
      tls: false,
      username: 'user',
      password: 'p@ss',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
    });
  });

  it('takes a Sentinel set with the master name and an optional database', () => {
    expect(parseRedisUrl('redis-sentinel://s1:26379,s2:26379/mymaster/3')).toMatchObject({
      kind: 'sentinel',
      masterName: 'mymaster',
      db: 3,
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
    });
  });

  it('refuses what it cannot connect to, saying which forms it takes', () => {
    expect(() => parseRedisUrl('http://127.0.0.1:6379')).toThrow(/redis-cluster:\/\//);
    expect(() => parseRedisUrl('redis-sentinel://s1:26379')).toThrow(/names no master/);
    expect(() => parseRedisUrl('redis-cluster://')).toThrow(/names no host/);
    expect(() => loadConfig({ REDIS_URL: 'redis-sentinel://s1:26379' }, '/nonexistent')).toThrow(
      /invalid config key "redis.url" \(from REDIS_URL\)/,
    );
  });

  it('hash-tags the key prefix on a cluster so each queue stays in one slot', () => {
    const cluster = parseRedisUrl('redis-cluster://127.0.0.1:7000');
    expect(effectivePrefix('lede', cluster)).toBe('{lede}');
    expect(effectivePrefix('{lede}', cluster)).toBe('{lede}');
    expect(effectivePrefix('lede', parseRedisUrl('redis://127.0.0.1'))).toBe('lede');
    expect(
      loadConfig({ REDIS_URL: 'redis-cluster://127.0.0.1:7000', LEDE_REDIS_PREFIX: 'news' }, '/nonexistent').redis
        .prefix,
    ).toBe('{news}');
  });
});
