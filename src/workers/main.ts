// Worker process entry: `node dist/workers/main.js <kind> [<kind> …]` (docker compose runs one
// kind per service), or `npm run worker -- fetch`. With no kind, or `all`, runs every kind.
import { ConfigError } from '../shared/errors.js';
import { onShutdown } from '../shared/shutdown.js';
import { isWorkerKind, workerKinds, type WorkerKind } from './kinds.js';
import { createRuntime } from '../app/runtime.js';
import { startWorkers } from './start.js';

function parseKinds(args: string[]): WorkerKind[] {
  if (args.length === 0 || args.includes('all')) return [...workerKinds];
  const bad = args.filter((a) => !isWorkerKind(a));
  if (bad.length)
    throw new ConfigError(`worker: unknown kind "${bad.join(', ')}" (known: ${workerKinds.join(', ')}, all)`);
  return args as WorkerKind[];
}

async function main(): Promise<void> {
  const kinds = parseKinds(process.argv.slice(2));
  const rt = await createRuntime();
  const running = startWorkers(rt, kinds);
  rt.logger.info({ kinds }, 'workers started');
  onShutdown(rt.logger, async () => {
    await running.stop();
    await rt.close();
  });
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
