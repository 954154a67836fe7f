import { catalogPrices } from '../../common/catalogPrices.ts';
import { systemClock } from '../../common/clock.ts';
import { GraphClient } from '../../common/graphClient.ts';
import { catalogMarketSource, MarketDirectory, type MarketSource } from '../../common/markets.ts';
import { createLogger } from '../../common/log.ts';
import { createMetrics } from '../../common/metrics.ts';
import { databaseReady, openServiceDatabase, type RunningService, type ServiceOptions } from '../../common/service.ts';
import { startSubgraph } from '../../common/subgraph.ts';
import type { PromotionsContext } from './src/context.ts';
import { PreviewDiffService } from './src/services/previewDiff.ts';
import { CouponRepository, tuneForCouponBatches } from './src/data/couponRepository.ts';
import { migrations } from './src/data/migrations.ts';
import { CustomerOrderRepository } from './src/data/customerOrderRepository.ts';
import { RedemptionOrderRepository } from './src/data/redemptionRepository.ts';
import { RoutingRepository } from './src/data/routingRepository.ts';
import { seedLegacyDiscounts } from './src/data/legacySeed.ts';
import { seedPromotions } from './src/data/seed.ts';
import { resolvers } from './src/resolvers/index.ts';
import { BackgroundTasks } from './src/services/background.ts';
import { CampaignService } from './src/services/campaignService.ts';
import { ComplianceService, type PriceLookup } from './src/services/compliance.ts';
import { CouponGenerator } from './src/services/couponGenerator.ts';
import { CouponService } from './src/services/couponService.ts';
import { EvaluationService, type EvaluationDeps } from './src/services/evaluationService.ts';
import { promotionMetrics } from './src/services/metrics.ts';
import type { PromotionProvider } from './src/services/providers/provider.ts';
import { ProviderRegistry } from './src/services/providers/registry.ts';
import { RemoteCodeChecks } from './src/services/providers/remote/codeChecks.ts';
import type { RemoteProvidersConfig } from './src/services/providers/remote/config.ts';
import { createRemoteProviders } from './src/services/providers/remote/index.ts';
import { remoteMigrations } from './src/data/remoteRepository.ts';
import { RoutingService } from './src/services/routing.ts';
import { ChargesService } from './src/services/charges/charges.ts';
import type { TaxProvidersConfig } from './src/services/charges/config.ts';
import { TaxExemptionService } from './src/services/charges/exemptions.ts';
import { RemoteTaxProvider } from './src/services/charges/remoteTax.ts';
import { loadChargeTables, type ChargeTables } from './src/services/charges/tables.ts';
import { ChargeTablesService } from './src/services/charges/edits.ts';
import { tablesToRows } from './src/services/charges/rows.ts';
import { ChargeTablesStore } from './src/services/charges/store.ts';
import { ChargeTablesRepository, chargeTablesMigrations } from './src/data/chargeTablesRepository.ts';
import { NativeTaxProvider, type TaxProvider } from './src/services/charges/taxProvider.ts';
import { TaxExemptionRepository, taxExemptionMigrations } from './src/data/taxExemptionRepository.ts';
import { ShadowRecorder } from './src/services/shadow.ts';
import { SharedEvaluations } from './src/services/sharedEvaluations.ts';
import { AuditRetention, AuditService, type CatalogAuditReader } from './src/services/audit.ts';
import { catalogAuditReader } from './src/services/catalogAudit.ts';
import { AuditRepository } from '../../common/audit/repository.ts';
import type { Identity } from '../../common/identity.ts';
import { CampaignRepository } from './src/data/campaignRepository.ts';
import { COUPON_DOWNLOAD_PREFIX, couponDownloadRoute } from './src/http/couponDownload.ts';

/** time budget of one engine evaluation when none is configured, ms (PROMOTION_EVALUATION_TIMEOUT_MS) */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 150;
/** how long the subgraph requests of one operation share a cart's evaluation, ms (PROMOTION_EVALUATION_SHARE_MS) */
export const DEFAULT_EVALUATION_SHARE_MS = 10_000;
/** days an audit event is kept (PROMOTION_AUDIT_RETENTION_DAYS) */
export const DEFAULT_AUDIT_RETENTION_DAYS = 400;
const AUDIT_SWEEP_EVERY_MS = 3_600_000;

