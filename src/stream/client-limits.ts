// How many change-stream clients one process serves, in all and per caller (an API key, or a
// client address when the caller has none). A stream holds a socket and a little memory for as
// long as it stays open, so without a cap a handful of callers could hold them all.

export interface ClientLimitOptions {
  /** Streams open at once in this process. */
  maxClients: number;
  /** Streams open at once per caller. */
  maxPerCaller: number;
}

export class ClientLimits {
  private total = 0;
  private readonly perCaller = new Map<string, number>();

  constructor(private readonly opts: ClientLimitOptions) {}

  get open(): number {
    return this.total;
  }

  /** A release function when a slot is free, else why not. Call the release exactly once. */
  acquire(caller: string): { release: () => void } | { refused: 'process' | 'caller' } {
    const mine = this.perCaller.get(caller) ?? 0;
    if (this.total >= this.opts.maxClients) return { refused: 'process' };
    if (mine >= this.opts.maxPerCaller) return { refused: 'caller' };
    this.total += 1;
    this.perCaller.set(caller, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        const left = (this.perCaller.get(caller) ?? 1) - 1;
        if (left > 0) this.perCaller.set(caller, left);
        else this.perCaller.delete(caller);
      },
    };
  }
}
