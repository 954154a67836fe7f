/**
 * Waiting in tests: for a condition, with a deadline, never for a fixed time. A test that sleeps and
 * then asserts fails on a busy machine (the thing has not happened yet) and proves nothing on an idle
 * one; a test that polls a state until a deadline passes as soon as the state is reached and fails
 * with what it last saw. "Nothing happened" is asserted through a state or an event that shows the
 * component had its chance (a round completed, a request was answered), not after a sleep.
 */

export interface WaitOptions {
  /** how long to wait before failing; generous, since CI machines are shared and loaded */
  timeoutMs?: number;
  /** time between two probes */
  intervalMs?: number;
  /** what is awaited, for the failure message */
  what?: string;
}

export const DEFAULT_WAIT_MS = 60_000;

/**
 * Calls `probe` until it returns a truthy value and resolves with that value; throws when the
 * deadline passes, with the last value seen (or the last error the probe threw).
 */
export async function waitFor<T>(probe: () => T | Promise<T>, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = DEFAULT_WAIT_MS, intervalMs = 25, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 2000);
      throw new Error(`${what}: not reached within ${timeoutMs} ms (last seen: ${seen})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Reads until `ok(value)` holds and resolves with that value; throws at the deadline with the last value read. */
export async function waitForValue<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, options: WaitOptions = {}): Promise<T> {
  let value!: T;
  await waitFor(async () => {
    value = await read();
    if (!ok(value)) throw new Error(`last value ${JSON.stringify(value)?.slice(0, 2000)}`);
    return true;
  }, options);
  return value;
}
