// `lede queues reset --yes`: delete everything lede keeps under its Redis prefix (jobs waiting,
// finished and failed, feed schedulers, per-host limits, the change stream, the deployment id),
// so the prefix can serve a new store. The next process to start writes that store's
// deployment id (app/deployment.ts). Refused while workers are connected to the prefix.
import type { Config } from '../shared/config.js';
import { ConfigError } from '../shared/errors.js';
import { createRedis, keysWithPrefix } from '../shared/redis.js';
import { PipelineQueues } from '../queues/producers.js';

type Out = (line: string) => void;

export const queuesUsage = `usage: lede queues reset [--yes]
  Deletes every key under the Redis prefix (LEDE_REDIS_PREFIX, now "%s") at REDIS_URL: the job
  history that makes finished items count as done, feed schedulers, per-host limits, the change
  stream and the deployment id. Use it when the prefix should serve a new store. Stop lede first.
  Without --yes, only says how many keys it would delete.`;

export async function queuesCommand(config: Config, args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'reset') throw new ConfigError(queuesUsage.replace('%s', config.redis.prefix));
  const { prefix } = config.redis;
  const redis = createRedis(config.redis.url, 'producer', { tlsCaFile: config.redis.tlsCaFile });
  const queues = new PipelineQueues(redis, prefix, config.queues);
  try {
    let workers = 0;
    for (const queue of Object.values(queues.queues)) workers += await queue.getWorkersCount();
    if (workers > 0)
      throw new ConfigError(
        `queues reset: ${workers} workers are connected to prefix "${prefix}"; stop lede (every worker, the scheduler and the API) first`,
      );
    // The ':' keeps prefix "lede" from matching another deployment's "lede2".
    const keys = await keysWithPrefix(redis, `${prefix}:`);
    if (!rest.includes('--yes')) {
      out(`would delete ${keys.length} keys under Redis prefix "${prefix}"; run \`lede queues reset --yes\` to do it`);
      return keys.length === 0 ? 0 : 1;
    }
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    out(`deleted ${keys.length} keys under Redis prefix "${prefix}"`);
    return 0;
  } finally {
    await queues.close();
    redis.disconnect();
  }
}
