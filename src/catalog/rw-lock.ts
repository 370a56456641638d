/**
 * A small first-come-first-served readers–writer lock for async code: any number of `shared` sections run
 * together; an `exclusive` section waits for them to finish and runs alone. Waiters are served in order, so
 * an exclusive section is not starved by a stream of shared ones.
 */
export class RwLock {
  private readers = 0;
  private writer = false;
  private readonly waiting: Array<{ exclusive: boolean; grant: () => void }> = [];

  shared<T>(fn: () => Promise<T>): Promise<T> {
    return this.run(false, fn);
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.run(true, fn);
  }

  private async run<T>(exclusive: boolean, fn: () => Promise<T>): Promise<T> {
    await this.acquire(exclusive);
    try {
      return await fn();
    } finally {
      if (exclusive) this.writer = false;
      else this.readers--;
      this.drain();
    }
  }

  private acquire(exclusive: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ exclusive, grant: resolve });
      this.drain();
    });
  }

  private drain(): void {
    while (this.waiting.length) {
      const next = this.waiting[0]!;
      if (this.writer || (next.exclusive && this.readers > 0)) return;
      this.waiting.shift();
      if (next.exclusive) this.writer = true;
      else this.readers++;
      next.grant();
      if (next.exclusive) return;
    }
  }
}
