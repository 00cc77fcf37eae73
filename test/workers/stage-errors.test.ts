// How a handler's error becomes a BullMQ outcome, without Redis.
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { DependencyDownError, PermanentError, RetryLaterError } from '../../src/shared/errors.js';
import { stageErrorOutcome } from '../../src/workers/stage-errors.js';

describe('stageErrorOutcome', () => {
  it('delays the job when the remote asks us to come back later, without pausing the worker', () => {
    expect(stageErrorOutcome(new RetryLaterError('fetch: host at its limit', 1_200))).toEqual({
      kind: 'delayed',
      retryAfterMs: 1_200,
      pauseWorker: false,
    });
  });

  it('delays the job and pauses the worker while a dependency is down', () => {
    expect(stageErrorOutcome(new DependencyDownError('store: database unavailable', 5_000))).toEqual({
      kind: 'delayed',
      retryAfterMs: 5_000,
      pauseWorker: true,
    });
  });

  it('fails a permanent error at once, keeping its message', () => {
    const out = stageErrorOutcome(new PermanentError('fetch: 404 Not Found', 'fetch_failed'));
    expect(out.kind).toBe('failed');
    expect(out.kind === 'failed' && out.error).toBeInstanceOf(UnrecoverableError);
    expect(out.kind === 'failed' && out.error.message).toBe('fetch: 404 Not Found');
    const unrecoverable = new UnrecoverableError('poll: invalid payload');
    expect(stageErrorOutcome(unrecoverable)).toEqual({ kind: 'failed', error: unrecoverable });
  });

  it('rethrows anything else as is, to be retried with backoff', () => {
    const transient = new Error('fetch: connection reset');
    expect(stageErrorOutcome(transient)).toEqual({ kind: 'retry', error: transient });
    expect(stageErrorOutcome('a string')).toEqual({ kind: 'retry', error: 'a string' });
  });
});
