import type { Logger } from '../../../../common/log.ts';

/**
 * Work that runs after the answer (shadow comparisons, coupon generation). Errors are logged, never
 * thrown at a request. stop() aborts the signal and waits for what is running.
 */
export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();
  private readonly controller = new AbortController();

  constructor(private readonly log: Logger) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Starts a task without waiting for it. Ignored once stopping. */
  run(name: string, task: (signal: AbortSignal) => Promise<unknown>): void {
    if (this.controller.signal.aborted) return;
    const p: Promise<void> = Promise.resolve()
      .then(() => task(this.controller.signal))
      .then(
        () => undefined,
        (err: unknown) => this.log.error({ err, task: name }, 'background task failed'),
      )
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves when nothing is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.idle();
  }
}
