// Resident memory of a process and everything it forked, read from /proc (Linux only).
import { readFileSync, readdirSync } from 'node:fs';

export function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    let kb = match ? Number(match[1]) : 0;
    // Children too: the extraction pool's worker processes belong to the process that forked them.
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) {
        if (child.trim()) kb += rssKb(Number(child));
      }
    }
    return kb;
  } catch {
    // Gone between the listing and the read.
    return 0;
  }
}
