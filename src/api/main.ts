// API process entry (docker compose's `api` service): `node dist/api/main.js`. It listens
// before Redis and the store answer, so /readyz can say which one is missing.
import '../app/preflight.js'; // first: a bad config or feed list stops us before the heavy modules load
import { runService } from '../shared/shutdown.js';
import { openRuntime } from '../app/runtime.js';
import { startApi } from './server.js';
import { startChangeStream } from '../stream/start.js';

runService(async (shutdown) => {
  const rt = await openRuntime();
  shutdown.configure(rt.logger, rt.config.shutdown.graceSeconds);
  shutdown.add('connections', () => rt.close());
  const api = await startApi(rt);
  shutdown.add('api', () => api.close());
  await rt.ready(shutdown.signal);
  const stream = await startChangeStream(rt); // relay (one publisher across processes) + webhooks
  shutdown.add('stream', () => stream.stop());
  rt.logger.info({ port: api.port }, 'api listening');
});
