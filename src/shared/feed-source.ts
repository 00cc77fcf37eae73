// The feed list as workers see it: re-read when the file changes (checked by mtime), so an
// operator's edit reaches running workers without a restart. At start an unreadable or invalid
// list is an error (load()); once running, a list that turns bad keeps the last good one, and
// the problem is reported once per change of the file, not on every read.
import { statSync } from 'node:fs';
import { readFeedList, type FeedConfig } from './feed-list.js';
import { ConfigError, errorMessage } from './errors.js';

export class FeedSource {
  private cached: FeedConfig[] | undefined;
  private mtimeMs = -1;
  private reported = '';

  constructor(
    readonly path: string,
    /** Told, once per change, that the file is bad and the last good list stays in use. */
    private readonly onInvalid: (message: string) => void = () => {},
  ) {}

  /** Read the list now; throws a ConfigError naming the file and the reason. */
  load(): FeedConfig[] {
    this.cached = undefined;
    this.mtimeMs = -1;
    return this.list();
  }

  list(): FeedConfig[] {
    let mtime: number;
    try {
      mtime = statSync(this.path).mtimeMs;
    } catch (err) {
      return this.keepLastGood(new ConfigError(`feeds: cannot read ${this.path}: ${errorMessage(err)}`), 'gone');
    }
    if (mtime === this.mtimeMs) return this.keepLastGood(undefined, String(mtime));
    this.mtimeMs = mtime;
    try {
      this.cached = readFeedList(this.path);
      this.reported = '';
      return this.cached;
    } catch (err) {
      return this.keepLastGood(err, String(mtime));
    }
  }

  get(feedId: string): FeedConfig | undefined {
    return this.list().find((f) => f.id === feedId);
  }

  /** `version` tells one bad state of the file from the next, so each is reported once. */
  private keepLastGood(err: unknown, version: string): FeedConfig[] {
    if (this.cached === undefined)
      throw err instanceof Error ? err : new ConfigError(`feeds: ${this.path} could not be read`);
    if (err !== undefined && this.reported !== version) {
      this.reported = version;
      this.onInvalid(errorMessage(err));
    }
    return this.cached;
  }
}
