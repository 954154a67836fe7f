import { CallAborted } from './call.ts';

/**
 * One call at a time per key (e.g. per cart), and concurrent callers asking for the same thing share
 * it: a caller whose `variant` (e.g. a hash of the cart's content) equals the call in flight gets that
 * call's answer; a different variant waits for it, then runs its own. So concurrent reads of one cart
 * make one vendor call, and this process never races itself on one vendor object. Each caller still
 * stops waiting when its own signal aborts (its time budget), without cancelling the shared call.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, { variant: string; promise: Promise<T> }>();

  constructor(private readonly engine: string) {}

  run(key: string, variant: string, signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    const current = this.flights.get(key);
    if (current && current.variant === variant) return this.until(current.promise, signal);
    const previous = current ? current.promise.then(
      () => undefined,
      () => undefined,
    ) : Promise.resolve();
    const promise = previous.then(fn);
    const entry = { variant, promise };
    this.flights.set(key, entry);
    const done = () => {
      if (this.flights.get(key) === entry) this.flights.delete(key);
    };
    promise.then(done, done);
    return this.until(promise, signal);
  }

  /** calls in flight (tests and metrics) */
  get size(): number {
    return this.flights.size;
  }

  private until(promise: Promise<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(new CallAborted(this.engine));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new CallAborted(this.engine));
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }
}
