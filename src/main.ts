// `npm start`: every worker kind and the API in one process, against Redis at REDIS_URL and
// the store at DATABASE_URL (embedded SQLite by default).
import './app/preflight.js'; // first: a bad config or feed list stops us before the heavy modules load
import { ConfigError } from './shared/errors.js';
import { onShutdown } from './shared/shutdown.js';
import { workerKinds } from './workers/kinds.js';
import { createRuntime } from './app/runtime.js';
import { startWorkers } from './workers/start.js';
import { startApi } from './api/server.js';
import { startChangeStream } from './stream/start.js';

async function main(): Promise<void> {
  const rt = await createRuntime();
  const running = startWorkers(rt, workerKinds);
  const api = await startApi(rt);
  const stream = await startChangeStream(rt); // relay (one publisher across processes) + webhooks
  rt.logger.info({ port: api.port, feeds: rt.config.feeds.file, database: rt.store.kind }, 'lede started');
  onShutdown(rt.logger, async () => {
    await api.close();
    await stream.stop();
    await running.stop();
    await rt.close();
  });
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
