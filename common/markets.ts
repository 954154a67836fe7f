import type { GraphClient } from './graphClient.ts';

/**
 * Markets are data owned by the catalog service. Every other service learns them through the
 * catalog's own API and keeps them in a MarketDirectory (one per service instance, never per module):
 *
 * - a lookup answers from the cached list while it is fresh (`maxAgeMs`);
 * - after that, the next lookup asks the catalog for its change counter (`marketsVersion`) and
 *   reloads the list only when the counter moved, so an edited market is seen within `maxAgeMs`;
 * - a code the copy does not know makes it ask the counter at once, in a check that starts after the
 *   lookup (so a market created just before is seen), reloading when the counter moved: a new market
 *   works at its first use. One check runs at a time and the lookups waiting share the next one, so
 *   made-up codes cost the catalog one small query at a time, never a flood;
 * - when the catalog cannot be reached, the last list known stays in use; without one, the error
 *   reaches the caller (who decides: a degraded answer or a retryable error).
 */
export interface MarketInfo {
  code: string;
  name: string;
  currencyCode: string;
  pricesIncludeTax: boolean;
  defaultLocale: string;
  /** channels the market sells through (web, pos, kiosk, in-game …) */
  channels: string[];
}

/** Where a directory reads markets from (the catalog's API in services; a fixed list in unit tests). */
export interface MarketSource {
  version(): Promise<number>;
  markets(): Promise<{ version: number; markets: MarketInfo[] }>;
}

export interface MarketDirectoryOptions {
  /** how long a loaded list is used without asking whether it changed (default 1000 ms) */
  maxAgeMs?: number;
  /** milliseconds since an arbitrary origin (tests pass their own) */
  now?: () => number;
}

const MARKET_FIELDS = 'code name currencyCode pricesIncludeTax defaultLocale channels';

/** Reads markets from the catalog service's API with the service's own identity. */
export function catalogMarketSource(client: GraphClient, catalogUrl: () => string | undefined): MarketSource {
  const call = <T>(query: string) => {
    const url = catalogUrl();
    if (!url) throw new Error('no catalog URL configured: markets cannot be learned');
    return client.call<T>('catalog', url, query);
  };
  return {
    version: async () => (await call<{ marketsVersion: number }>('{ marketsVersion }')).marketsVersion,
    markets: async () => {
      const data = await call<{ marketsVersion: number; markets: MarketInfo[] }>(`{ marketsVersion markets { ${MARKET_FIELDS} } }`);
      return { version: data.marketsVersion, markets: data.markets };
    },
  };
}

export class MarketDirectory {
  private byCode = new Map<string, MarketInfo>();
  private version = -1;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | null = null;
  /** the counter checks for unknown codes: the one queued (not started yet) and the end of the chain */
  private queuedCheck: Promise<void> | null = null;
  private checks: Promise<void> = Promise.resolve();
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: MarketSource,
    options: MarketDirectoryOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The market with this code, or null when the catalog does not know it. */
  async get(code: string): Promise<MarketInfo | null> {
    await this.fresh();
    const found = this.byCode.get(code);
    if (found) return found;
    await this.checkAfterNow();
    return this.byCode.get(code) ?? null;
  }

  /** Every market, by code. */
  async all(): Promise<MarketInfo[]> {
    await this.fresh();
    return [...this.byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** The currency of a market, or null for an unknown market. */
  async currency(code: string): Promise<string | null> {
    return (await this.get(code))?.currencyCode ?? null;
  }

  /** Forgets what was checked: the next lookup asks the catalog (after a change this instance made or heard of). */
  invalidate(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private async fresh(): Promise<void> {
    if (this.loadedAt === Number.NEGATIVE_INFINITY) return this.coalesce(() => this.reload());
    if (this.now() - this.checkedAt < this.maxAgeMs) return;
    await this.coalesce(async () => {
      const version = await this.source.version();
      if (version !== this.version) await this.reload();
      else this.checkedAt = this.now();
    }).catch((e) => {
      // the catalog is away: the list known stays in use until it answers again
      if (this.loadedAt === Number.NEGATIVE_INFINITY) throw e;
    });
  }

  /** A check of the change counter that starts after this call; callers arriving before it starts share it. */
  private checkAfterNow(): Promise<void> {
    if (this.queuedCheck) return this.queuedCheck;
    const check = this.checks.then(async () => {
      this.queuedCheck = null;
      const version = await this.source.version();
      if (version !== this.version) await this.reload();
      else this.checkedAt = this.now();
    });
    this.queuedCheck = check;
    this.checks = check.catch(() => undefined);
    return check;
  }

  private async reload(): Promise<void> {
    const { version, markets } = await this.source.markets();
    const byCode = new Map<string, MarketInfo>();
    for (const m of markets) byCode.set(m.code, m);
    this.byCode = byCode;
    this.version = version;
    this.loadedAt = this.checkedAt = this.now();
  }

  /** One load at a time: concurrent lookups share it. */
  private coalesce(fn: () => Promise<void>): Promise<void> {
    if (!this.inflight) {
      this.inflight = fn().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }
}

/** Retries a lookup that fails (the catalog not up yet) until it answers or `timeoutMs` passes. */
export async function untilAnswered<T>(fn: () => Promise<T>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() + intervalMs > deadline) throw e;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** A fixed source (unit tests of services that need markets without a catalog). */
export function staticMarketSource(markets: MarketInfo[]): MarketSource & { set(next: MarketInfo[]): void } {
  let list = markets;
  let version = 1;
  return {
    version: async () => version,
    markets: async () => ({ version, markets: list }),
    set(next) {
      list = next;
      version++;
    },
  };
}
