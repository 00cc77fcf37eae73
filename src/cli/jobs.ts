// On-call tools over the queues:
//   lede jobs failed [--queue Q] [--limit N]   failed jobs with their reasons
//   lede jobs retry QUEUE/ID | ID | --all [--queue Q]
//   lede replay --feed ID --since TIME          re-run a feed's stored items through the pipeline
//   lede stats                                  queues, feeds, throughput of the last hour
import { parseArgs } from 'node:util';
import type { Job } from 'bullmq';
import type { Config } from '../shared/config.js';
import { ConfigError } from '../shared/errors.js';
import { createRedis } from '../shared/redis.js';
import { PipelineQueues } from '../queues/producers.js';
import { stages, type Stage } from '../queues/definitions.js';
import { openStore } from '../storage/index.js';
import { feedHealth } from '../feeds/health.js';
import { feedsInUse } from './live-state.js';

type Out = (line: string) => void;

async function withQueues<T>(config: Config, fn: (q: PipelineQueues) => Promise<T>): Promise<T> {
  const redis = createRedis(config.redis.url, 'producer', { tlsCaFile: config.redis.tlsCaFile });
  const queues = new PipelineQueues(redis, config.redis.prefix, config.queues);
  try {
    return await fn(queues);
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

function pickStages(queue: string | undefined): Stage[] {
  if (!queue) return [...stages];
  if (!(stages as readonly string[]).includes(queue))
    throw new ConfigError(`jobs: unknown queue "${queue}" (known: ${stages.join(', ')})`);
  return [queue as Stage];
}

function describeJob(stage: Stage, job: Job): string {
  const d = job.data as { feedId?: string; url?: string; correlationId?: string };
  const when = job.finishedOn ? new Date(job.finishedOn).toISOString() : '-';
  return `${stage}/${job.id}\tattempts=${job.attemptsMade}\t${when}\t${d.feedId ?? '-'}\t${d.url ?? '-'}\t${job.failedReason ?? ''}`;
}

export async function jobsCommand(config: Config, args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { queue: { type: 'string' }, all: { type: 'boolean' }, limit: { type: 'string' } },
  });
  const targets = pickStages(values.queue);
  return withQueues(config, async (q) => {
    if (sub === 'failed') {
      const limit = Number(values.limit ?? 100);
      let n = 0;
      for (const stage of targets) {
        for (const job of await q.queues[stage].getFailed(0, limit - 1)) {
          out(describeJob(stage, job));
          n += 1;
        }
      }
      if (n === 0) out('no failed jobs');
      return 0;
    }
    if (sub === 'retry') {
      if (values.all) {
        for (const stage of targets) await q.queues[stage].retryJobs({ state: 'failed', count: 1000 });
        out(`retrying all failed jobs in ${targets.join(', ')}`);
        return 0;
      }
      if (positionals.length === 0) throw new ConfigError('jobs retry: give QUEUE/ID, ID or --all');
      for (const ref of positionals) {
        const [maybeStage, maybeId] = ref.includes('/') ? ref.split('/', 2) : [undefined, ref];
        const candidates = maybeStage ? pickStages(maybeStage) : targets;
        let found = false;
        for (const stage of candidates) {
          const job = await q.queues[stage].getJob(maybeId);
          if (job && (await job.isFailed())) {
            await job.retry('failed');
            out(`retrying ${stage}/${job.id}`);
            found = true;
            break;
          }
        }
        if (!found) throw new ConfigError(`jobs retry: no failed job ${ref}`);
      }
      return 0;
    }
    throw new ConfigError(
      'usage: lede jobs failed [--queue Q] [--limit N] | lede jobs retry QUEUE/ID|ID|--all [--queue Q]',
    );
  });
}

export async function replayCommand(config: Config, args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { feed: { type: 'string' }, since: { type: 'string' } } });
  if (!values.feed || !values.since || Number.isNaN(Date.parse(values.since)))
    throw new ConfigError('usage: lede replay --feed ID --since ISO-TIME');
  const since = new Date(values.since).toISOString();
  const store = await openStore(config.database.url);
  await store.migrate();
  try {
    return await withQueues(config, async (q) => {
      // A replay is a new job per item (its id carries the replay time), so it is not swallowed
      // by the original job's id; the store's dedupe keeps it from doubling anything.
      const stamp = `replay-${Date.now()}`;
      let cursor: string | undefined;
      let n = 0;
      do {
        const page = await store.listArticles({ feedId: values.feed, since, cursor, limit: 100 });
        for (const a of page.items) {
          await q.add('fetch', {
            correlationId: `${a.id}-${stamp}`,
            feedId: a.feedId,
            itemKey: a.guid ?? a.url ?? a.id,
            contentHash: stamp,
            guid: a.guid,
            url: a.url,
            item: { title: a.title, authors: a.authors, publishedAt: a.publishedAt },
          });
          n += 1;
        }
        cursor = page.nextCursor;
      } while (cursor);
      out(`replaying ${n} items of feed ${values.feed} since ${since}`);
      return 0;
    });
  } finally {
    await store.close();
  }
}

export async function statsCommand(config: Config, out: Out): Promise<number> {
  const store = await openStore(config.database.url);
  await store.migrate();
  try {
    await withQueues(config, async (q) => {
      out('queue\twaiting\tactive\tdelayed\tfailed\tcompleted_last_hour');
      for (const stage of stages) {
        const c = await q.queues[stage].getJobCounts('waiting', 'active', 'delayed', 'failed');
        // BullMQ keeps one point per finished minute; the running minute is count - prevCount.
        const metrics = await q.queues[stage].getMetrics('completed', 0, 58);
        const lastHour = metrics.meta.count - metrics.meta.prevCount + metrics.data.reduce((sum, n) => sum + n, 0);
        out(`${stage}\t${c.waiting}\t${c.active}\t${c.delayed}\t${c.failed}\t${lastHour}`);
      }
    });
    const { feeds, notes } = await feedsInUse(config, store);
    for (const note of notes) console.error(`lede stats: ${note}`);
    const counts: Record<string, number> = {};
    for (const f of feeds) {
      const state = feedHealth(await store.getFeedState(f.id), new Date()).state;
      counts[state] = (counts[state] ?? 0) + 1;
    }
    out(
      `feeds\t${feeds.length}\t${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  } finally {
    await store.close();
  }
  return 0;
}
