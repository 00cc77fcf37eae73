// Start and stop of a long-running lede process (npm start, a worker, the API).
//   runService(start)  installs the signal handlers first, so a signal during start-up (while
//                      waiting for Redis, say) is a clean stop; a start that fails ends in one
//                      line on stderr or in the log, never a stack trace, and exit code 1.
//   shutdown.add()     what start() has started, stopped last-first on SIGTERM/SIGINT.
// A stop never hangs on a dependency: steps that finish jobs get until the grace period's end
// minus a reserve, the others a few seconds each, and at the end of the grace period the
// process exits whatever is still pending. A second signal exits at once.
import { ConfigError, StartupError, errorMessage } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import { settledWithin } from './timeout.js';

/** Each closing step (a connection, the HTTP server) gets this long. */
const CLOSE_STEP_MS = 2_000;
/** Part of the grace period kept for closing connections after the jobs are done. */
const CLOSE_RESERVE_MS = 8_000;
/** A terminal's Ctrl-C reaches npm and this process both, and npm forwards it: one press. */
const SAME_SIGINT_MS = 1_000;

interface Step {
  name: string;
  stop: (jobsDeadline: number) => Promise<unknown>;
  finishesJobs: boolean;
}

export class Shutdown {
  private readonly controller = new AbortController();
  private readonly steps: Step[] = [];
  private logger?: Logger;
  private graceMs = 50_000;
  private firstSignalAt = 0;
  private firstSignal?: NodeJS.Signals;

  constructor() {
    process.on('SIGTERM', this.onSignal);
    process.on('SIGINT', this.onSignal);
  }

  /** Aborted at the first signal: start-up waits stop waiting. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  get log(): Logger | undefined {
    return this.logger;
  }

  configure(logger: Logger, graceSeconds: number): void {
    this.logger = logger;
    this.graceMs = graceSeconds * 1000;
  }

  /**
   * Stop `name` on shutdown, after everything added later. `finishesJobs` steps get until the
   * jobs deadline they are passed; others get a few seconds.
   */
  add(name: string, stop: (jobsDeadline: number) => Promise<unknown>, opts: { finishesJobs?: boolean } = {}): void {
    // A signal came while this was starting: start no more (the stop under way ends the process).
    this.signal.throwIfAborted();
    this.steps.push({ name, stop, finishesJobs: opts.finishesJobs ?? false });
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.stopping) {
      if (signal === 'SIGINT' && this.firstSignal === 'SIGINT' && Date.now() - this.firstSignalAt < SAME_SIGINT_MS)
        return;
      this.logger?.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    this.firstSignal = signal;
    this.firstSignalAt = Date.now();
    this.controller.abort(new Error(`stopped by ${signal}`));
    if (!this.logger) process.exit(0); // nothing started yet
    this.logger.info({ signal, grace_ms: this.graceMs }, 'shutting down: finishing active jobs');
    const exitAt = Date.now() + this.graceMs;
    setTimeout(() => {
      this.logger?.error({ grace_ms: this.graceMs }, 'shutdown: grace period over, exiting with work unfinished');
      process.exit(1);
    }, this.graceMs).unref();
    void this.stopAll(exitAt - Math.min(CLOSE_RESERVE_MS, this.graceMs / 2)).then((clean) => {
      this.logger?.info(clean ? 'shutdown complete' : 'shutdown complete, some steps did not finish');
      process.exit(0);
    });
  };

  private async stopAll(jobsDeadline: number): Promise<boolean> {
    let clean = true;
    for (const step of [...this.steps].reverse()) {
      const budget = step.finishesJobs ? Math.max(0, jobsDeadline - Date.now()) + CLOSE_STEP_MS : CLOSE_STEP_MS;
      const stopped = step.stop(jobsDeadline).catch((err: unknown) => {
        this.logger?.warn({ step: step.name, err: errorMessage(err) }, 'shutdown: step failed');
      });
      if (!(await settledWithin(stopped, budget))) {
        clean = false;
        this.logger?.warn({ step: step.name, waited_ms: budget }, 'shutdown: step did not finish in time, going on');
      }
    }
    return clean;
  }
}

/**
 * Run a service's start function with signal handling in place from the first moment. A start
 * that fails exits 1 with one line: a ConfigError's message on stderr, a StartupError (a
 * dependency did not answer) or anything else as a log line.
 */
export function runService(start: (shutdown: Shutdown) => Promise<void>): void {
  const shutdown = new Shutdown();
  // Anything that escapes every handler still ends as one log line, not a stack trace. While
  // stopping, it is most likely a call cut off by a closed connection: the stop goes on.
  const escaped = (err: unknown) => {
    if (!shutdown.stopping) fail(err, shutdown.log);
    shutdown.log?.warn({ err: errorMessage(err) }, 'shutdown: a call failed while stopping');
  };
  process.on('unhandledRejection', escaped);
  process.on('uncaughtException', escaped);
  start(shutdown).catch((err: unknown) => {
    if (shutdown.stopping) return; // a signal cut start-up short: the stop steps end the process
    fail(err, shutdown.log);
  });
}

function fail(err: unknown, logger: Logger | undefined): never {
  if (err instanceof ConfigError && !logger) {
    console.error(err.message);
  } else {
    const log = logger ?? createLogger('info');
    if (err instanceof StartupError || err instanceof ConfigError) log.fatal(err.message);
    else log.fatal({ err: errorMessage(err) }, 'lede stopped on an unexpected error');
  }
  process.exit(1);
}