export interface PromotionsOptions extends ServiceOptions {
  /** time budget of one provider evaluation, ms (default 150) */
  providerTimeoutMs?: number;
  /**
   * how long the subgraph requests of one operation (the cart's warnings, Cart.promotion/totals) share
   * the evaluation of one cart version, ms (default 10000; 0: every request calls the provider)
   */
  evaluationShareMs?: number;
  /** days an audit event is kept (default 400); older ones are deleted hourly and at start */
  auditRetentionDays?: number;
  /** time budget of a redemption or release, ms (default 2000) */
  redemptionTimeoutMs?: number;
  /** providers besides the built-in ones (remote engines; tests pass ones that hang or throw) */
  providers?: PromotionProvider[];
  /** codes per transaction when generating coupon batches (default 20000) */
  couponChunkSize?: number;
  /** remote engines (Talon.One, commercetools), parsed with parseRemoteProviders; main.ts reads PROMOTION_PROVIDERS(_FILE) */
  remoteProviders?: RemoteProvidersConfig;
  /** the tax and shipping tables the database is seeded with on first start (default: data/charges.demo.json) */
  chargeTables?: ChargeTables;
  /** how long the charge tables in use are trusted before the change counter is asked again, ms (default 0: at every evaluation) */
  chargeTablesMaxAgeMs?: number;
  /** remote tax services and which markets use them (default: native everywhere) */
  taxProviders?: TaxProvidersConfig;
  /** tax providers besides native and the configured remote ones (tests), routed by `taxProviders.markets` */
  extraTaxProviders?: TaxProvider[];
  /** time budget of one tax calculation, ms (default 1000) */
  taxTimeoutMs?: number;
  /** where markets are learned (default: the catalog's API, config.urls.catalog); unit tests pass a fixed list */
  markets?: MarketSource;
  /** how the catalog's audit trail (prices) is read for auditTrail, per request identity (default: the catalog's API) */
  catalogAudit?: (identity: Identity, requestId: string | undefined) => CatalogAuditReader;
}

export interface RunningPromotions extends RunningService {
  registry: ProviderRegistry;
  /** deletes the audit events older than the retention now (also runs hourly); returns how many */
  sweepAudit(): Promise<number>;
  /** resolves when background work (shadow comparisons, coupon batches) has finished */
  idle(): Promise<void>;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`promotions: ${name} must be a positive integer (got ${value})`);
  return v;
}

/**
 * Builds the promotions subgraph: database, migrations, seed, provider registry, background work
 * (shadow comparisons, coupon batches) and the GraphQL server. stop() also stops the background work.
 */
