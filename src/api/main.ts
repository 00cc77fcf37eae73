// API process entry (docker compose's `api` service): `node dist/api/main.js`.
import '../app/preflight.js'; // first: a bad config or feed list stops us before the heavy modules load
import { ConfigError } from '../shared/errors.js';
import { onShutdown } from '../shared/shutdown.js';
import { createRuntime } from '../app/runtime.js';
import { startApi } from './server.js';
import { startChangeStream } from '../stream/start.js';

async function main(): Promise<void> {
  const rt = await createRuntime();
  const api = await startApi(rt);
  const stream = await startChangeStream(rt); // relay (one publisher across processes) + webhooks
  rt.logger.info({ port: api.port }, 'api listening');
  onShutdown(rt.logger, async () => {
    await api.close();
    await stream.stop();
    await rt.close();
  });
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
