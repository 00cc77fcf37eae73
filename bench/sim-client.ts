// Start bench/sim-process.ts as a child process and read the line that says where it serves.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SimProcess {
  url: string;
  feeds: Array<{ id: string; url: string }>;
  pages: string[];
  child: ChildProcess;
  close(): Promise<void>;
}

export async function startSimProcess(items: number, feeds: number): Promise<SimProcess> {
  const entry = fileURLToPath(new URL('./sim-process.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', entry, '--items', String(items), '--feeds', String(feeds)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error('bench: the simulator process exited before it was ready');
    }),
  ])) as [string];
  const info = JSON.parse(line) as Omit<SimProcess, 'child' | 'close'>;
  return {
    ...info,
    child,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
