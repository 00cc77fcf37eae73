// `npm run bench [-- NAME [args]]`: throughput and memory benchmarks. With no name, runs the
// default set. Each bench/NAME.ts exports `run(args)`, which prints its figures and returns
// Markdown lines for BENCHMARKS.md.
const [name, ...args] = process.argv.slice(2);
const defaults = ['extract', 'enrich', 'dedupe', 'pipeline'];
const names = name ? [name] : defaults;
for (const n of names) {
  const mod = (await import(`./${n}.ts`)) as { run(args: string[]): Promise<void> };
  await mod.run(name ? args : []);
}
