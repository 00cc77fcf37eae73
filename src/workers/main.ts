// Worker process entry: `node dist/workers/main.js <kind> [<kind> …]` (docker compose runs one
// kind per service), or `npm run worker -- fetch`. With no kind, or `all`, runs every kind.
import { ConfigError } from '../shared/errors.js';
import { runService } from '../shared/shutdown.js';
import { isWorkerKind, workerKinds, type WorkerKind } from './kinds.js';
import { openRuntime } from '../app/runtime.js';
import { startWorkers } from './start.js';

function parseKinds(args: string[]): WorkerKind[] {
  if (args.length === 0 || args.includes('all')) return [...workerKinds];
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
  const running = startWorkers(rt, kinds);
  shutdown.add('workers', (deadline) => running.stop(deadline), { finishesJobs: true });
  rt.logger.info({ kinds }, 'workers started');
});
