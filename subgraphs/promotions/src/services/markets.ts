/**
 * What promotions needs to know of markets: whether one exists and its currency. Markets are data
 * owned by the catalog; the service learns them through the graph (a MarketDirectory from
 * common/markets.ts, cached and reloaded when the catalog's markets change).
 */
export interface Markets {
  /** the market's currency, or null when there is no such market */
  currency(code: string): Promise<string | null>;
}
