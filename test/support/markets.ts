import { staticMarketSource, type MarketInfo } from '../../common/markets.ts';

const SELLING = ['web', 'pos', 'kiosk', 'in-game'];

/** The demo markets as the catalog seeds them, for services tested without a catalog. */
export const TEST_MARKETS: MarketInfo[] = [
  { code: 'DE', name: 'Germany', currencyCode: 'EUR', pricesIncludeTax: true, defaultLocale: 'de-DE', channels: SELLING },
  { code: 'FR', name: 'France', currencyCode: 'EUR', pricesIncludeTax: true, defaultLocale: 'fr-FR', channels: SELLING },
  { code: 'GB', name: 'United Kingdom', currencyCode: 'GBP', pricesIncludeTax: true, defaultLocale: 'en-GB', channels: SELLING },
  { code: 'US', name: 'United States', currencyCode: 'USD', pricesIncludeTax: false, defaultLocale: 'en-US', channels: SELLING },
  { code: 'JP', name: 'Japan', currencyCode: 'JPY', pricesIncludeTax: true, defaultLocale: 'ja-JP', channels: SELLING },
];

/** A fixed market source with the demo markets (services started alone in tests). */
export const testMarketSource = () => staticMarketSource(TEST_MARKETS.map((m) => ({ ...m, channels: [...m.channels] })));

/** The currency of a demo market. */
export const testCurrency = (market: string) => TEST_MARKETS.find((m) => m.code === market)?.currencyCode;
