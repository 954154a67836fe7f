/**
 * The five subgraphs of the commerce graph in one process (for bench:commerce, pinned by the
 * caller), seeded with the demo data in a fresh data dir. Usage: services.ts DATA_DIR SECRET
 * Prints `ready {"catalog": url, …}`.
 */
import type { ServiceConfig, ServiceName } from '../../common/config.ts';
import type { RunningService } from '../../common/service.ts';
import { startCart } from '../../subgraphs/cart/server.ts';
import { startCatalog } from '../../subgraphs/catalog/server.ts';
import { startInventory } from '../../subgraphs/inventory/server.ts';
import { startOrders } from '../../subgraphs/orders/server.ts';
import { startPromotions } from '../../subgraphs/promotions/server.ts';
import { quietLog, testConfig } from '../../test/support/subgraph.ts';

const [dataDir, identitySecret] = process.argv.slice(2);
const starters: Record<ServiceName, (config: ServiceConfig) => Promise<RunningService>> = {
  catalog: (config) => startCatalog({ config, log: quietLog }),
  inventory: (config) => startInventory({ config, log: quietLog }),
  promotions: (config) => startPromotions({ config, log: quietLog }),
  // one load generator plays every shopper from one address: the per-client and per-key hourly cart
  // creation limits (1,000 and 20,000) would refuse the mix after a few seconds
  cart: (config) => startCart({ config, log: quietLog, limits: { cartsPerClientPerHour: 1e9, cartsPerKeyPerHour: 1e9 } }),
  orders: (config) => startOrders({ config, log: quietLog }),
};
const urls: Record<string, string> = {};
const running: RunningService[] = [];
for (const name of ['catalog', 'inventory', 'promotions', 'cart', 'orders'] as const) {
  const service = await starters[name](testConfig(name, { dataDir, urls, identitySecret }));
  running.push(service);
  urls[name] = service.url;
}
console.log(`ready ${JSON.stringify(urls)}`);
process.on('SIGTERM', async () => {
  for (const s of running.reverse()) await s.stop();
  process.exit(0);
});
