// Worker process entry: `node dist/workers/main.js <kind> [<kind> …]` (docker compose runs one
// kind per service), or `npm run worker -- fetch`. `all` runs every kind; no kind is a usage
// error, not "everything" (that would also resync the prefix's feed schedulers).
import '../app/preflight.js'; // first: a bad config or feed list stops us before the heavy modules load
import { ConfigError } from '../shared/errors.js';
import { runService } from '../shared/shutdown.js';
import { isWorkerKind, workerKinds, type WorkerKind } from './kinds.js';
import { openRuntime } from '../app/runtime.js';
import { startWorkers } from './start.js';
import { serveWorkerMetrics } from './metrics-server.js';

const usage = `usage: node dist/workers/main.js KIND [KIND …]   (npm run worker -- KIND)
  kinds: ${workerKinds.join(', ')}, or all
  LEDE_METRICS_PORT serves /metrics and /healthz of this process`;

function parseKinds(args: string[]): WorkerKind[] {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) throw new ConfigError(usage);
  if (args.includes('all')) return [...workerKinds];
  const bad = args.filter((a) => !isWorkerKind(a));
  if (bad.length)
    throw new ConfigError(`worker: unknown kind "${bad.join(', ')}" (known: ${workerKinds.join(', ')}, all)`);
  return args as WorkerKind[];
}

runService(async (shutdown) => {
  const kinds = parseKinds(process.argv.slice(2));
  const rt = await openRuntime();
  shutdown.configure(rt.logger, rt.config.shutdown.graceSeconds);
  shutdown.add('connections', () => rt.close());
  await rt.ready(shutdown.signal);
  const metrics = await serveWorkerMetrics(rt.config.metrics, rt.metrics); // a taken port fails before any job
  if (metrics) shutdown.add('metrics', () => metrics.close());
  const running = startWorkers(rt, kinds);
  shutdown.add('workers', (deadline) => running.stop(deadline), { finishesJobs: true });
  rt.logger.info({ kinds, metrics_port: metrics?.port }, 'workers started');
});
