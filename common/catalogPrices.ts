import { parseMinor } from './money.ts';

/**
 * Current catalog prices through the catalog's own API (`_entities` on Product), for services that
 * price or validate lines: sku → minor units; null when the product is not sold in the market;
 * unknown SKUs are absent.
 */
export async function catalogPrices(
  call: <T>(service: string, query: string, variables: Record<string, unknown>) => Promise<T>,
  market: string,
  skus: string[],
): Promise<Map<string, number | null>> {
  const unique = [...new Set(skus)];
  const result = new Map<string, number | null>();
  if (unique.length === 0) return result;
  const data = await call<{ _entities: ({ sku: string; price: { amount: string; currencyCode: string } | null } | null)[] }>(
    'catalog',
    'query($r: [_Any!]!, $m: String!) { _entities(representations: $r) { ... on Product { sku price(market: $m) { amount currencyCode } } } }',
    { r: unique.map((sku) => ({ __typename: 'Product', sku })), m: market },
  );
  for (const e of data._entities) if (e) result.set(e.sku, e.price ? parseMinor(e.price.amount, e.price.currencyCode) : null);
  return result;
}
