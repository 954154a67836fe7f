import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';

/**
 * The general request rate limit: token buckets, one per client (its address, per key) and one per
 * API key. A request takes a token from both or from neither; a refused request is answered HTTP 429
 * with `Retry-After` and code RATE_LIMITED before anything else is done for it.
 */
export interface BucketSpec {
  /** tokens added per second */
  perSecond: number;
  /** the bucket's size: requests allowed at once after a quiet time */
  burst: number;
}

export interface Bucket {
  id: string;
  spec: BucketSpec;
}

/** A store of buckets: in-process, or shared by every gateway process through Redis. */
export interface RateStore {
  /**
   * Takes one token from every bucket when each has one; otherwise takes none and answers the index
   * of the first empty bucket and how long until it has a token again.
   */
  take(buckets: readonly Bucket[]): Promise<RateVerdict>;
  close(): Promise<void>;
}

export type RateVerdict = { ok: true } | { ok: false; bucket: number; retryAfterMs: number };

const ALLOWED: RateVerdict = { ok: true };

interface State {
  tokens: number;
  /** when `tokens` was counted (ms) */
  at: number;
  /** when the bucket is full again, after which it can be forgotten (ms) */
  full: number;
}

/** Tokens a bucket holds at `now`, refilled since its last use and capped at its burst. */
export function refill(state: Pick<State, 'tokens' | 'at'> | undefined, spec: BucketSpec, now: number): number {
  if (!state) return spec.burst;
  return Math.min(spec.burst, state.tokens + (Math.max(0, now - state.at) * spec.perSecond) / 1000);
}

/** Milliseconds until a bucket holding `tokens` has one whole token. */
export const waitFor = (tokens: number, spec: BucketSpec) => Math.max(1, Math.ceil(((1 - tokens) * 1000) / spec.perSecond));

/** Buckets in this process only (no REDIS_URL, or while Redis is unreachable). */
export class MemoryRateStore implements RateStore {
  private readonly buckets = new Map<string, State>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now, sweepEveryMs = 60_000) {
    // a bucket that has refilled completely is the same as none: forgotten, so memory stays bounded
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  get size(): number {
    return this.buckets.size;
  }

  sweep(): void {
    const now = this.now();
    for (const [id, s] of this.buckets) if (s.full <= now) this.buckets.delete(id);
  }

  async take(buckets: readonly Bucket[]): Promise<RateVerdict> {
    return this.takeNow(buckets);
  }

  takeNow(buckets: readonly Bucket[]): RateVerdict {
    const now = this.now();
    for (let i = 0; i < buckets.length; i++) {
      const tokens = refill(this.buckets.get(buckets[i].id), buckets[i].spec, now);
      if (tokens < 1) return { ok: false, bucket: i, retryAfterMs: waitFor(tokens, buckets[i].spec) };
    }
    for (const b of buckets) {
      const tokens = refill(this.buckets.get(b.id), b.spec, now) - 1;
      this.buckets.set(b.id, { tokens, at: now, full: now + ((b.spec.burst - tokens) * 1000) / b.spec.perSecond });
    }
    return ALLOWED;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}

export interface RateLimitSettings {
  client: BucketSpec;
  key: BucketSpec;
}

/** The error a refused request is answered with: HTTP 429, Retry-After in whole seconds. */
export function rateLimited(retryAfterMs: number, what: string): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const headers = new HeaderMap([['retry-after', String(seconds)]]);
  return new GraphQLError(`Too many requests ${what}. Retry after ${seconds} seconds.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers } },
  });
}

/**
 * Checks a request against its client's and its key's buckets. `settingsOf` gives a key's limits
 * (the key file may set them per key); a request without a valid key counts against its client only.
 */
export class RequestRateLimiter {
  constructor(
    private readonly store: RateStore,
    private readonly defaults: RateLimitSettings,
    private readonly settingsOf: (keyId: string) => Partial<RateLimitSettings> | undefined,
    private readonly onLimited: (bucket: 'client' | 'key') => void = () => {},
  ) {}

  /** Resolves when the request may go on; throws RATE_LIMITED (HTTP 429) otherwise. */
  async admit(keyId: string | null, client: string): Promise<void> {
    const own = keyId ? this.settingsOf(keyId) : undefined;
    const clientSpec = own?.client ?? this.defaults.client;
    const buckets: Bucket[] = [{ id: `c:${keyId ?? '-'}:${client}`, spec: clientSpec }];
    if (keyId) buckets.push({ id: `k:${keyId}`, spec: own?.key ?? this.defaults.key });
    const verdict = await this.store.take(buckets);
    if (verdict.ok) return;
    const which = verdict.bucket === 0 ? 'client' : 'key';
    this.onLimited(which);
    throw rateLimited(verdict.retryAfterMs, which === 'client' ? 'from this client' : 'with this API key');
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
