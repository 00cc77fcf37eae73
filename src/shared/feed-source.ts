// The feed list as workers see it: re-read when the file changes (checked by mtime), so an
// operator's edit reaches running workers without a restart.
import { statSync } from 'node:fs';
import { readFeedList, type FeedConfig } from './feed-list.js';

export class FeedSource {
  private cached: FeedConfig[] = [];
  private mtimeMs = -1;

  constructor(readonly path: string) {}

  list(): FeedConfig[] {
    const mtime = statSync(this.path).mtimeMs;
    if (mtime !== this.mtimeMs) {
      this.cached = readFeedList(this.path);
      this.mtimeMs = mtime;
    }
    return this.cached;
  }

  get(feedId: string): FeedConfig | undefined {
    return this.list().find((f) => f.id === feedId);
  }
}
