import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What remote adapters share: one error type for every vendor failure, a retry policy (429 with
 * Retry-After, 5xx, network errors) bounded by the caller's time budget, and the abort signal of the
 * current provider call, reachable from the vendors' SDK hooks (they take no per-call signal).
 */
export class RemoteCallError extends Error {
  constructor(
    readonly engine: string,
    /** HTTP status; 0 when no answer arrived (network error, timeout) */
    readonly status: number,
    message: string,
    /** the vendor's error code, e.g. ConcurrentModification */
    readonly code: string | null = null,
    /** from a Retry-After header, ms */
    readonly retryAfterMs: number | null = null,
    /** the vendor's error body (never contains our credentials) */
    readonly body: unknown = null,
  ) {
    super(`${engine}: ${status ? `HTTP ${status}` : 'no answer'}${code ? ` ${code}` : ''}: ${message}`);
    this.name = 'RemoteCallError';
  }

  /** worth another attempt: rate limited, the vendor failed, or no answer */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Parses a Retry-After header (seconds or an HTTP date) into ms; null when absent or unreadable. */
export function parseRetryAfter(value: unknown, nowMs: number): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

const current = new AsyncLocalStorage<AbortSignal>();

/** Runs fn with signal as the current call's signal (see currentSignal). */
export function withCallSignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return current.run(signal, fn);
}

/** The abort signal of the provider call in progress, if any. */
export function currentSignal(): AbortSignal | undefined {
  return current.getStore();
}

export class CallAborted extends Error {
  constructor(engine: string) {
    super(`${engine}: call aborted (time budget exceeded)`);
    this.name = 'CallAborted';
  }
}

function sleep(ms: number, signal: AbortSignal, engine: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CallAborted(engine));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CallAborted(engine));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
  /** a Retry-After longer than this is not waited for: the call fails at once */
  maxRetryAfterMs?: number;
}

/**
 * Calls fn until it succeeds, fails with a non-retryable error, or the attempts are used up. Waits
 * Retry-After when the vendor says so (unless longer than maxRetryAfterMs), else retryBaseMs × 2^n.
 * onRetry counts the retries (metrics).
 */
export async function withRetries<T>(
  engine: string,
  policy: RetryPolicy,
  signal: AbortSignal,
  fn: () => Promise<T>,
  onRetry?: (err: RemoteCallError) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new CallAborted(engine);
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof RemoteCallError) || !err.retryable || attempt >= policy.maxAttempts || signal.aborted) throw err;
      const wait = err.retryAfterMs ?? policy.retryBaseMs * 2 ** (attempt - 1);
      if (wait > (policy.maxRetryAfterMs ?? 2000)) throw err;
      onRetry?.(err);
      await sleep(wait, signal, engine);
    }
  }
}
