// Imported first by each process entry (src/main.ts, api/main.ts, workers/main.ts) for its side
// effect: the checks that need only the config run before the rest of the entry loads (jsdom,
// the tagger's model, …), so a bad config or feed list stops the process at once, exit 1,
// with the file and the reason. createRuntime checks the feed list again (for callers that
// do not come through an entry point) and keeps watching it.
import { loadConfig } from '../shared/config.js';
import { ConfigError } from '../shared/errors.js';
import { readFeedList } from '../shared/feed-list.js';

try {
  readFeedList(loadConfig().feeds.file);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
