import { waitFor } from '../../test/support/wait.js';

/** waitFor with the fault runs' pace: processes restart in seconds, so a longer default. */
export function waitUntil<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  return waitFor(what, fn, timeoutMs, everyMs);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** FAULTS_KEEP=1 keeps a run's processes' logs, Redis, keys and databases to read afterwards. */
export const keepRun = () => process.env.FAULTS_KEEP === '1';
