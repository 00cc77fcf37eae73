// Producers: the only way jobs enter the queues, so every payload is validated (here, or by the
// worker that takes it when a stage routes its result onwards) and every job gets its
// deterministic id and the configured retry policy.
import { Queue } from 'bullmq';
import type { RedisClient } from '../shared/redis.js';
import type { Config } from '../shared/config.js';
import {
  defaultJobOptions,
  jobIdFor,
  payloadSchemas,
  queueName,
  stages,
  type PayloadOf,
  type Stage,
} from './definitions.js';
import type { StageJob } from './payloads-of.js';

export class PipelineQueues {
  readonly queues: Record<Stage, Queue>;

  constructor(connection: RedisClient, prefix: string, cfg: Config['queues']) {
    const make = (stage: Stage) => {
      const queue = new Queue(queueName(stage), { connection, prefix, defaultJobOptions: defaultJobOptions(cfg) });
      // A queue re-emits its connection's errors, and BullMQ prints a stack for an unheard one.
      // The connection's owner logs them; a failed add rejects to its caller.
      queue.on('error', () => {});
      return queue;
    };
    this.queues = Object.fromEntries(stages.map((s) => [s, make(s)])) as Record<Stage, Queue>;
  }

  async add<S extends Stage>(
    stage: S,
    payload: PayloadOf<S>,
    opts: { delay?: number } = {},
  ): Promise<string | undefined> {
    const data = payloadSchemas[stage].parse(payload);
    const job = await this.queues[stage].add(stage, data, { jobId: jobIdFor(stage, payload), delay: opts.delay });
    return job.id;
  }

  /**
   * Many jobs, one round trip per stage (BullMQ's addBulk, atomic per queue), as a feed's items
   * are: a poll of 100 items no longer waits on 100 sequential adds. `validate: false` is for a
   * stage routing its result onwards: the payload is built from one its worker validated, and the
   * next stage's worker validates what it takes, so checking here too would check it twice (an
   * article with its entities is the costliest payload to walk).
   */
  async addBulk(jobs: readonly StageJob[], opts: { validate?: boolean } = {}): Promise<void> {
    const validate = opts.validate ?? true;
    const byStage = new Map<Stage, Array<{ name: Stage; data: unknown; opts: { jobId?: string } }>>();
    for (const { stage, payload } of jobs) {
      const data = validate ? payloadSchemas[stage].parse(payload) : payload;
      const list = byStage.get(stage) ?? [];
      list.push({ name: stage, data, opts: { jobId: jobIdFor(stage, payload) } });
      byStage.set(stage, list);
    }
    await Promise.all([...byStage].map(([stage, list]) => this.queues[stage].addBulk(list)));
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
