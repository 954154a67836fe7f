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
import { AuditRepository } from '../../common/audit/repository.ts';
import { AuditRetention } from '../../common/audit/trail.ts';
import { CatalogAuditService } from './src/services/audit.ts';

export interface CatalogOptions extends ServiceOptions {
  /** subscribers of ProductChanged and PriceChanged (CATALOG_WEBHOOKS); none = the relay does not run */
  webhooks?: WebhookSubscriber[];
  relay?: Partial<RelaySettings>;
  /** inventory's URL(s) for the search's inStock filter (default config.urls.inventory; the test graph learns it after start) */
  inventoryUrl?: () => string | undefined;
  /** days an audit event (prices, price imports) is kept (default 400; CATALOG_AUDIT_RETENTION_DAYS); older ones are deleted hourly and at start */
  auditRetentionDays?: number;
}

export interface RunningCatalog extends RunningService {
  /** deletes the audit events older than the retention now (also runs hourly); returns how many */
  sweepAudit(): Promise<number>;
}

/** days an audit event is kept (CATALOG_AUDIT_RETENTION_DAYS) */
export const DEFAULT_AUDIT_RETENTION_DAYS = 400;
const AUDIT_SWEEP_EVERY_MS = 3_600_000;
/** how often the search projection looks whether writes moved its counter and then paused */
const PROJECTION_WATCH_MS = 2_000;

/** Builds the catalog subgraph: database, migrations, seed, change-event relay, GraphQL server. Listens on config.port (0 in tests). */
export async function startCatalog({ config, clock, log = createLogger('catalog', config.logLevel), webhooks = [], relay: relaySettings = {}, inventoryUrl, auditRetentionDays = DEFAULT_AUDIT_RETENTION_DAYS }: CatalogOptions): Promise<RunningCatalog> {
  if (!Number.isInteger(auditRetentionDays) || auditRetentionDays <= 0) throw new Error(`catalog: auditRetentionDays must be a positive integer (got ${auditRetentionDays})`);
  const db = await openServiceDatabase(config, migrations);
  const retention = new AuditRetention(new AuditRepository(db), clock ?? systemClock, auditRetentionDays);
  await retention.sweep();
  retention.start(AUDIT_SWEEP_EVERY_MS, (err) => log.warn({ err }, 'audit retention sweep failed; retried within the hour'));
  const audit = new CatalogAuditService(db);
  const repo = new CatalogRepository(db);
  const familyRepo = new FamilyRepository(db);
  await familyRepo.search.ensure();
  const client = new GraphClient({ caller: 'catalog', secret: config.identitySecret, timeoutMs: config.callTimeoutMs });
  const search = new ProductSearch(familyRepo.search, inventoryStock(client, inventoryUrl ?? (() => config.urls.inventory)));
  if (config.seed && (await seedCatalog(repo, familyRepo, clock ?? systemClock))) log.info('imported the demo catalog (seed/demo)');
  // the search projection is built in the background (readiness does not wait: a search arriving
  // meanwhile waits for this build), and re-read in the background once writes pause
  const projection = familyRepo.search.projection;
  const building = performance.now();
  projection
    .warm()
    .then(() => log.info({ variants: projection.memory().variants, ms: Math.round(performance.now() - building) }, 'search projection built'))
    .catch((err) => log.warn({ err }, 'search projection not built; the first search builds it'));
  projection.watch(PROJECTION_WATCH_MS, (err) => log.warn({ err }, 'search projection not re-read; the next search does it'));
  const running = await startSubgraph<CatalogContext>(
    {
      name: 'catalog',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      resolvers: resolvers as any,
      secret: config.identitySecret,
      log,
      production: config.production,
      clock,
      context: (base) => ({ ...base, catalog: new CatalogService(repo, createCatalogLoaders(repo, base.clock), base.clock, search), markets: new MarketService(repo, base.clock), families: new FamilyService(familyRepo), audit }),
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
    sweepAudit: () => retention.sweep(),
    stop: async () => {
      retention.stop();
      await projection.stop();
      await relay?.stop();
      await running.stop();
      await client.close().catch(() => undefined);
    },
  };
}
