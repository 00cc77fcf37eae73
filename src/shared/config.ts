// Configuration: one zod schema is the single truth for defaults, validation and the
// environment variables that override it. Order of precedence: schema defaults <
// config/lede.yaml (or LEDE_CONFIG) < environment variables. Parsed once at start and passed
// down as slices; an unknown or invalid key stops the process with a message naming it.
import { readFileSync, existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { effectivePrefix, parseRedisUrl } from './redis-url.js';

const hostList = z.array(z.string().min(1));

export const configSchema = z
  .object({
    redis: z
      .object({
        /**
         * redis://host:6379/3 (a database index is honoured), rediss:// (TLS),
         * redis-cluster://host:port,host:port (a Redis Cluster; any reachable nodes as seeds) or
         * redis-sentinel://host:port,host:port/MASTERNAME (Sentinel discovery and failover).
         */
        url: z
          .string()
          .default('redis://127.0.0.1:6379')
          .superRefine((url, ctx) => {
            try {
              parseRedisUrl(url);
            } catch (err) {
              ctx.addIssue({ code: 'custom', message: (err as Error).message });
            }
          }),
        /** Key prefix: separate deployments (or test runs) on one Redis. Hash-tagged on a cluster. */
        prefix: z.string().min(1).default('lede'),
        /** PEM file of a private CA that signed the Redis server's TLS certificate (rediss://). */
        tlsCaFile: z.string().min(1).optional(),
        /** How long start-up waits for Redis before exiting 1, seconds; 0 waits for ever. */
        startupTimeoutSeconds: z.number().int().min(0).default(30),
      })
      .strict()
      .prefault({}),
    database: z
      .object({
        /** `sqlite:PATH` (embedded default) or a `postgres://` URL. */
        url: z.string().min(1).default('sqlite:data/lede.db'),
        /** How long start-up waits for the database before exiting 1, seconds; 0 waits for ever. */
        startupTimeoutSeconds: z.number().int().min(0).default(30),
      })
      .strict()
      .prefault({}),
    feeds: z
      .object({
        /** YAML file listing the feeds (see config/feeds.yaml). */
        file: z.string().min(1).default('config/feeds.yaml'),
        /** Poll interval for feeds that set none, seconds. */
        defaultIntervalSeconds: z.number().int().positive().default(300),
        /** Longest wait after consecutive failures, seconds (backoff is capped, never stops). */
        maxBackoffSeconds: z.number().int().positive().default(21_600),
        /** Shortest interval of an adaptive feed (`adaptive: true`), seconds; also its scheduler tick. */
        minIntervalSeconds: z.number().int().min(10).default(60),
        /** Longest interval of an adaptive feed, seconds. */
        maxIntervalSeconds: z.number().int().positive().default(3_600),
        /** Items one poll queues at most; a longer feed is worked through on the next polls. */
        maxItemsPerPoll: z.number().int().positive().default(500),
        /** WebSub lease asked of hubs, seconds; renewed when half has run out. */
        websubLeaseSeconds: z.number().int().positive().default(864_000),
        /** Largest feed document accepted, bytes. */
        maxBytes: z
          .number()
          .int()
          .positive()
          .default(10 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
    fetch: z
      .object({
        userAgent: z.string().min(1).default('lede/0.1 (+https://github.com/lede-news/lede)'),
        /** host or host:port allowed even though it resolves to a private address. */
        allowPrivateHosts: hostList.default([]),
        connectTimeoutMs: z.number().int().positive().default(10_000),
        /** Whole-request limit, headers and body. */
        timeoutMs: z.number().int().positive().default(30_000),
        maxPageBytes: z
          .number()
          .int()
          .positive()
          .default(5 * 1024 * 1024),
        maxRedirects: z.number().int().min(0).max(20).default(5),
        /** Concurrent requests per host, across every worker (shared through Redis). */
        perHostConcurrency: z.number().int().positive().default(2),
        /** Requests per second per host, across every worker. */
        perHostRatePerSecond: z.number().positive().default(2),
        respectRobotsTxt: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    extract: z
      .object({
        dom: z.enum(['jsdom', 'linkedom']).default('jsdom'),
        /** Extraction worker processes; 0 means one per core. */
        workers: z.number().int().min(0).default(0),
        maxPagesPerWorker: z.number().int().positive().default(500),
        maxHeapMb: z.number().int().positive().default(512),
        timeoutMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .prefault({}),
    dedupe: z
      .object({
        /** Minimum near-duplicate score to join an existing story (0..1). */
        nearDuplicate: z.number().min(0).max(1).default(0.35),
        /** Hours from a story's latest version (item times) within which an item may join it. */
        versionWindowHours: z.number().positive().default(36),
        /** A news cycle: past it the bar rises to farBar and a recurring data report is the next one. */
        newsCycleHours: z.number().positive().default(12),
        /** Near-duplicate score needed at the window's edge. */
        farBar: z.number().min(0).max(1).default(0.75),
        /** Neighbours read from the fingerprint index per article. */
        candidateLimit: z.number().int().positive().default(50),
      })
      .strict()
      .prefault({}),
    queues: z
      .object({
        attempts: z.number().int().positive().default(5),
        /** First retry delay; doubles each attempt. */
        backoffMs: z.number().int().positive().default(2_000),
        concurrency: z
          .object({
            poll: z.number().int().positive().default(4),
            fetch: z.number().int().positive().default(4),
            enrich: z.number().int().positive().default(2),
            store: z.number().int().positive().default(2),
          })
          .strict()
          .prefault({}),
        /** Completed jobs kept this long (seconds) for the dashboard and replays. */
        keepCompletedSeconds: z.number().int().positive().default(86_400),
        /** Failed jobs kept this long (seconds) so on-call can read and retry them. */
        keepFailedSeconds: z
          .number()
          .int()
          .positive()
          .default(14 * 86_400),
      })
      .strict()
      .prefault({}),
    api: z
      .object({
        port: z.number().int().min(0).max(65_535).default(8080),
        /** Interface the API listens on: loopback only unless set (compose sets 0.0.0.0). */
        host: z.string().min(1).default('127.0.0.1'),
        /** Dashboard (bull-board) credentials; the dashboard is off when no password is set. */
        dashboardUser: z.string().default('admin'),
        dashboardPassword: z.string().default(''),
        dashboardReadOnly: z.boolean().default(false),
        /** API keys with read access to /v1 and the stream; none configured means the API is open. */
        keys: z.array(z.string().min(16)).default([]),
        /** Requests per minute per API key (per client IP when the API is open); 0 turns it off. */
        rateLimitPerMinute: z.number().int().min(0).default(1_200),
        /** Failed authentications per client address per minute before it gets 429s; 0 turns it off. */
        authFailuresPerMinute: z.number().int().min(0).default(30),
        /** Origins allowed by CORS (e.g. https://newsroom.example); none means CORS is off. */
        corsOrigins: z.array(z.string().min(1)).default([]),
        /**
         * Base URL at which hubs can reach this API (https://lede.example); WebSub callbacks are
         * <publicUrl>/websub/<feedId>. Unset means no WebSub: feeds are only polled.
         */
        publicUrl: z.string().url().optional(),
      })
      .strict()
      .prefault({}),
    metrics: z
      .object({
        /**
         * Port of a worker process's /metrics and /healthz (the API serves them on api.port).
         * Unset: a worker process serves no HTTP, so several can run on one host; docker compose
         * sets it for every worker service.
         */
        port: z.number().int().min(0).max(65_535).optional(),
        /** Address the worker metrics server binds; compose sets 0.0.0.0 so Prometheus reaches it. */
        host: z.string().min(1).default('127.0.0.1'),
      })
      .strict()
      .prefault({}),
    stream: z
      .object({
        /** Events kept in the Redis stream at most (trimmed approximately, MAXLEN ~). */
        maxLen: z.number().int().positive().default(100_000),
        /** Events older than this are trimmed from the Redis stream (MINID ~), seconds. */
        maxAgeSeconds: z
          .number()
          .int()
          .positive()
          .default(7 * 86_400),
        /** How often the relay looks for new outbox events, ms. */
        pollMs: z.number().int().positive().default(500),
        /** Comment line sent to idle SSE clients so proxies keep the connection, seconds. */
        heartbeatSeconds: z.number().int().positive().default(15),
        /** SSE clients served at once per API process; more get 503 with Retry-After. */
        maxClients: z.number().int().positive().default(1_000),
        /** SSE clients at once per API key (per client address when the API is open). */
        maxClientsPerKey: z.number().int().positive().default(20),
        /** Webhook deliveries tried this many times before the dead-letter list. */
        webhookAttempts: z.number().int().positive().default(8),
        /** First webhook retry delay, doubling each attempt, ms. */
        webhookBackoffMs: z.number().int().positive().default(5_000),
        /** Whole webhook request limit, ms. */
        webhookTimeoutMs: z.number().int().positive().default(10_000),
        /** host or host:port webhook receivers allowed on private addresses (fetch.allowPrivateHosts does not apply). */
        webhookAllowPrivateHosts: hostList.default([]),
      })
      .strict()
      .prefault({}),
    /** Webhook subscribers: every event matching `filters` is POSTed to `url`, signed with `secret`. */
    webhooks: z
      .array(
        z
          .object({
            id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _'),
            url: z.string().url(),
            secret: z.string().min(16),
            filters: z
              .object({ feed: z.string().optional(), topic: z.string().optional(), entity: z.string().optional() })
              .strict()
              .default({}),
          })
          .strict(),
      )
      .default([]),
    shutdown: z
      .object({
        /**
         * SIGTERM/SIGINT: active jobs get this long to finish, closing connections included,
         * seconds; then the process exits whatever Redis or the database are doing.
         */
        graceSeconds: z.number().int().positive().default(50),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

type EnvParser = (raw: string) => unknown;
const asString: EnvParser = (raw) => raw;
const asInt: EnvParser = (raw) => (/^-?\d+$/.test(raw.trim()) ? Number(raw) : raw);
const asNumber: EnvParser = (raw) => (/^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw);
const asBool: EnvParser = (raw) =>
  raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
const asList: EnvParser = (raw) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Environment variables that override the file, with the config path each sets. These names
 * are a contract (docker compose, operators): add, never rename.
 */
export const envVars: Record<string, { path: string; parse: EnvParser }> = {
  REDIS_URL: { path: 'redis.url', parse: asString },
  DATABASE_URL: { path: 'database.url', parse: asString },
  LEDE_FEEDS: { path: 'feeds.file', parse: asString },
  LEDE_API_PORT: { path: 'api.port', parse: asInt },
  LEDE_FETCH_ALLOW_PRIVATE_HOSTS: { path: 'fetch.allowPrivateHosts', parse: asList },
  LEDE_REDIS_PREFIX: { path: 'redis.prefix', parse: asString },
  LEDE_REDIS_TLS_CA: { path: 'redis.tlsCaFile', parse: asString },
  LEDE_LOG_LEVEL: { path: 'log.level', parse: asString },
  LEDE_USER_AGENT: { path: 'fetch.userAgent', parse: asString },
  LEDE_EXTRACT_DOM: { path: 'extract.dom', parse: asString },
  LEDE_EXTRACT_WORKERS: { path: 'extract.workers', parse: asInt },
  LEDE_DASHBOARD_USER: { path: 'api.dashboardUser', parse: asString },
  LEDE_DASHBOARD_PASSWORD: { path: 'api.dashboardPassword', parse: asString },
  LEDE_DASHBOARD_READ_ONLY: { path: 'api.dashboardReadOnly', parse: asBool },
  LEDE_FETCH_PER_HOST_CONCURRENCY: { path: 'fetch.perHostConcurrency', parse: asInt },
  LEDE_QUEUE_ATTEMPTS: { path: 'queues.attempts', parse: asInt },
  LEDE_QUEUE_BACKOFF_MS: { path: 'queues.backoffMs', parse: asInt },
  LEDE_API_KEYS: { path: 'api.keys', parse: asList },
  LEDE_API_RATE_LIMIT_PER_MINUTE: { path: 'api.rateLimitPerMinute', parse: asInt },
  LEDE_API_CORS_ORIGINS: { path: 'api.corsOrigins', parse: asList },
  LEDE_STREAM_MAX_LEN: { path: 'stream.maxLen', parse: asInt },
  LEDE_STREAM_MAX_AGE_SECONDS: { path: 'stream.maxAgeSeconds', parse: asInt },
  LEDE_FETCH_PER_HOST_RATE: { path: 'fetch.perHostRatePerSecond', parse: asNumber },
  LEDE_FEEDS_MIN_INTERVAL_SECONDS: { path: 'feeds.minIntervalSeconds', parse: asInt },
  LEDE_FEEDS_MAX_INTERVAL_SECONDS: { path: 'feeds.maxIntervalSeconds', parse: asInt },
  LEDE_WEBSUB_LEASE_SECONDS: { path: 'feeds.websubLeaseSeconds', parse: asInt },
  LEDE_API_PUBLIC_URL: { path: 'api.publicUrl', parse: asString },
  LEDE_METRICS_PORT: { path: 'metrics.port', parse: asInt },
  LEDE_METRICS_HOST: { path: 'metrics.host', parse: asString },
  LEDE_API_AUTH_FAILURES_PER_MINUTE: { path: 'api.authFailuresPerMinute', parse: asInt },
  LEDE_EXTRACT_TIMEOUT_MS: { path: 'extract.timeoutMs', parse: asInt },
  LEDE_FEEDS_MAX_ITEMS_PER_POLL: { path: 'feeds.maxItemsPerPoll', parse: asInt },
  LEDE_STREAM_MAX_CLIENTS: { path: 'stream.maxClients', parse: asInt },
  LEDE_STREAM_MAX_CLIENTS_PER_KEY: { path: 'stream.maxClientsPerKey', parse: asInt },
  LEDE_WEBHOOK_ALLOW_PRIVATE_HOSTS: { path: 'stream.webhookAllowPrivateHosts', parse: asList },
  LEDE_API_HOST: { path: 'api.host', parse: asString },
  LEDE_REDIS_STARTUP_TIMEOUT_SECONDS: { path: 'redis.startupTimeoutSeconds', parse: asInt },
  LEDE_DATABASE_STARTUP_TIMEOUT_SECONDS: { path: 'database.startupTimeoutSeconds', parse: asInt },
  LEDE_SHUTDOWN_GRACE_SECONDS: { path: 'shutdown.graceSeconds', parse: asInt },
};

/** Environment names lede reads that are not config keys (process-level switches). */
const otherLedeEnv = new Set(['LEDE_CONFIG', 'LEDE_TEST_DATABASE_URL']);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function describeIssue(issue: z.core.$ZodIssue, origin: (path: string) => string): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((k) => `unknown config key "${[...issue.path, k].join('.')}"${origin([...issue.path, k].join('.'))}`)
      .join('; ');
  }
  const path = issue.path.join('.');
  return `invalid config key "${path}"${origin(path)}: ${issue.message}`;
}

/**
 * Load the configuration. `env` and `file` are parameters so tests and `lede process` can pass
 * their own; the process entry points pass process.env.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, file = env.LEDE_CONFIG ?? 'config/lede.yaml'): Config {
  let raw: Record<string, unknown> = {};
  if (existsSync(file)) {
    const parsed = parseYaml(readFileSync(file, 'utf8')) as unknown;
    if (parsed !== null && parsed !== undefined) {
      if (typeof parsed !== 'object' || Array.isArray(parsed))
        throw new ConfigError(`config: ${file} must be a mapping`);
      raw = parsed as Record<string, unknown>;
    }
  } else if (env.LEDE_CONFIG) {
    throw new ConfigError(`config: LEDE_CONFIG names ${file}, which does not exist`);
  }

  const fromEnv = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const spec = envVars[name];
    if (spec) {
      setPath(raw, spec.path, spec.parse(value));
      fromEnv.set(spec.path, name);
    } else if (name.startsWith('LEDE_') && !otherLedeEnv.has(name)) {
      throw new ConfigError(`config: unknown environment variable ${name} (known: ${Object.keys(envVars).join(', ')})`);
    }
  }

  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const origin = (path: string) => (fromEnv.has(path) ? ` (from ${fromEnv.get(path)})` : ` (in ${file})`);
    throw new ConfigError(`config: ${result.error.issues.map((i) => describeIssue(i, origin)).join('; ')}`);
  }
  const config = result.data;
  config.redis.prefix = effectivePrefix(config.redis.prefix, parseRedisUrl(config.redis.url));
  return config;
}
