// `npm run eval -- NAME [args]`: quality evaluations that take too long for `npm test`.
// Each eval/NAME.ts exports `run(args)`, which prints its figures.
const [name, ...args] = process.argv.slice(2);
const known = ['ner', 'entities', 'language', 'enrich', 'extract', 'dedupe', 'places', 'topics'];
if (!name || !known.includes(name)) {
  console.error(`usage: npm run eval -- <${known.join('|')}> [args]`);
  process.exit(2);
}
const mod = (await import(`./${name}.ts`)) as { run(args: string[]): Promise<void> };
await mod.run(args);
