// The outbox relay: copies change events from the store's outbox (written in the same
// transaction as the change) to the Redis stream, so nothing committed is ever lost and nothing
// uncommitted is ever published.
//
//   lock      SET NX PX, renewed every tick: one relay publishes at a time, any process may
//             run one; when its process dies another takes over after lockTtlMs
//   position  last published seq in Redis, written in the same MULTI as the XADDs, so a
//             restarted relay resumes exactly after it
//   publish   XADD `<seq>-0` MAXLEN ~ maxLen (explicit ids: a repeat publish is refused by
//             Redis, so even two relays racing across a lock expiry cannot duplicate an event)
//   trim      by age, XTRIM MINID ~ past the entries published before now - maxAge
//
// Outbox order is commit order: every write that appends an event holds the store's ingest
// lock (Store.ingest), so a smaller seq can never commit after a larger one was read.
import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../shared/redis.js';
import type { Logger } from '../shared/logger.js';
import type { Store } from '../storage/store.js';
import {
  decodeEntry,
  entryFields,
  seqOfStreamId,
  streamIdOf,
  type PublishedEvent,
  type RawEntry,
  type StreamKeys,
} from './entries.js';

export interface RelayOptions {
  /** Approximate cap on entries kept in the stream. */
  maxLen: number;
  /** Entries published longer ago than this are trimmed (approximately), seconds. */
  maxAgeSeconds: number;
  /** Pause between ticks when the outbox has nothing new, ms. */
  pollMs: number;
  /** Events read from the outbox per batch. Default 500. */
  batchSize?: number;
  /** Lock expiry; a crashed relay's lock frees after this, ms. Default 10 000. */
  lockTtlMs?: number;
  /** How often to trim by age, ms. Default 60 000. */
  trimEveryMs?: number;
}

const ACQUIRE_OR_RENEW = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** XADD's answer when the id is not above the stream's last id: already published. */
const isAlreadyPublished = (err: unknown) => err instanceof Error && /equal or smaller/i.test(err.message);

export class OutboxRelay {
  private readonly token = randomBytes(8).toString('hex');
  private readonly batchSize: number;
  private readonly lockTtlMs: number;
  private readonly trimEveryMs: number;
  private lastTrim = 0;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;

  constructor(
    private readonly redis: RedisClient,
    private readonly store: Pick<Store, 'listEvents'>,
    private readonly keys: StreamKeys,
    private readonly opts: RelayOptions,
    private readonly logger?: Logger,
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.lockTtlMs = opts.lockTtlMs ?? 10_000;
    this.trimEveryMs = opts.trimEveryMs ?? 60_000;
  }

  /** Take or keep the relay lock; false when another relay holds it. */
  async holdLock(): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE_OR_RENEW, 1, this.keys.relayLock, this.token, String(this.lockTtlMs))) === 1;
  }

  /** Publish everything new in the outbox, if this relay holds the lock. Returns how many. */
  async tick(now = Date.now()): Promise<number> {
    let published = 0;
    while (await this.holdLock()) {
      const after = Number((await this.redis.get(this.keys.relayPosition)) ?? 0);
      const events = await this.store.listEvents(after, this.batchSize);
      if (events.length === 0) break;
      published += await this.publish(events as PublishedEvent[], now);
      if (events.length < this.batchSize) break;
    }
    if (now - this.lastTrim >= this.trimEveryMs && (await this.holdLock())) {
      this.lastTrim = now;
      await this.trimByAge(now);
    }
    return published;
  }

  private async publish(events: PublishedEvent[], now: number): Promise<number> {
    const multi = this.redis.multi();
    for (const event of events) {
      multi.xadd(
        this.keys.events,
        'MAXLEN',
        '~',
        String(this.opts.maxLen),
        streamIdOf(event.seq),
        ...entryFields(event, now),
      );
    }
    multi.set(this.keys.relayPosition, String(events[events.length - 1].seq));
    const results = (await multi.exec()) ?? [];
    let published = 0;
    for (const [err] of results.slice(0, events.length)) {
      if (!err) published += 1;
      else if (!isAlreadyPublished(err)) throw new Error(`stream relay: XADD failed: ${err.message}`);
    }
    this.logger?.debug({ published, last_seq: events[events.length - 1].seq }, 'stream relay published');
    return published;
  }

  /** Trim entries published before now - maxAge; reads the head in pages (ids are seqs, not times). */
  async trimByAge(now = Date.now()): Promise<void> {
    const cutoff = now - this.opts.maxAgeSeconds * 1000;
    let start = '-';
    for (let pages = 0; pages < 10; pages++) {
      const raw = (await this.redis.xrange(this.keys.events, start, '+', 'COUNT', 500)) as RawEntry[];
      if (raw.length === 0) return;
      const entries = raw.map(decodeEntry);
      const firstKept = entries.find((e) => e.publishedAt >= cutoff);
      if (firstKept) {
        if (firstKept !== entries[0] || pages > 0) await this.redis.xtrim(this.keys.events, 'MINID', '~', firstKept.id);
        return;
      }
      const last = seqOfStreamId(entries[entries.length - 1].id);
      await this.redis.xtrim(this.keys.events, 'MINID', '~', streamIdOf(last + 1));
      start = streamIdOf(last + 1);
    }
  }

  /** Run ticks until stop(); a failing tick is logged and retried after pollMs. */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = (async () => {
      while (!this.stopped) {
        try {
          await this.tick();
        } catch (err) {
          this.logger?.warn({ err: (err as Error).message }, 'stream relay: tick failed');
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  /** Stop after the current tick and free the lock so another relay takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
    await this.redis.eval(RELEASE, 1, this.keys.relayLock, this.token).catch(() => undefined);
  }
}
