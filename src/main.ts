// `npm start`: every worker kind and the API in one process, against Redis at REDIS_URL and
// the store at DATABASE_URL (embedded SQLite by default). The API listens first, so /readyz
// says what is still missing while start-up waits for Redis and the database.
import './app/preflight.js'; // first: a bad config or feed list stops us before the heavy modules load
import { runService } from './shared/shutdown.js';
import { workerKinds } from './workers/kinds.js';
import { openRuntime } from './app/runtime.js';
import { startWorkers } from './workers/start.js';
import { startApi } from './api/server.js';
import { startChangeStream } from './stream/start.js';

runService(async (shutdown) => {
  const rt = await openRuntime();
  shutdown.configure(rt.logger, rt.config.shutdown.graceSeconds);
  shutdown.add('connections', () => rt.close());
  const api = await startApi(rt);
  shutdown.add('api', () => api.close());
  await rt.ready(shutdown.signal);
  const stream = await startChangeStream(rt); // relay (one publisher across processes) + webhooks
  shutdown.add('stream', () => stream.stop());
  const running = startWorkers(rt, workerKinds);
  shutdown.add('workers', (deadline) => running.stop(deadline), { finishesJobs: true });
  rt.logger.info({ port: api.port, feeds: rt.config.feeds.file, database: rt.store.kind }, 'lede started');
});
