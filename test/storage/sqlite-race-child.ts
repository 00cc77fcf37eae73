// A separate process for the SQLite cross-process race test: opens the database file given on
// the command line and, N times, finds the story by guid and creates it or adds a version.
// Prints how many times it created the story.
import { openStore } from '../../src/storage/index.js';
import { article, fingerprintOf, storyOf } from './fixtures.js';

const [path, guid, name, rounds] = process.argv.slice(2);
const store = await openStore(`sqlite:${path}`);
let created = 0;
for (let i = 0; i < Number(rounds); i++) {
  await store.ingest(async (tx) => {
    const existing = await tx.findLatestByGuid(guid);
    // Hold the transaction open so the other process's ingest has to wait on the lock.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const id = `${name}-${i}`;
    const a = existing
      ? article(id, { storyId: existing.storyId, version: existing.version + 1, guid })
      : article(id, { storyId: `story-of-${id}`, guid });
    if (!existing) created++;
    await tx.insertArticle(a, fingerprintOf(a));
    await tx.putStory(storyOf(a));
  });
}
await store.close();
process.stdout.write(String(created));
