// `npm run worker -- fetch` (and `npm start`, the same chain) stopped the way a terminal or a
// supervisor stops it: a signal to npm. Every process under it, down to the extraction
// children, must be gone; and extraction children must not outlive a parent killed outright.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../support/redis.js';
import { startLede } from '../support/lede-process.js';
import { waitFor } from '../support/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'lede-npm-stop-'));
const prefix = uniquePrefix('npm-stop');
writeFileSync(join(dir, 'feeds.yaml'), 'feeds: []\n');

afterAll(async () => {
  await deleteKeys(prefix);
  rmSync(dir, { recursive: true, force: true });
});

function processTable(): number[][] {
  return execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
}

const children = (pid: number) =>
  processTable()
    .filter(([, ppid]) => ppid === pid)
    .map(([child]) => child);

/** Every process below `pid`. */
function descendants(pid: number): number[] {
  const found: number[] = [];
  for (let frontier = children(pid); frontier.length; frontier = frontier.flatMap(children)) found.push(...frontier);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const env = () => ({
  REDIS_URL,
  DATABASE_URL: `sqlite:${join(dir, 'lede.db')}`,
  LEDE_FEEDS: join(dir, 'feeds.yaml'),
  LEDE_REDIS_PREFIX: prefix,
  LEDE_EXTRACT_WORKERS: '1',
  LEDE_LOG_LEVEL: 'info',
});

function startNpmWorker() {
  const npm = spawn('npm', ['run', 'worker', '--', 'fetch'], {
    env: { ...process.env, ...env() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout.on('data', (d) => (output += d));
  npm.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  // Its output all read (the pipes close once every process holding them is gone).
  const closed = new Promise<void>((resolve) => npm.on('close', () => resolve()));
  // Whatever the test's outcome, nothing it started outlives it.
  onTestFinished(() => {
    for (const pid of [npm.pid!, ...descendants(npm.pid!)]) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });
  return { npm, exited, closed, output: () => output };
}

describe('npm run worker -- fetch', () => {
  it('stops with every process under it when npm gets SIGTERM', async () => {
    const { npm, exited, closed, output } = startNpmWorker();
    // lede itself and its extraction child.
    const tree = await waitFor(
      'workers started with their extraction children',
      async () => output().includes('workers started') && descendants(npm.pid!).length >= 2 && descendants(npm.pid!),
      120_000,
    );
    npm.kill('SIGTERM');
    expect(await exited).toBe(0);
    await waitFor('every process under npm gone', async () => tree.every((pid) => !alive(pid)), 60_000);
    await closed;
    expect(output()).toContain('shutdown complete');
  }, 240_000);

  // npm plays no part here: the worker process itself, started as the tests start lede.
  it('leaves no extraction child behind when lede is killed outright', async () => {
    const lede = startLede('src/workers/main.ts', ['fetch'], env());
    const tree = await waitFor(
      'workers started with their extraction child',
      async () =>
        lede.lines.some((l) => l.includes('workers started')) &&
        descendants(lede.child.pid!).length >= 1 &&
        descendants(lede.child.pid!),
      120_000,
    );
    onTestFinished(() => {
      for (const pid of tree) if (alive(pid)) process.kill(pid, 'SIGKILL');
    });
    lede.child.kill('SIGKILL');
    // A child notices its parent gone once it is done loading the models: slow on a busy machine.
    await waitFor('the extraction children gone', async () => tree.every((pid) => !alive(pid)), 180_000);
  }, 240_000);
});
