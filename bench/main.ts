// `npm run bench [-- NAME [args]]`: throughput and memory benchmarks (BENCHMARKS.md records
// the figures). With no name, runs the quick default set; each bench/NAME.ts exports
// `run(args)` and prints a Markdown table with the machine noted.
const [name, ...args] = process.argv.slice(2);
// The default set keeps each bench to a minute or two; the long runs (1M fingerprints, 20,000
// extractions for memory, `process`: lede process against plain Readability on 543 real pages)
// are asked for by name.
const defaults: Record<string, string[]> = {
  extract: [],
  enrich: [],
  dedupe: ['--sizes', '10000,100000'],
  pipeline: ['--items', '200'],
  stages: ['--items', '200'],
};
const names = name ? [name] : Object.keys(defaults);
for (const n of names) {
  const mod = (await import(`./${n}.ts`)) as { run(args: string[]): Promise<void> };
  await mod.run(name ? args : defaults[n]);
}
