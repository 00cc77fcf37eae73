// Reading events after a seq for one client (the SSE route): from the Redis stream, blocking
// until something arrives; from the store's outbox when the client is further behind than the
// stream reaches (trimmed by length or age), so a late resume still loses nothing.
import type { RedisClient } from '../shared/redis.js';
import type { Store } from '../storage/store.js';
import {
  decodeEntry,
  seqOfStreamId,
  streamIdOf,
  type PublishedEvent,
  type RawEntry,
  type StreamKeys,
} from './entries.js';

export class EventReader {
  /** `redis` is this reader's own connection: XREAD BLOCK holds it. */
  constructor(
    private readonly redis: RedisClient,
    private readonly store: Pick<Store, 'listEvents'>,
    private readonly keys: StreamKeys,
  ) {}

  /** The seq of the newest published event (0 when none): where a fresh client starts. */
  async latestSeq(): Promise<number> {
    const [last] = (await this.redis.xrevrange(this.keys.events, '+', '-', 'COUNT', 1)) as RawEntry[];
    const position = Number((await this.redis.get(this.keys.relayPosition)) ?? 0);
    return Math.max(last ? seqOfStreamId(last[0]) : 0, position);
  }

  /** Events with seq > afterSeq, oldest first; waits up to blockMs, then returns []. */
  async readAfter(afterSeq: number, count: number, blockMs: number): Promise<PublishedEvent[]> {
    const [head] = (await this.redis.xrange(this.keys.events, '-', '+', 'COUNT', 1)) as RawEntry[];
    const headSeq = head ? seqOfStreamId(head[0]) : Infinity;
    if (headSeq > afterSeq + 1) {
      // Seqs may have gaps (rolled-back transactions), so ask the outbox what lies before the head.
      const older = (await this.store.listEvents(afterSeq, count)).filter((e) => e.seq! < headSeq);
      if (older.length) return older as PublishedEvent[];
    }
    const reply = await this.redis.xread(
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.keys.events,
      streamIdOf(afterSeq),
    );
    return reply ? reply[0][1].map((raw) => decodeEntry(raw).event) : [];
  }
}
