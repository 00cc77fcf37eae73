// The jobs this process is running right now. A stop waits on this rather than on BullMQ's
// Worker.close(), which also waits for Redis and so never returns while Redis is down.
export class ActiveJobs {
  private count = 0;
  private waiters: Array<() => void> = [];

  get size(): number {
    return this.count;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await job();
    } finally {
      if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves once no job is running. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
