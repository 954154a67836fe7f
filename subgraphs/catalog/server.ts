import { systemClock } from '../../common/clock.ts';
import { DeliveriesRepository } from '../../common/events/deliveriesRepository.ts';
import { Relay, type RelaySettings, type WebhookSubscriber } from '../../common/events/relay.ts';
import { createLogger } from '../../common/log.ts';
import { databaseReady, openServiceDatabase, type RunningService, type ServiceOptions } from '../../common/service.ts';
import { startSubgraph } from '../../common/subgraph.ts';
import { CatalogRepository } from './src/data/catalogRepository.ts';
import { migrations } from './src/data/migrations.ts';
import { seedCatalog } from './src/data/seed.ts';
import type { CatalogContext } from './src/context.ts';
import { resolvers } from './src/resolvers/index.ts';
import { CatalogService, createCatalogLoaders } from './src/services/catalogService.ts';
import { MarketService } from './src/services/markets.ts';
import { FamilyService } from './src/services/families.ts';
import { ProductSearch } from './src/services/search.ts';
import { inventoryStock } from './src/services/stock.ts';
import { GraphClient } from '../../common/graphClient.ts';
import { FamilyRepository } from './src/data/familyRepository.ts';

export interface CatalogOptions extends ServiceOptions {
  /** subscribers of ProductChanged and PriceChanged (CATALOG_WEBHOOKS); none = the relay does not run */
  webhooks?: WebhookSubscriber[];
  relay?: Partial<RelaySettings>;
  /** inventory's URL(s) for the search's inStock filter (default config.urls.inventory; the test graph learns it after start) */
  inventoryUrl?: () => string | undefined;
}

/** Builds the catalog subgraph: database, migrations, seed, change-event relay, GraphQL server. Listens on config.port (0 in tests). */
export async function startCatalog({ config, clock, log = createLogger('catalog', config.logLevel), webhooks = [], relay: relaySettings = {}, inventoryUrl }: CatalogOptions): Promise<RunningService> {
  const db = await openServiceDatabase(config, migrations);
  const repo = new CatalogRepository(db);
  const familyRepo = new FamilyRepository(db);
  await familyRepo.search.ensure();
  const client = new GraphClient({ caller: 'catalog', secret: config.identitySecret, timeoutMs: config.callTimeoutMs });
  const search = new ProductSearch(familyRepo.search, inventoryStock(client, inventoryUrl ?? (() => config.urls.inventory)));
  if (config.seed && (await seedCatalog(repo, familyRepo, clock ?? systemClock))) log.info('imported the demo catalog (seed/demo)');
  const running = await startSubgraph<CatalogContext>(
    {
      name: 'catalog',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      resolvers: resolvers as any,
      secret: config.identitySecret,
      log,
      production: config.production,
      clock,
      context: (base) => ({ ...base, catalog: new CatalogService(repo, createCatalogLoaders(repo, base.clock), base.clock, search), markets: new MarketService(repo, base.clock), families: new FamilyService(familyRepo) }),
      ready: databaseReady(db),
    },
    config.port,
    config.host,
  );
  const relay = webhooks.length ? new Relay(new DeliveriesRepository(db), webhooks, clock ?? systemClock, log, { userAgent: 'commerce-graph-catalog-relay', ...relaySettings }) : null;
  relay?.start();
  return {
    ...running,
    db,
    stop: async () => {
      await relay?.stop();
      await running.stop();
      await client.close().catch(() => undefined);
    },
  };
}
