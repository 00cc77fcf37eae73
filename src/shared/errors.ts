// Errors that name where they come from. Queue workers map them to BullMQ outcomes:
// PermanentError → UnrecoverableError (no retry), RetryLaterError → delayed without spending an
// attempt, anything else thrown → retried with backoff.

/** Bad configuration: the process must not start. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Retrying cannot help (404, not a feed, not an article, refused address). */
export class PermanentError extends Error {
  override name = 'PermanentError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The remote asked us to come back later; the job is delayed, not failed. */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/**
 * Something every job of the stage needs (the database) cannot be reached. Retrying on the
 * attempt budget would fail the whole backlog during a long outage, so the job waits without
 * spending an attempt, and the worker takes no new jobs for the same time.
 */
export class DependencyDownError extends RetryLaterError {
  override name = 'DependencyDownError';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A dependency (Redis, the database) did not answer at start: the message says how to fix it. */
export class StartupError extends Error {
  override name = 'StartupError';
}
