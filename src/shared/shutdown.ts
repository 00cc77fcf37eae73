// SIGTERM/SIGINT: run the stop functions once (stop taking jobs, finish active ones, close
// connections), then exit 0. A second signal exits at once.
import type { Logger } from './logger.js';

export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing active jobs');
    stop()
      .then(() => {
        logger.info('shutdown complete');
        process.exit(0);
      })
      .catch((err: Error) => {
        logger.error({ err: err.message }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
