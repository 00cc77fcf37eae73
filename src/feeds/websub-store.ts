// Where WebSub subscriptions and schedule hints live: Redis, shared by the poll workers (which
// subscribe) and the API (which answers the hub), and needing no store migration. One JSON
// value per feed; the Redis client is passed in.
import type { RedisClient } from '../shared/redis.js';
import type { Subscription } from './websub.js';
import type { FeedHints } from './schedule.js';

class JsonByFeed<T> {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
  ) {}

  async get(feedId: string): Promise<T | undefined> {
    const raw = await this.redis.get(`${this.keyPrefix}:${feedId}`);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async put(feedId: string, value: T): Promise<void> {
    await this.redis.set(`${this.keyPrefix}:${feedId}`, JSON.stringify(value));
  }

  async delete(feedId: string): Promise<void> {
    await this.redis.del(`${this.keyPrefix}:${feedId}`);
  }
}

export class WebSubSubscriptions extends JsonByFeed<Subscription> {
  /** `prefix` is the deployment's Redis prefix (redis.prefix). */
  constructor(redis: RedisClient, prefix: string) {
    super(redis, `${prefix}:websub`);
  }
}

/** Skip rules and <ttl> of each feed's last parsed document, so a 304 still honours them. */
export class FeedHintsStore extends JsonByFeed<FeedHints> {
  constructor(redis: RedisClient, prefix: string) {
    super(redis, `${prefix}:feed-hints`);
  }
}
