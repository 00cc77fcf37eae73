// The wire simulator's vocabulary: what a story is, and the ways a server can misbehave.

/** One wire story as the simulator publishes it. */
export interface SimStory {
  /** URL path segment: the article lives at /news/<slug>; also the stable guid. */
  slug: string;
  title: string;
  /** Body paragraphs; the first starts with the dateline ("SEOUL, South Korea (AP) — ..."). */
  paragraphs: string[];
  byline?: string;
  /** As printed at the start of the first paragraph, e.g. "SEOUL, South Korea (AP)". */
  dateline?: string;
  /** ISO 8601. */
  publishedAt: string;
  /** Short agency name shown as the site section and in the feed, e.g. "AP". */
  agency?: string;
  tags?: string[];
}

/** How the server answers requests under a path prefix (set with setFault). */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number }
  /** Accept the request and never answer. */
  | { kind: 'timeout' }
  /** Destroy the socket without a response. */
  | { kind: 'reset' }
  /** Serve the real body, slowly. */
  | { kind: 'drip'; bytesPerSecond: number }
  | { kind: 'redirect'; to: string }
  /** Two paths redirecting to each other forever. */
  | { kind: 'redirect-loop' }
  /** Announce the full Content-Length, send half, hang up. */
  | { kind: 'truncated' }
  /** Stream bytes until the client hangs up. */
  | { kind: 'endless' }
  /** Answer `status` for the next `times` requests, then serve normally. */
  | { kind: 'once-status'; status: number; times: number };

export interface SimStats {
  /** Requests received, by path (query string dropped). */
  requests: Record<string, number>;
  /** Most requests in flight at once since the last reset. */
  maxInFlight: number;
  inFlight: number;
  /** 304 answers to conditional requests. */
  notModified: number;
}

export interface StoryChange {
  title?: string;
  /** Replaces the body. */
  paragraphs?: string[];
  /** Added after the current body (a developing story). */
  appendParagraphs?: string[];
}

export interface WireSimulator {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  feedUrl(feedId: string, format?: 'rss' | 'atom'): string;
  articleUrl(slug: string): string;
  /**
   * Add a story at the top of a feed (default the first feed). Publishing a known slug again
   * replaces its content as a new version and moves it to the top of that feed.
   */
  publish(story: SimStory, feedId?: string): void;
  /**
   * Same guid and URL, new content; bumps the version and the updated time of the story and of
   * every feed carrying it. With feedId, the story is also added to that feed if missing.
   */
  publishVersion(slug: string, change: StoryChange, feedId?: string): void;
  /** The page answers 410 and the feed item carries the category "kill". */
  withdraw(slug: string): void;
  stats(): SimStats;
  resetStats(): void;
  /** Applies to every path starting with pathPrefix; null removes it. Longest prefix wins. */
  setFault(pathPrefix: string, fault: Fault | null): void;
  /** Delay before every answer, milliseconds (0 = none). */
  setLatency(ms: number): void;
  close(): Promise<void>;
}
