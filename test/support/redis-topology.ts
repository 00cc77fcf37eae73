// Throwaway Redis deployments for tests: a Redis Cluster (three masters, one replica each) and
// a Sentinel set (a primary, a replica, three sentinels), started with redis-server on free
// loopback ports in a temporary folder, and stopped (SIGKILL, files removed) by close().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitFor } from './wait.js';

export interface RedisNodeProcess {
  port: number;
  proc: ChildProcess;
  /** SIGKILL the node (a crash: no shutdown save, no failover handshake). */
  kill(): void;
}

export interface RedisTopology {
  /** The REDIS_URL lede uses for this deployment. */
  url: string;
  nodes: RedisNodeProcess[];
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Free ports where port+10000 (the cluster bus) is also free. */
async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (port < 55_000 && !ports.includes(port)) ports.push(port);
  }
  return ports;
}

function startNode(dir: string, port: number, args: string[], sentinel = false): RedisNodeProcess {
  const conf = join(dir, `${port}.conf`);
  writeFileSync(conf, [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, ...args].join('\n') + '\n');
  const proc = spawn('redis-server', sentinel ? [conf, '--sentinel'] : [conf], { stdio: 'ignore' });
  // Never outlive the test process, even when a hook fails before close() runs.
  const kill = () => proc.kill('SIGKILL');
  process.once('exit', kill);
  return { port, proc, kill };
}

async function ping(port: number): Promise<boolean> {
  const r = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

async function command(port: number, ...args: string[]): Promise<unknown> {
  const r = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
  r.on('error', () => {});
  try {
    return await r.call(args[0], ...args.slice(1));
  } finally {
    r.disconnect();
  }
}

function closer(nodes: RedisNodeProcess[], dir: string): () => Promise<void> {
  return async () => {
    for (const node of nodes) node.kill();
    const exited = (n: RedisNodeProcess) => n.proc.exitCode !== null || n.proc.signalCode !== null;
    await Promise.all(nodes.filter((n) => !exited(n)).map((n) => new Promise((r) => n.proc.once('exit', r))));
    rmSync(dir, { recursive: true, force: true });
  };
}

/** A Redis Cluster of three masters with one replica each. */
export async function startRedisCluster(): Promise<RedisTopology> {
  const dir = mkdtempSync(join(tmpdir(), 'lede-cluster-'));
  const ports = await freePorts(6);
  const nodes = ports.map((port) =>
    startNode(dir, port, [
      'cluster-enabled yes',
      `cluster-config-file nodes-${port}.conf`,
      'cluster-node-timeout 2000',
      'save ""',
      'appendonly yes',
      'appendfsync always',
      `appendfilename appendonly-${port}.aof`,
      `appenddirname aof-${port}`,
    ]),
  );
  const close = closer(nodes, dir);
  try {
    for (const node of nodes) await waitFor(`redis ${node.port} up`, () => ping(node.port), 20_000);
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    await waitFor(
      'cluster state ok on every node',
      async () => {
        for (const port of ports) {
          const info = String(await command(port, 'CLUSTER', 'INFO'));
          if (!info.includes('cluster_state:ok')) return false;
        }
        return true;
      },
      60_000,
    );
  } catch (err) {
    await close();
    throw err;
  }
  return { url: `redis-cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`, nodes, close };
}

/** The port of a cluster master that holds `slot`'s keys now. */
export async function masterOfSlot(topology: RedisTopology, slot: number): Promise<number> {
  for (const node of topology.nodes) {
    if (node.proc.exitCode !== null || node.proc.signalCode !== null) continue;
    const slots = (await command(node.port, 'CLUSTER', 'SLOTS').catch(() => [])) as [
      number,
      number,
      [string, number],
    ][];
    for (const [from, to, [, port]] of slots) if (slot >= from && slot <= to) return port;
  }
  throw new Error(`no master serves slot ${slot}`);
}

/** The hash slot of a key (CLUSTER KEYSLOT). */
export async function keySlot(topology: RedisTopology, key: string): Promise<number> {
  const alive = topology.nodes.find((n) => n.proc.exitCode === null && n.proc.signalCode === null)!;
  return Number(await command(alive.port, 'CLUSTER', 'KEYSLOT', key));
}

/** A primary, a replica and three sentinels watching them (quorum 2) as master `lede`. */
export async function startRedisSentinel(
  masterName = 'lede',
): Promise<RedisTopology & { primaryPort(): Promise<number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'lede-sentinel-'));
  const [primary, replica, ...sentinelPorts] = await freePorts(5);
  const data = ['save ""', 'appendonly yes', 'appendfsync always'];
  const nodes = [
    startNode(dir, primary, [...data, `appenddirname aof-${primary}`]),
    startNode(dir, replica, [...data, `appenddirname aof-${replica}`, `replicaof 127.0.0.1 ${primary}`]),
  ];
  const close = closer(nodes, dir);
  try {
    for (const node of nodes) await waitFor(`redis ${node.port} up`, () => ping(node.port), 20_000);
    for (const port of sentinelPorts) {
      nodes.push(
        startNode(
          dir,
          port,
          [
            `sentinel monitor ${masterName} 127.0.0.1 ${primary} 2`,
            `sentinel down-after-milliseconds ${masterName} 2000`,
            `sentinel failover-timeout ${masterName} 10000`,
            `sentinel parallel-syncs ${masterName} 1`,
          ],
          true,
        ),
      );
    }
    await waitFor(
      'replica in sync and sentinels see each other',
      async () => {
        const info = String(await command(primary, 'INFO', 'replication'));
        if (!/connected_slaves:1/.test(info)) return false;
        for (const port of sentinelPorts) {
          const master = (await command(port, 'SENTINEL', 'MASTER', masterName).catch(() => [])) as string[];
          const i = master.indexOf('num-other-sentinels');
          if (i < 0 || Number(master[i + 1]) < 2) return false;
        }
        return true;
      },
      60_000,
    );
  } catch (err) {
    await close();
    throw err;
  }
  const sentinels = sentinelPorts.map((p) => `127.0.0.1:${p}`).join(',');
  return {
    url: `redis-sentinel://${sentinels}/${masterName}`,
    nodes,
    close,
    async primaryPort() {
      const [, port] = (await command(sentinelPorts[0], 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', masterName)) as string[];
      return Number(port);
    },
  };
}
