// A lede entry point (src/main.ts, src/workers/main.ts …) run as a real process, as a user or
// an orchestrator would run it: every output line kept, with waits on what it says.
import { spawn, type ChildProcess } from 'node:child_process';
import { onTestFinished, type TestContext } from 'vitest';
import { nodeArgs } from './compiled.js';
import { waitFor } from './wait.js';

export interface LedeProcess {
  child: ChildProcess;
  /** Every line written to stdout or stderr, in order. */
  lines: string[];
  /** The exit code, once the process has exited and every line it wrote is in `lines`. */
  exited: Promise<number | null>;
  /** The first line matching, once it has been written. */
  line(match: RegExp, timeoutMs?: number): Promise<string>;
}

/** `test`: a concurrent test's context (vitest cannot tell which concurrent test is running). */
export function startLede(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  test: Pick<TestContext, 'onTestFinished'> = { onTestFinished },
): LedeProcess {
  const child = spawn(process.execPath, nodeArgs(entry, args), {
    env: { PATH: process.env.PATH, LEDE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts.filter((l) => l.trim() !== ''));
    });
  }
  // 'close', not 'exit': at 'exit' the last lines (the one saying the stop is complete) may
  // still be in the pipe, and a test reading them then saw the line before (seen under load).
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Whatever the test's outcome, the process does not outlive it.
  test.onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    lines,
    exited,
    line: (match, timeoutMs = 120_000) =>
      waitFor(`a line matching ${match}`, async () => lines.find((l) => match.test(l)), timeoutMs),
  };
}

/** The lines as JSON log records; throws on any line that is not one (a raw stack trace, say). */
export function records(lines: string[]): Array<Record<string, unknown>> {
  return lines.map((l) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      throw new Error(`not a log line: ${l}`);
    }
  });
}
