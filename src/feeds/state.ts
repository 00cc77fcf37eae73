// What lede remembers about a feed between polls: conditional-GET validators, health and the
// recent item times the adaptive schedule learns from. feeds owns it; storage persists it.

export interface FeedState {
  feedId: string;
  etag?: string;
  lastModified?: string;
  lastPolledAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  errorStreak: number;
  nextPollAt?: string;
  /** Publication times of recent items (ISO), newest first, to learn the feed's usual gap. */
  recentItemTimes: string[];
}
