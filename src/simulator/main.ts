// Run the wire simulator for a demo: `npx tsx src/simulator/main.ts [--port 8090] [--every 30]`.
// Serves the fixture stories and, every N seconds, publishes either a new (generated) story or
// a new version of one already out, so a running pipeline has something to ingest.
import { parseArgs } from 'node:util';
import { generateStories } from './generate.js';
import { startWireSimulator } from './server.js';
import { loadStories } from './stories.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    every: { type: 'string', default: '30' },
  },
});
const everySeconds = Number(values.every);
if (!Number.isFinite(everySeconds) || everySeconds <= 0)
  throw new Error('simulator: --every must be a positive number of seconds');

// The fixtures keep their original dates; a feed whose newest item is years old reads as stale
// right after a successful poll. Re-date them to the demo's cadence, the newest one tick ago.
const now = Date.now();
const fixtures = loadStories()
  .sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt))
  .map((s, i, all) => ({ ...s, publishedAt: new Date(now - (all.length - i) * everySeconds * 1000).toISOString() }));
// No <ttl> (minutes) or max-age longer than the cadence, or lede rightly polls less often than
// the simulator publishes.
const sim = await startWireSimulator({
  port: Number(values.port),
  host: values.host,
  stories: fixtures,
  ttlMinutes: Math.floor(everySeconds / 60),
  maxAgeSeconds: Math.min(60, Math.floor(everySeconds)),
});
console.log(`wire simulator on ${sim.url}`);
console.log(`  RSS:  ${sim.feedUrl('wire')}`);
console.log(`  Atom: ${sim.feedUrl('wire', 'atom')}`);
console.log(`publishing every ${everySeconds}s; Ctrl-C to stop`);

const upcoming = generateStories(1000, Date.now() % 100_000);
const published = fixtures.map((s) => s.slug);
let tick = 0;
const timer = setInterval(() => {
  tick += 1;
  // Two new stories for every update, like a live wire.
  if (tick % 3 === 0 && published.length > 0) {
    const slug = published[Math.floor(Math.random() * published.length)];
    sim.publishVersion(slug, {
      appendParagraphs: [`This story has been updated with additional reporting (update ${tick}).`],
    });
    console.log(`${new Date().toISOString()} new version of ${sim.articleUrl(slug)}`);
  } else {
    const story = { ...upcoming[tick % upcoming.length], publishedAt: new Date().toISOString() };
    story.slug = `${story.slug}-${tick}`;
    sim.publish(story);
    published.push(story.slug);
    console.log(`${new Date().toISOString()} published ${sim.articleUrl(story.slug)}`);
  }
}, everySeconds * 1000);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    void sim.close().then(() => process.exit(0));
  });
}
