import { DEMO_PRODUCTS, demoPriceMinor } from '../../../../common/demo.ts';
import type { CatalogRepository, MarketRow } from './catalogRepository.ts';

const SELLING_CHANNELS = JSON.stringify(['web', 'pos', 'kiosk', 'in-game']);
const market = (code: string, name: string, currency: string, includeTax: boolean, locale: string): MarketRow => ({
  code, name, currency_code: currency, prices_include_tax: includeTax ? 1 : 0, default_locale: locale, channels: SELLING_CHANNELS, updated_at: null,
});

/** The demo's markets: the catalog owns them; every other service learns them through the graph. */
export const DEMO_MARKET_ROWS: MarketRow[] = [
  market('DE', 'Germany', 'EUR', true, 'de-DE'),
  market('FR', 'France', 'EUR', true, 'fr-FR'),
  market('GB', 'United Kingdom', 'GBP', true, 'en-GB'),
  market('US', 'United States', 'USD', false, 'en-US'),
  market('JP', 'Japan', 'JPY', true, 'ja-JP'),
];

/** Seeds demo markets, 60 products and prices per market on first start. */
export async function seedCatalog(repo: CatalogRepository): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const since = '2020-01-01T00:00:00.000Z';
  await repo.seed(
    DEMO_MARKET_ROWS,
    DEMO_PRODUCTS.map((p) => ({
      sku: p.sku,
      name: p.name,
      description: `${p.name}, ${p.material}.`,
      attributes: JSON.stringify([
        { type: 'color/v1', data: { name: p.color } },
        { type: 'size/v1', data: { label: p.size } },
        { type: 'material/v1', data: { name: p.material } },
      ]),
    })),
    DEMO_PRODUCTS.flatMap((p) =>
      DEMO_MARKET_ROWS.map((m) => ({ sku: p.sku, market: m.code, amount_minor: demoPriceMinor(p, m.code), valid_from: since })),
    ),
  );
  return true;
}
