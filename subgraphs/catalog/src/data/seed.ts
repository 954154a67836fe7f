import { DEMO_MARKETS, DEMO_PRODUCTS, demoPriceMinor } from '../../../../common/demo.ts';
import type { CatalogRepository } from './catalogRepository.ts';

/** Seeds demo markets, 60 products and prices per market on first start. */
export async function seedCatalog(repo: CatalogRepository): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const since = '2020-01-01T00:00:00.000Z';
  await repo.seed(
    DEMO_MARKETS.map((m) => ({ code: m.code, name: m.name, currency_code: m.currencyCode })),
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
      DEMO_MARKETS.map((m) => ({ sku: p.sku, market: m.code, amount_minor: demoPriceMinor(p, m.code), valid_from: since })),
    ),
  );
  return true;
}
