import { unavailable } from '../../../../common/errors.ts';
import { ServiceCallError, type GraphClient } from '../../../../common/graphClient.ts';
import type { StockLookup } from './search.ts';

const CHUNK = 1000;

/**
 * Availability for the search's inStock filter, asked from inventory's own API (Product entities'
 * availability in the market) with the catalog's service identity, a thousand SKUs a call.
 */
export function inventoryStock(client: GraphClient, inventoryUrl: () => string | undefined): StockLookup {
  return async (market, skus) => {
    const url = inventoryUrl();
    if (!url) throw unavailable('Stock cannot be asked now (no inventory configured); search without inStock.');
    const available = new Set<string>();
    try {
      for (let i = 0; i < skus.length; i += CHUNK) {
        const data = await client.call<{ _entities: ({ sku: string; availability: { inStock: boolean } | null } | null)[] }>(
          'inventory',
          url,
          'query($r: [_Any!]!, $m: String!) { _entities(representations: $r) { ... on Product { sku availability(market: $m) { inStock } } } }',
          { r: skus.slice(i, i + CHUNK).map((sku) => ({ __typename: 'Product', sku })), m: market },
        );
        for (const e of data._entities) if (e?.availability?.inStock) available.add(e.sku);
      }
    } catch (e) {
      if (e instanceof ServiceCallError) throw unavailable('Stock cannot be asked now; try again, or search without inStock.');
      throw e;
    }
    return available;
  };
}
