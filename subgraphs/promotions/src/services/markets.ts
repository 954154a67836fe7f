import { DEMO_MARKETS } from '../../../../common/demo.ts';

/** Markets campaigns may belong to, with their currencies. */
const MARKETS = new Map(DEMO_MARKETS.map((m) => [m.code, m.currencyCode]));

export function isKnownMarket(market: string): boolean {
  return MARKETS.has(market);
}

export function marketCurrency(market: string): string | null {
  return MARKETS.get(market) ?? null;
}

export function knownMarkets(): string[] {
  return [...MARKETS.keys()];
}
