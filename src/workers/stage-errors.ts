// How an error thrown by a stage's handler becomes a BullMQ outcome, in one pure function so
// the mapping is tested without Redis:
//   RetryLaterError     → delayed: this one job moved to the delayed set, attempt not spent
//   DependencyDownError → the same, and the worker pauses for as long
//   PermanentError      → failed now, no retries (BullMQ's UnrecoverableError, reason kept)
//   UnrecoverableError  → the same, as thrown
//   anything else       → rethrown as is, retried with exponential backoff
import { UnrecoverableError } from 'bullmq';
import { DependencyDownError, PermanentError, RetryLaterError } from '../shared/errors.js';

export type StageErrorOutcome =
  | { kind: 'delayed'; retryAfterMs: number; pauseWorker: boolean }
  | { kind: 'failed'; error: UnrecoverableError }
  | { kind: 'retry'; error: unknown };

export function stageErrorOutcome(err: unknown): StageErrorOutcome {
  if (err instanceof RetryLaterError)
    return { kind: 'delayed', retryAfterMs: err.retryAfterMs, pauseWorker: err instanceof DependencyDownError };
  if (err instanceof UnrecoverableError) return { kind: 'failed', error: err };
  if (err instanceof PermanentError) return { kind: 'failed', error: new UnrecoverableError(err.message) };
  return { kind: 'retry', error: err };
}
