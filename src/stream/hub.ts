// One blocking reader of the change stream per process, shared by every SSE client: a client
// costs memory, not a Redis connection (one connection per client let a few thousand streams
// exhaust Redis's maxclients for the whole pipeline). The hub XREADs new entries on its own
// connection, keeps the newest in memory and wakes the clients waiting for them; a client
// further behind than memory reaches reads its gap without blocking (EventReader: the stream,
// then the outbox), on the shared command connection.
import { duplicateRedis, type RedisClient } from '../shared/redis.js';
import type { Logger } from '../shared/logger.js';
import { decodeEntry, streamIdOf, type PublishedEvent, type StreamKeys } from './entries.js';
import type { EventReader } from './reader.js';

export interface HubOptions {
  /** Name of the hub's Redis connection (CLIENT LIST shows it). */
  connectionName: string;
  /** Newest events kept in memory for clients to read. Default 2 000. */
  keep?: number;
  /** How long one XREAD blocks, ms. Default 5 000. */
  blockMs?: number;
}

export class StreamHub {
  private readonly recent: PublishedEvent[] = [];
  /** Every published event with a larger seq is in `recent` (or not read yet). */
  private coveredAfter = Infinity;
  private lastSeq = 0;
  private readonly waiters = new Set<() => void>();
  private starting?: Promise<void>;
  private loop?: Promise<void>;
  private redis?: RedisClient;
  private stopped = false;

  constructor(
    private readonly connection: RedisClient,
    private readonly reader: EventReader,
    private readonly keys: StreamKeys,
    private readonly opts: HubOptions,
    private readonly logger?: Logger,
  ) {}

  /** Events with seq > afterSeq, oldest first, at most `count`; waits up to waitMs when there are none. */
  async readAfter(afterSeq: number, count: number, waitMs: number): Promise<PublishedEvent[]> {
    await this.start();
    if (afterSeq < this.coveredAfter) {
      const gap = await this.reader.readAfter(afterSeq, count);
      if (gap.length) return gap;
    }
    const fresh = this.fromMemory(afterSeq, count);
    if (fresh.length || this.stopped) return fresh;
    await this.news(waitMs);
    return this.fromMemory(afterSeq, count);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.redis?.disconnect();
    for (const wake of this.waiters) wake();
    await this.loop;
  }

  /** Connects on first use, so a process that serves no stream holds no extra connection. */
  private start(): Promise<void> {
    this.starting ??= (async () => {
      this.lastSeq = await this.reader.latestSeq();
      this.coveredAfter = this.lastSeq;
      this.redis = duplicateRedis(this.connection, this.opts.connectionName);
      this.loop = this.run(this.redis);
    })().catch((err: unknown) => {
      this.starting = undefined; // the next client tries again
      throw err;
    });
    return this.starting;
  }

  private async run(redis: RedisClient): Promise<void> {
    const keep = this.opts.keep ?? 2_000;
    while (!this.stopped) {
      try {
        const reply = await redis.xread(
          'COUNT',
          500,
          'BLOCK',
          this.opts.blockMs ?? 5_000,
          'STREAMS',
          this.keys.events,
          streamIdOf(this.lastSeq),
        );
        if (!reply) continue;
        for (const raw of reply[0][1]) this.recent.push(decodeEntry(raw).event);
        this.lastSeq = this.recent[this.recent.length - 1].seq;
        if (this.recent.length > keep) {
          const dropped = this.recent.splice(0, this.recent.length - keep);
          this.coveredAfter = dropped[dropped.length - 1].seq;
        }
        for (const wake of this.waiters) wake();
      } catch (err) {
        if (this.stopped) return;
        this.logger?.warn({ err: (err as Error).message }, 'stream hub: read failed');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  private fromMemory(afterSeq: number, count: number): PublishedEvent[] {
    // `recent` is in seq order: find the first newer event from the end (clients are mostly current).
    let i = this.recent.length;
    while (i > 0 && this.recent[i - 1].seq > afterSeq) i -= 1;
    return this.recent.slice(i, i + count);
  }

  private news(waitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, waitMs);
      this.waiters.add(wake);
    });
  }
}
