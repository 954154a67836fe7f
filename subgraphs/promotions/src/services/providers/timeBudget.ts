/** The call did not finish within its time budget. */
export class TimeBudgetExceeded extends Error {
  constructor(readonly ms: number) {
    super(`exceeded its time budget of ${ms} ms`);
    this.name = 'TimeBudgetExceeded';
  }
}

/**
 * Runs fn with a time budget: rejects with TimeBudgetExceeded (and aborts the signal) when it takes
 * longer. A synchronous throw becomes a rejection.
 */
export async function withTimeBudget<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeBudgetExceeded(ms));
    }, ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => fn(controller.signal)), expired]);
  } finally {
    clearTimeout(timer);
  }
}
