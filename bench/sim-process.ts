// The wire simulator in a process of its own, for benches that must not count its CPU or share
// its event loop: publishes N generated stories over F feeds, prints one JSON line with its URL
// and feed URLs on stdout, and serves until killed.
//   npx tsx bench/sim-process.ts --items 1000 --feeds 5 [--seed 42]
import { parseArgs } from 'node:util';
import { startWireSimulator } from '../src/simulator/server.js';
import { generateStories } from '../src/simulator/generate.js';

const { values } = parseArgs({
  options: { items: { type: 'string' }, feeds: { type: 'string' }, seed: { type: 'string' } },
});
const items = Number(values.items ?? 300);
const feedIds = Array.from({ length: Number(values.feeds ?? 5) }, (_, i) => `bench${i}`);
const sim = await startWireSimulator({ stories: [], feeds: feedIds });
const stories = generateStories(items, Number(values.seed ?? 42));
stories.forEach((story, i) => sim.publish(story, feedIds[i % feedIds.length]));
console.log(
  JSON.stringify({
    url: sim.url,
    feeds: feedIds.map((id) => ({ id, url: sim.feedUrl(id) })),
    pages: stories.map((s) => sim.articleUrl(s.slug)),
  }),
);
process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
