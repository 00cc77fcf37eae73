// `npm run bench -- process [--copies N]`: `lede process` against plain Readability+jsdom on
// the same pages in the same run. Pages: the real news pages in ../shared/data/real-pages (181
// publishers), each N times (default 3: 543 pages), read at run time. Times, one after the other:
//   plain        new JSDOM(html, {url}) + new Readability(document).parse(), one page at a time
//   lede N=1     runProcess (the command's own code) with --concurrency 1 on {"id","url","html"} lines
//   lede N=2     the same with --concurrency 2
// lede's times are the whole command, worker start-up included; it does more per page than
// Readability (metadata, cleanup, sanitizing, entities, topics, keywords, story matching).
// Then checks that N=1 and N=2 wrote the same bytes (the output has no wall-clock fields).
// On a shared machine pages/s follows the CPU share each run gets; the CPU seconds per page
// (this process plus its reaped workers, from /proc on Linux) show the cost apart from that.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { runProcess } from '../src/cli/process.js';
import { sharedDataPath } from '../scripts/shared-data.js';

interface Page {
  id: string;
  url: string;
  html: string;
}

export async function run(args: string[]): Promise<void> {
  const copies = Number(args[args.indexOf('--copies') + 1]) || 3;
  const concurrencies = (args.includes('--concurrency') ? args[args.indexOf('--concurrency') + 1] : '1,2')
    .split(',')
    .map(Number);
  const real = loadRealPages();
  const pages = Array.from({ length: copies }, (_, c) => real.map((p) => ({ ...p, id: `${p.id}#${c + 1}` }))).flat();
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(
    `Machine: ${os.cpus()[0].model}, ${os.availableParallelism()} cores, Node ${process.version}, load average ${load()}`,
  );
  console.log(
    `Pages: ${pages.length} (${real.length} real pages x${copies}), mean ${Math.round(pages.reduce((s, p) => s + p.html.length, 0) / pages.length / 1024)} KB\n`,
  );

  const dir = mkdtempSync(join(os.tmpdir(), 'lede-bench-process-'));
  try {
    const input = join(dir, 'pages.ndjson');
    writeFileSync(input, pages.map((p) => JSON.stringify({ id: p.id, url: p.url, html: p.html })).join('\n') + '\n');

    const rows: { label: string; seconds: number; cpu?: number; errors?: number; workers?: number }[] = [];
    let cpu0 = cpuSeconds();
    const plain = timePlain(pages);
    rows.push({
      label: 'plain Readability+jsdom, 1 process',
      seconds: plain.seconds,
      cpu: delta(cpu0, cpuSeconds()),
      errors: plain.errors,
    });
    console.error(`done: plain (${plain.seconds.toFixed(1)} s, load ${load()})`);

    const outputs: string[] = [];
    for (const n of concurrencies) {
      const output = join(dir, `out-${n}.ndjson`);
      cpu0 = cpuSeconds();
      const t = performance.now();
      const summary = await runProcess({ input, output, store: 'sqlite::memory:', concurrency: n, progress: false });
      const seconds = (performance.now() - t) / 1000;
      rows.push({
        label: `lede process --concurrency ${n}`,
        seconds,
        cpu: delta(cpu0, cpuSeconds()),
        errors: summary.errors,
        workers: summary.workersStarted,
      });
      outputs.push(readFileSync(output, 'utf8'));
      console.error(`done: lede N=${n} (${seconds.toFixed(1)} s, load ${load()})`);
    }

    console.log(`| run | seconds | pages/s | vs plain | CPU s | CPU ms/page | error lines | workers started |`);
    console.log('|---|---|---|---|---|---|---|---|');
    const plainRate = pages.length / plain.seconds;
    for (const r of rows) {
      const rate = pages.length / r.seconds;
      const cpu = r.cpu === undefined ? ['', ''] : [r.cpu.toFixed(1), ((1000 * r.cpu) / pages.length).toFixed(0)];
      console.log(
        `| ${r.label} | ${r.seconds.toFixed(1)} | ${rate.toFixed(2)} | ${(rate / plainRate).toFixed(2)}x | ${cpu[0]} | ${cpu[1]} | ${r.errors ?? ''} | ${r.workers ?? ''} |`,
      );
    }
    const same = outputs.every((o) => o === outputs[0]);
    console.log(
      `\nOutputs of ${concurrencies.map((n) => `N=${n}`).join(' and ')}: ${same ? 'identical' : 'DIFFERENT'} (${outputs[0].split('\n').length - 1} lines each, ${(outputs[0].length / 1048576).toFixed(1)} MB); load average at the end ${load()}`,
    );
    if (!same) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CPU seconds of this process and of its children that have exited and been reaped (the pool's
 * workers, once closed): utime + stime + cutime + cstime from /proc. Undefined off Linux.
 */
function cpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // Fields 14-17 of stat(5), counted from `state` (field 3) here; clock ticks, 100 a second on Linux.
    return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / 100;
  } catch {
    return undefined;
  }
}

function delta(before: number | undefined, after: number | undefined): number | undefined {
  return before === undefined || after === undefined ? undefined : after - before;
}

function loadRealPages(): Page[] {
  const dir = sharedDataPath('real-pages');
  return readFileSync(join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const e = JSON.parse(line) as { id: string; file: string; url: string };
      return { id: e.id, url: e.url, html: gunzipSync(readFileSync(join(dir, e.file))).toString('utf8') };
    });
}

/** Readability as its README shows it, one page after another; a few pages first to warm the JIT. */
function timePlain(pages: Page[]): { seconds: number; errors: number } {
  const quiet = new VirtualConsole();
  const once = (p: Page) => {
    const dom = new JSDOM(p.html, { url: p.url, virtualConsole: quiet });
    try {
      new Readability(dom.window.document).parse();
    } finally {
      dom.window.close();
    }
  };
  for (const p of pages.slice(0, 10)) once(p);
  let errors = 0;
  const t = performance.now();
  for (const p of pages) {
    try {
      once(p);
    } catch {
      errors += 1;
    }
  }
  return { seconds: (performance.now() - t) / 1000, errors };
}
