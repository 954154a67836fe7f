import { systemClock } from '../../common/clock.ts';
import { DeliveriesRepository } from '../../common/events/deliveriesRepository.ts';
import { Relay, type RelaySettings, type WebhookSubscriber } from '../../common/events/relay.ts';
import { GraphClient } from '../../common/graphClient.ts';
import { catalogMarketSource, MarketDirectory, untilAnswered, type MarketSource } from '../../common/markets.ts';
import { createLogger } from '../../common/log.ts';
import { createMetrics } from '../../common/metrics.ts';
import { databaseReady, openServiceDatabase, type RunningService, type ServiceOptions } from '../../common/service.ts';
import { startSubgraph } from '../../common/subgraph.ts';
import type { InventoryContext } from './src/context.ts';
import { InventoryRepository } from './src/data/inventoryRepository.ts';
import { migrations } from './src/data/migrations.ts';
import { InventoryStatsRepository } from './src/data/statsRepository.ts';
import { seedInventory } from './src/data/seed.ts';
import { resolvers } from './src/resolvers/index.ts';
import { OfflineSales } from './src/services/offlineSales.ts';
import { Restocks } from './src/services/restocks.ts';
import { AdjustmentService } from './src/services/adjustmentService.ts';
import { LedgerService } from './src/services/ledgerService.ts';
import { LocationService } from './src/services/locationService.ts';
import { DEFAULT_SWEEP_INTERVAL_MS, startExpirySweeper } from './src/services/expirySweeper.ts';
import { DEFAULT_RESERVATION_TTL_SECONDS, MAX_RESERVATION_TTL_SECONDS, ReservationService } from './src/services/reservationService.ts';
import { createInventoryLoaders, StockService } from './src/services/stockService.ts';

export interface InventoryOptions extends ServiceOptions {
  /** TTL of a reservation when reserveStock gives none (default 900 s) */
  reservationTtlSeconds?: number;
  /** how often lapsed reservations are expired (default 5000 ms) */
  sweepIntervalMs?: number;
  /** a stock row counts as low at or below this many available units (metric inventory_low_stock_skus; default 3) */
  lowStockThreshold?: number;
  /** where markets are learned (default: the catalog's API, config.urls.catalog); unit tests pass a fixed list */
  markets?: MarketSource;
  /** subscribers of StockChanged (INVENTORY_WEBHOOKS); none = the relay does not run */
  webhooks?: WebhookSubscriber[];
  relay?: Partial<RelaySettings>;
}

export interface RunningInventory extends RunningService {
  /** Expires lapsed HELD reservations now (what the sweeper does on its timer); resolves with how many. */
  sweepExpired(): Promise<number>;
}

function positiveInt(name: string, value: number | undefined, dflt: number, max: number): number {
  if (value === undefined) return dflt;
  if (!Number.isInteger(value) || value <= 0 || value > max) throw new Error(`inventory: ${name} must be an integer between 1 and ${max}, got ${value}`);
  return value;
}

/** Builds the inventory subgraph: database, migrations, seed, expiry sweeper, GraphQL server. Listens on config.port (0 in tests). */
export async function startInventory({
  config,
  clock = systemClock,
  log = createLogger('inventory', config.logLevel),
  reservationTtlSeconds,
  sweepIntervalMs,
  lowStockThreshold = 3,
  markets: marketSource,
  webhooks = [],
  relay: relaySettings = {},
}: InventoryOptions): Promise<RunningInventory> {
  const ttlSeconds = positiveInt('reservationTtlSeconds', reservationTtlSeconds, DEFAULT_RESERVATION_TTL_SECONDS, MAX_RESERVATION_TTL_SECONDS);
  const intervalMs = positiveInt('sweepIntervalMs', sweepIntervalMs, DEFAULT_SWEEP_INTERVAL_MS, 24 * 3600_000);
  const db = await openServiceDatabase(config, migrations);
  const repo = InventoryRepository.open(db);
  const client = new GraphClient({ caller: 'inventory', secret: config.identitySecret, timeoutMs: config.callTimeoutMs });
  const markets = new MarketDirectory(marketSource ?? catalogMarketSource(client, () => config.urls.catalog));
  const marketExists = async (code: string) => (await markets.get(code)) !== null;
  // on first start the catalog may still be starting: the seed waits for it (up to a minute)
  if (config.seed && (await seedInventory(repo, clock, (code) => untilAnswered(() => marketExists(code), 60_000)))) log.info('imported the demo locations and stock (seed/demo)');

  const expiry = new ReservationService(repo, clock, { ttlSeconds });
  const relay = webhooks.length ? new Relay(new DeliveriesRepository(db), webhooks, clock, log, { userAgent: 'commerce-graph-inventory-relay', ...relaySettings }) : null;
  relay?.start();
  const sweeper = startExpirySweeper(() => expiry.sweepExpired(), intervalMs, log);

  const metrics = createMetrics('inventory');
  const stats = new InventoryStatsRepository(db);
  metrics.gauge('inventory_low_stock_skus', `SKUs per location with at most ${lowStockThreshold} units available (on hand − reserved)`, ['location'], async () =>
    (await stats.lowStock(lowStockThreshold)).map((r) => ({ labels: { location: r.location }, value: r.n })),
  );

  let running;
  try {
    running = await startSubgraph<InventoryContext>(
      {
        name: 'inventory',
        metrics,
        schemaFile: new URL('./schema.graphql', import.meta.url),
        resolvers: resolvers as any,
        secret: config.identitySecret,
        log,
        production: config.production,
        clock,
        context: (base) => {
          const loaders = createInventoryLoaders(repo, base.clock);
          const onStockChanged = (sku: string) => void loaders.stock.clear(sku);
          const reservations = new ReservationService(repo, base.clock, { ttlSeconds, onStockChanged });
          return {
            ...base,
            stock: new StockService(loaders),
            reservations,
            restocks: new Restocks(repo, base.clock, reservations, onStockChanged),
            adjustments: new AdjustmentService(repo, base.clock, { onStockChanged }),
            offlineSales: new OfflineSales(repo, base.clock),
            ledger: new LedgerService(repo, base.clock),
            locations: new LocationService(repo, base.clock, marketExists),
          };
        },
        ready: databaseReady(db),
      },
      config.port,
      config.host,
    );
  } catch (e) {
    await sweeper.stop();
    await relay?.stop();
    throw e;
  }
  const subgraph = running;
  return {
    ...subgraph,
    db,
    sweepExpired: () => expiry.sweepExpired(),
    stop: async () => {
      await relay?.stop();
      await sweeper.stop();
      await subgraph.stop();
      await client.close().catch(() => undefined); // stopped twice (tests stop a service, then the graph)
    },
  };
}
