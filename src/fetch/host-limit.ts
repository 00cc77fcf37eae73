// Politeness per host, shared by every worker process through Redis. Two limits, checked and
// taken together in one Lua script so two workers can never both squeeze past:
//   - concurrency: a sorted set of lease ids scored by expiry. Expired leases are dropped on every
//     acquire, so a worker that crashed holding a lease blocks the host for at most leaseMs.
//   - rate: a token bucket (capacity max(1, ratePerSecond), refilled continuously). Jobs refused
//     by it are given turns a token apart (a reservation pointer per host), so a backlog of
//     thousands for one host comes back at the rate the host is served, each job about once,
//     instead of every refused job retrying every few hundred milliseconds.
// Time comes from Redis (TIME), not from each worker's clock, so skewed hosts agree.
// Callers that are refused delay their job by retryAfterMs; nothing here waits or polls.
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../shared/redis.js';

export interface HostLimiterOptions {
  /** Key prefix, e.g. the deployment's Redis prefix. */
  prefix: string;
  /** Requests in flight per host, across all workers. */
  maxConcurrent: number;
  /** Requests started per second per host, across all workers. */
  ratePerSecond: number;
  /** A lease not released after this long is presumed dead. Default 60 000 ms (above fetch timeouts). */
  leaseMs?: number;
  /** Wait suggested when all slots are busy, at most. Default 1 000 ms. */
  busyRetryMs?: number;
}

export type HostSlot = { ok: true; release(): Promise<void> } | { ok: false; retryAfterMs: number };

// KEYS: leases, bucket, next turn. ARGV: maxConcurrent, ratePerSecond, leaseMs, leaseId, busyRetryMs.
// Returns {1, 0} when acquired, {0, retryAfterMs} when not.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local max, rate, leaseMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= max then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.max(1, math.min(tonumber(oldest[2]) - now, tonumber(ARGV[5])))}
end
local capacity = math.max(1, rate)
local bucket = redis.call('HMGET', KEYS[2], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or capacity
local at = tonumber(bucket[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
if tokens < 1 then
  local gap = math.ceil(1000 / rate)
  local turn = math.max(tonumber(redis.call('GET', KEYS[3]) or 0), now + math.ceil((1 - tokens) * 1000 / rate))
  redis.call('SET', KEYS[3], turn + gap, 'PX', turn + gap - now + 1000)
  return {0, turn - now}
end
redis.call('HSET', KEYS[2], 'tokens', tostring(tokens - 1), 'at', now)
redis.call('PEXPIRE', KEYS[2], math.ceil(capacity * 1000 / rate) + 1000)
redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[4])
redis.call('PEXPIRE', KEYS[1], leaseMs + 1000)
return {1, 0}
`;

type AcquireCommand = (
  leases: string,
  bucket: string,
  nextTurn: string,
  maxConcurrent: number,
  ratePerSecond: number,
  leaseMs: number,
  leaseId: string,
  busyRetryMs: number,
) => Promise<[number, number]>;

export class HostLimiter {
  private readonly acquire: AcquireCommand;
  private readonly leaseMs: number;
  private readonly busyRetryMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: HostLimiterOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.busyRetryMs = options.busyRetryMs ?? 1_000;
    // defineCommand runs the script by SHA (EVALSHA), loading it once per connection.
    redis.defineCommand('ledeHostAcquire', { numberOfKeys: 3, lua: ACQUIRE });
    const command = (redis as unknown as { ledeHostAcquire: AcquireCommand }).ledeHostAcquire;
    this.acquire = command.bind(redis);
  }

  async tryAcquire(host: string): Promise<HostSlot> {
    // The {hash tag} keeps one host's keys in one Redis Cluster slot, as Lua requires.
    const base = `${this.options.prefix}:host:{${host.toLowerCase()}}`;
    const leases = `${base}:leases`;
    const leaseId = randomUUID();
    const [acquired, retryAfterMs] = await this.acquire(
      leases,
      `${base}:rate`,
      `${base}:turn`,
      this.options.maxConcurrent,
      this.options.ratePerSecond,
      this.leaseMs,
      leaseId,
      this.busyRetryMs,
    );
    if (acquired !== 1) return { ok: false, retryAfterMs };
    return {
      ok: true,
      release: async () => {
        await this.redis.zrem(leases, leaseId);
      },
    };
  }
}
