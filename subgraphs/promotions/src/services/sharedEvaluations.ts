import type { CartEvaluation } from './evaluation.ts';

/**
 * One evaluation per cart read. Reading a cart asks for its evaluation twice: the cart service for its
 * warnings, then the gateway for `Cart.promotion` / `Cart.totals` of the same contents. Both get the
 * result of one provider call, shared across requests for a short time under a key made of what the
 * evaluation depends on: the cart's contents (which change with every version), the market's change
 * counter (bumped by every campaign write and budget use), the market's routing, and the previewed
 * instant when there is one. A change of any of them is a different key, so a shared result is never
 * older than its key says; the time limit bounds what the key cannot see (a campaign's validity window
 * opening, a remote engine's own changes).
 *
 * Built once per service instance (not per request); bounded (oldest entries go first). Concurrent
 * requests with the same key share the one call in flight. A failed computation is not kept. Every
 * mutation of this service clears it (a tax exemption, a code generated: writes the key cannot see).
 */
export class SharedEvaluations {
  private readonly entries = new Map<string, { at: number; created: number; value: Promise<CartEvaluation> }>();

  constructor(
    /** how long a result is shared, ms of both the service clock and real time; 0 turns sharing off */
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly realNow: () => number = () => performance.now(),
  ) {}

  /** The shared result under `key` when still fresh, else `compute()` (then shared). */
  get(key: string, now: Date, compute: () => Promise<CartEvaluation>): { value: Promise<CartEvaluation>; shared: boolean } {
    if (this.ttlMs <= 0) return { value: compute(), shared: false };
    const at = now.getTime();
    const real = this.realNow();
    const found = this.entries.get(key);
    if (found) {
      const age = at - found.at;
      if (age >= 0 && age < this.ttlMs && real - found.created < this.ttlMs) return { value: found.value, shared: true };
      this.entries.delete(key);
    }
    const value = compute();
    const entry = { at, created: real, value };
    this.entries.set(key, entry);
    // a failure is answered once, never shared: the next read asks again
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return { value, shared: false };
  }

  /** Forgets every shared result. */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
