// The pipeline on the Redis deployments production runs: a Redis Cluster (three masters, one
// replica each) and a Sentinel set, each started for this file with redis-server on loopback.
// Stories and versions go through every stage; lede's keys land in one hash slot on the
// cluster (hash-tagged prefix), and Sentinel discovery finds the primary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';
import { createRedis, deleteKeysWithPrefix } from '../../src/shared/redis.js';
import { startPipeline, type TestPipeline } from '../support/pipeline.js';
import { keySlot, startRedisCluster, startRedisSentinel, type RedisTopology } from '../support/redis-topology.js';
import { waitFor } from '../support/wait.js';

const topologies: Array<[string, () => Promise<RedisTopology>]> = [
  ['a Redis Cluster', startRedisCluster],
  ['Redis behind Sentinel', () => startRedisSentinel()],
];

// Both deployments start together, at the first one's beforeAll: most of a start is waiting
// (the cluster joining, the sentinels finding each other), which the first one's tests overlap.
let starting: Map<string, Promise<RedisTopology>> | undefined;
function topologyFor(name: string): Promise<RedisTopology> {
  starting ??= new Map(
    topologies.map(([n, start]) => {
      const started = start();
      started.catch(() => undefined); // the failure surfaces where it is awaited
      return [n, started];
    }),
  );
  return starting.get(name)!;
}

// A deployment whose tests did not run (filtered out, or an earlier hook failed) stops here.
afterAll(async () => {
  for (const started of starting?.values() ?? []) await (await started.catch(() => undefined))?.close();
}, 60_000);

describe.each(topologies)('the pipeline on %s', (name) => {
  const stories = loadStories().slice(0, 3);
  let topology: RedisTopology;
  let sim: WireSimulator;
  let lede: TestPipeline;

  const listStories = async () => {
    const res = await fetch(`${lede.base}/v1/stories?limit=100`);
    return ((await res.json()) as { items: Array<{ id: string; version: number }> }).items;
  };
  const poll = () => lede.rt.queues.add('poll', { feedId: 'wire', trigger: 'manual' });

  beforeAll(async () => {
    topology = await topologyFor(name);
    sim = await startWireSimulator({ stories, feeds: ['wire'] });
    lede = await startPipeline({
      name: name.includes('Cluster') ? 'cluster' : 'sentinel',
      redisUrl: topology.url,
      feeds: { wire: sim.feedUrl('wire') },
      allowHosts: [new URL(sim.url).host],
    });
  }, 120_000);

  afterAll(async () => {
    await lede?.close();
    await sim?.close();
    await topology?.close();
  }, 60_000);

  it('stores every story, then a new version as version 2 of the same story', async () => {
    await poll();
    await waitFor('all stories stored', async () => (await listStories()).length === stories.length, 90_000);
    sim.publishVersion(stories[0].slug, {
      title: `${stories[0].title} (update)`,
      appendParagraphs: ['Officials said late on Tuesday that more details would be released after the meeting.'],
    });
    await poll();
    const updated = await waitFor('version 2', async () => (await listStories()).find((s) => s.version === 2), 90_000);
    expect(await listStories()).toHaveLength(stories.length);
    expect(updated.version).toBe(2);
  }, 180_000);

  it('keeps every key of lede under one prefix (one hash slot on a cluster)', async () => {
    const prefix = lede.rt.config.redis.prefix;
    // A worker-style connection queues commands until Sentinel has named the primary.
    const redis = createRedis(topology.url, 'worker');
    try {
      if (name.includes('Cluster')) {
        expect(prefix).toMatch(/^\{lede-test-cluster-[0-9a-f]+\}$/);
        const slots = new Set([
          await keySlot(topology, `${prefix}:poll:id`),
          await keySlot(topology, `${prefix}:store:wait`),
          await keySlot(topology, `${prefix}:host:{127.0.0.1}:tokens`),
          await keySlot(topology, `${prefix}:stream:events`),
        ]);
        expect(slots.size).toBe(1);
      }
      // Every master is scanned on a cluster: the prefix's keys are found wherever they are.
      const probe = `${prefix}:probe`;
      await redis.set(probe, '1');
      expect(await deleteKeysWithPrefix(redis, `${prefix}:probe`)).toBe(1);
    } finally {
      redis.disconnect();
    }
  });
});
