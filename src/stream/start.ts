// The change stream in a process: the outbox relay (only the lock holder publishes, so every
// process may start one) and the webhook dispatchers and delivery worker.
import type { Runtime } from '../app/runtime.js';
import { streamKeys } from './entries.js';
import { OutboxRelay } from './relay.js';
import { Webhooks } from './webhooks.js';

export interface RunningStream {
  relay: OutboxRelay;
  webhooks: Webhooks;
  stop(): Promise<void>;
}

export async function startChangeStream(
  rt: Pick<Runtime, 'config' | 'connection' | 'store' | 'logger'>,
): Promise<RunningStream> {
  const { config } = rt;
  const keys = streamKeys(config.redis.prefix);
  const logger = rt.logger.child({ component: 'stream' });
  const relay = new OutboxRelay(rt.connection, rt.store, keys, config.stream, logger);
  const webhooks = new Webhooks({
    connection: rt.connection,
    prefix: config.redis.prefix,
    keys,
    store: rt.store,
    subscribers: config.webhooks,
    options: {
      attempts: config.stream.webhookAttempts,
      backoffMs: config.stream.webhookBackoffMs,
      timeoutMs: config.stream.webhookTimeoutMs,
      allowPrivateHosts: config.stream.webhookAllowPrivateHosts,
    },
    logger,
  });
  relay.start();
  await webhooks.start();
  return {
    relay,
    webhooks,
    async stop() {
      await webhooks.stop();
      await relay.stop();
    },
  };
}
