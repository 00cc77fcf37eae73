// The lede processes tests start (npm start, a worker, the CLI, a test worker module) run from
// JavaScript compiled once per run, not through tsx: tsx hooks every module a process loads,
// which doubled the CPU of each start, and a run starts dozens (each extraction child too).
//   setup()        vitest global setup: esbuild compiles src/ and the test helpers that run as
//                  processes into a temporary directory laid out like the repository (models,
//                  config, fixtures and node_modules linked in), so paths relative to a module
//                  resolve as from source; removed after the run.
//   nodeArgs(ts)   node's arguments for a .ts entry: its compiled .js there, or tsx when no
//                  build exists (a file run under another config).
//   compiledPath(ts)  the same for a worker pool's entry (an in-process pool's children).
// bin/lede.js and `npm run worker` keep their own tests as users run them (process.test.ts,
// npm-stop.test.ts).
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
// Not LEDE_*: lede refuses LEDE_ variables it does not know, and the tests' processes inherit this.
const ENV = 'TEST_LEDE_BUILD_DIR';
/** What compiled modules reach by paths relative to themselves or by package resolution. */
const LINKED = ['node_modules', 'models', 'config', 'fixtures'];

export default async function setup(): Promise<() => void> {
  const { build } = await import('esbuild');
  const out = mkdtempSync(join(tmpdir(), 'lede-test-build-'));
  const entryPoints = [...tsFiles('src'), ...tsFiles('test').filter((f) => !f.endsWith('.test.ts'))];
  // One file per module, imports left as written (esbuild keeps `with { type: 'json' }` for
  // node20.19, which supports it): the same transform tsx applies, done once.
  await build({
    entryPoints,
    outdir: out,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    logLevel: 'warning',
  });
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  for (const name of LINKED) symlinkSync(join(ROOT, name), join(out, name));
  // Data files beside the code (JSON tables, schemas), as scripts/copy-assets.mjs does for dist/.
  cpSync(join(ROOT, 'src'), join(out, 'src'), { recursive: true, filter: (f) => !f.endsWith('.ts') });
  process.env[ENV] = out;
  return () => rmSync(out, { recursive: true, force: true });
}

/** node's arguments to run `entry` (a .ts path from the repository root) with `args`. */
export function nodeArgs(entry: string, args: string[] = []): string[] {
  const compiled = compiledPath(entry);
  return compiled.endsWith('.js') ? [compiled, ...args] : ['--import', 'tsx', compiled, ...args];
}

/**
 * The compiled .js of `entry` (a .ts path, absolute or from the repository root), or the .ts
 * itself when no build exists: for a pool's workerEntry, which runs a .ts entry under tsx.
 */
export function compiledPath(entry: string): string {
  const out = process.env[ENV];
  const path = relative(ROOT, resolve(ROOT, entry));
  return out ? join(out, path.replace(/\.ts$/, '.js')) : join(ROOT, path);
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ROOT, dir, f));
}
