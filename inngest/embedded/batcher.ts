/**
 * Group commit: writes that arrive while the previous batch is at the database go out together
 * as one statement. Under load that turns dozens of round trips (each a socket write that wakes
 * a PostgreSQL backend, the executor's biggest cost after the SDK itself) into one; alone, a
 * write goes out at once, so latency does not suffer.
 */
export class Batcher<I, O> {
  private queue: { input: I; resolve: (output: O) => void; reject: (error: unknown) => void }[] = [];
  private busy = false;

  constructor(
    private write: (inputs: I[]) => Promise<O[]>,
    private maxBatch = 256,
  ) {}

  push(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    if (this.busy || this.queue.length === 0) return;
    this.busy = true;
    const batch = this.queue.splice(0, this.maxBatch);
    this.write(batch.map((item) => item.input))
      .then(
        (outputs) => batch.forEach((item, i) => item.resolve(outputs[i])),
        (error: unknown) => batch.forEach((item) => item.reject(error)),
      )
      .finally(() => {
        this.busy = false;
        this.flush();
      });
  }
}

/** One batcher per key object (a pool), created on first use. */
export function batcherFor<K extends object, I, O>(cache: WeakMap<K, Batcher<I, O>>, key: K, write: (inputs: I[]) => Promise<O[]>): Batcher<I, O> {
  let batcher = cache.get(key);
  if (!batcher) cache.set(key, (batcher = new Batcher(write)));
  return batcher;
}