export async function startPromotions(options: PromotionsOptions): Promise<RunningPromotions> {
  const { config, clock = systemClock, log = createLogger('promotions', config.logLevel) } = options;
  const timeoutMs = positiveInt(options.providerTimeoutMs, DEFAULT_PROVIDER_TIMEOUT_MS, 'providerTimeoutMs');
  const redemptionTimeoutMs = positiveInt(options.redemptionTimeoutMs, 2000, 'redemptionTimeoutMs');
  const chunkSize = positiveInt(options.couponChunkSize, 20_000, 'couponChunkSize');

  const shareMs = options.evaluationShareMs ?? DEFAULT_EVALUATION_SHARE_MS;
  if (!Number.isInteger(shareMs) || shareMs < 0) throw new Error(`promotions: evaluationShareMs must be a whole number of ms, 0 or more (got ${shareMs})`);
  const shared = new SharedEvaluations(shareMs);
  const retentionDays = positiveInt(options.auditRetentionDays, DEFAULT_AUDIT_RETENTION_DAYS, 'auditRetentionDays');
  const taxTimeoutMs = positiveInt(options.taxTimeoutMs, 1000, 'taxTimeoutMs');
  const db = await openServiceDatabase(config, [...migrations, ...remoteMigrations, ...taxExemptionMigrations, ...chargeTablesMigrations]);
  await tuneForCouponBatches(db);
  if (config.seed && (await seedPromotions(db))) log.info('seeded demo promotions');
  if (config.seed && (await seedLegacyDiscounts(db, clock))) log.info('seeded demo legacy cart discounts');

  const auditRepo = new AuditRepository(db);
  const retention = new AuditRetention(auditRepo, clock, retentionDays);
  await retention.sweep();
  retention.start(AUDIT_SWEEP_EVERY_MS, (err) => log.warn({ err }, 'audit retention sweep failed; retried within the hour'));
  const background = new BackgroundTasks(log);
  const client = new GraphClient({ caller: 'promotions', secret: config.identitySecret, timeoutMs: config.callTimeoutMs });
  const catalogAudit = options.catalogAudit ?? ((identity: Identity, requestId: string | undefined) => catalogAuditReader(client, () => config.urls.catalog, identity, requestId));
  const markets = new MarketDirectory(options.markets ?? catalogMarketSource(client, () => config.urls.catalog));
  const metrics = createMetrics('promotions');
  const remote = createRemoteProviders(options.remoteProviders ?? {}, { db, log, metrics });
  const registry = ProviderRegistry.create({ db, log }, [...remote, ...(options.providers ?? [])]);
  const remoteCodes = new RemoteCodeChecks(registry, new RoutingRepository(db), clock, log, redemptionTimeoutMs);
  const couponRepo = new CouponRepository(db);
  const generator = new CouponGenerator(couponRepo, background, clock, log, { chunkSize });
  const routingRepo = new RoutingRepository(db);
  // the tables are data in the database: seeded once (first start) from the tables file, then imported and edited
  const chargeRepo = new ChargeTablesRepository(db);
  if (await chargeRepo.seedOnce(options.chargeTables ? 'CHARGES_TABLES_FILE' : 'demo', tablesToRows(options.chargeTables ?? loadChargeTables()), clock.now().toISOString())) {
    log.info('seeded the tax and shipping tables');
  }
  const chargeStore = new ChargeTablesStore(chargeRepo, log, { maxAgeMs: options.chargeTablesMaxAgeMs ?? 0 });
  await chargeStore.refresh();
  const tables = () => chargeStore.snapshot();
  const taxConfig = options.taxProviders ?? { remote: {}, markets: {} };
  const remoteTax = Object.entries(taxConfig.remote).map(([name, c]) => new RemoteTaxProvider({ name, ...c }));
  const taxProviders = new Map<string, TaxProvider>([['native', new NativeTaxProvider(tables)], ...[...remoteTax, ...(options.extraTaxProviders ?? [])].map((p) => [p.name, p] as const)]);
  const exemptions = new TaxExemptionRepository(db);
  const charges = new ChargesService({
    tables,
    refreshTables: () => chargeStore.refresh(),
    markets,
    taxRouting: new Map(Object.entries(taxConfig.markets)),
    taxProviders,
    isExempt: (customerId) => exemptions.isExempt(customerId),
    timeoutMs: taxTimeoutMs,
    log,
  });
  const deps: EvaluationDeps = {
    charges,
    registry,
    routing: routingRepo,
    orders: new RedemptionOrderRepository(db),
    customers: new CustomerOrderRepository(db),
    shadow: new ShadowRecorder(routingRepo),
    background,
    timeoutMs,
    redemptionTimeoutMs,
    metrics: promotionMetrics(metrics),
    changeCounter: (market) => new CampaignRepository(db).version(market),
    shared,
  };

  const running = await startSubgraph<PromotionsContext>(
    {
      name: 'promotions',
      metrics,
      schemaFile: new URL('./schema.graphql', import.meta.url),
      resolvers: resolvers as any,
      secret: config.identitySecret,
      log,
      production: config.production,
      clock,
      context: (base) => {
        const caller = { identity: base.identity };
        // prices for compliance checks, through the catalog's own API with the caller's identity
        const prices: PriceLookup = (market, skus) =>
          catalogPrices((service, query, variables) => client.call(service, config.urls[service], query, variables, { identity: base.identity, requestId: base.requestId }), market, skus);
        const campaigns = new CampaignService(db, base.clock, caller, prices, markets);
        return {
          ...base,
          evaluation: new EvaluationService(deps, base.clock, base.log, base.requestId),
          campaigns,
          compliance: new ComplianceService(db, base.clock, caller, markets),
          coupons: new CouponService(couponRepo, generator, campaigns, base.clock, base.identity),
          audit: new AuditService(auditRepo, caller, catalogAudit(base.identity, base.requestId)),
          routing: new RoutingService(routingRepo, registry, base.clock, caller, markets),
          previews: new PreviewDiffService(db, base.clock, caller, campaigns),
          remoteCodes,
          taxExemptions: new TaxExemptionService(db, base.clock, base.identity),
          chargeTables: new ChargeTablesService(chargeRepo, chargeStore, markets, base.clock, base.identity),
        };
      },
      ready: databaseReady(db),
      routes: { [`${COUPON_DOWNLOAD_PREFIX}*`]: couponDownloadRoute({ db, secret: config.identitySecret, log }) },
    },
    config.port,
    config.host,
  );
  const resumed = await generator.resumeUnfinished();
  if (resumed) log.info({ batches: resumed }, 'resumed unfinished coupon batches');

  return {
    ...running,
    db,
    registry,
    idle: () => background.idle(),
    sweepAudit: () => retention.sweep(),
    stop: async () => {
      retention.stop();
      await running.stop();
      await background.stop();
      for (const p of remote) await p.close?.();
      for (const p of remoteTax) await p.close();
    },
  };
}
