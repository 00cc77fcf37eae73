// Throttling failed authentication per client address: a caller that keeps presenting wrong
// keys gets 429 for the rest of the window instead of a fresh 401 (and a hash check) each time.
// Fixed one-minute windows in memory, per process, like the rate limit itself.

export interface FailureThrottleOptions {
  /** Failed attempts allowed per address per window. */
  maxFailures: number;
  /** Default 60 000 ms. */
  windowMs?: number;
  /** Addresses remembered at most; expired windows are dropped first. Default 100 000. */
  maxAddresses?: number;
  now?: () => number;
}

export class FailureThrottle {
  private readonly windows = new Map<string, { failures: number; resetAt: number }>();
  private readonly windowMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(private readonly opts: FailureThrottleOptions) {
    this.windowMs = opts.windowMs ?? 60_000;
    this.maxAddresses = opts.maxAddresses ?? 100_000;
    this.now = opts.now ?? Date.now;
  }

  /** Milliseconds until `address` may try again, or 0 when it may try now. */
  blockedFor(address: string): number {
    const window = this.windows.get(address);
    if (!window) return 0;
    const left = window.resetAt - this.now();
    if (left <= 0) {
      this.windows.delete(address);
      return 0;
    }
    return window.failures >= this.opts.maxFailures ? left : 0;
  }

  recordFailure(address: string): void {
    const now = this.now();
    const window = this.windows.get(address);
    if (window && window.resetAt > now) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= this.maxAddresses) this.prune(now);
    this.windows.set(address, { failures: 1, resetAt: now + this.windowMs });
  }

  /** Drop expired windows; if every window is live, the oldest go (a flood of addresses forgets itself). */
  private prune(now: number): void {
    for (const [address, window] of this.windows) if (window.resetAt <= now) this.windows.delete(address);
    for (const address of this.windows.keys()) {
      if (this.windows.size < this.maxAddresses) break;
      this.windows.delete(address);
    }
  }
}
