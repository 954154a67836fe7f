import { GraphClient } from '../../common/graphClient.ts';
import { catalogMarketSource, MarketDirectory } from '../../common/markets.ts';
import { systemClock } from '../../common/clock.ts';
import { createLogger } from '../../common/log.ts';
import { createMetrics } from '../../common/metrics.ts';
import { openDatabase } from '../../common/storage/index.ts';
import { databaseReady, openServiceDatabase, type RunningService, type ServiceOptions } from '../../common/service.ts';
import { startSubgraph } from '../../common/subgraph.ts';
import type { CartContext } from './src/context.ts';
import { CartRepository } from './src/data/cartRepository.ts';
import { migrations } from './src/data/migrations.ts';
import { PreviewCartExpiry, previewMigrations } from './src/data/previewCarts.ts';
import { resolvers } from './src/resolvers/index.ts';
import { CartService, DEFAULT_LIMITS, type CartLimits } from './src/services/cartService.ts';
import { GraphCartDependencies } from './src/services/dependencies.ts';

export interface CartOptions extends ServiceOptions {
  limits?: Partial<CartLimits>;
  /** how long a preview cart lives (real time); default a day */
  previewCartTtlMs?: number;
}

const DAY_MS = 86_400_000;
const SWEEP_EVERY_MS = 60_000;

/** Preview carts get a database of their own: `cart-preview.sqlite` beside the cart's, or `<schema>_preview` on PostgreSQL. */
function openPreviewDatabase(config: ServiceOptions['config']) {
  return openDatabase({
    service: 'cart-preview',
    dataDir: config.dataDir,
    file: config.databaseFile === ':memory:' ? ':memory:' : undefined,
    url: config.databaseUrl,
    schema: `${config.databaseSchema ?? 'cart'}_preview`,
    migrations: previewMigrations,
  });
}

/** Builds the cart subgraph. It asks catalog, inventory and promotions through their own APIs. */
export async function startCart({ config, clock, log = createLogger('cart', config.logLevel), limits, previewCartTtlMs = DAY_MS }: CartOptions): Promise<RunningService & { sweepPreviewCarts: () => Promise<unknown> }> {
  const db = await openServiceDatabase(config, migrations);
  const repo = new CartRepository(db);
  const previewDb = await openPreviewDatabase(config);
  const realClock = clock ?? systemClock;
  const expiry = new PreviewCartExpiry(previewDb);
  const previews = { repo: new CartRepository(previewDb), expiry, ttlMs: previewCartTtlMs, realNow: () => realClock.now() };
  const sweep = () =>
    expiry.sweep(realClock.now().toISOString()).then(
      (n) => n && log.info({ expired: n }, 'preview carts expired'),
      (err) => log.warn({ err }, 'preview cart sweep failed; retried next round'),
    );
  const sweeper = setInterval(sweep, SWEEP_EVERY_MS);
  sweeper.unref();
  const client = new GraphClient({ caller: 'cart', secret: config.identitySecret, timeoutMs: config.callTimeoutMs });
  const markets = new MarketDirectory(catalogMarketSource(client, () => config.urls.catalog));
  const effectiveLimits = { ...DEFAULT_LIMITS, ...limits };
  const metrics = createMetrics('cart');
  // invalid codes over a whole channel: a surge is alerted on (docs/grafana/alerts.yml), never a lockout of the channel
  const codeFailures = metrics.counter('cart_discount_code_failures_total', 'Discount codes entered that turned out invalid, by channel', ['channel']);
  const onCodeFailures = (count: number, channel: string) => codeFailures.inc({ channel }, count);
  // with promotions_evaluation_requests_total{source="provider"}: at most one engine evaluation per read
  const reads = metrics.counter('cart_reads_total', 'Reads of active carts (each evaluates promotions once, shared with Cart.promotion/totals), by market', ['market']);
  const onRead = (market: string) => reads.inc({ market });
  const running = await startSubgraph<CartContext>(
    {
      name: 'cart',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      resolvers: resolvers as any,
      secret: config.identitySecret,
      log,
      production: config.production,
      clock,
      context: (base) => ({
        ...base,
        repo,
        carts: new CartService(repo, new GraphCartDependencies(client, config.urls, base.identity, base.requestId, markets), base.clock, base.log, effectiveLimits, base.identity, previews, onCodeFailures, onRead),
      }),
      ready: databaseReady(db),
      metrics,
    },
    config.port,
    config.host,
  );
  return {
    ...running,
    db,
    /** expired preview carts are deleted (runs every minute by itself) */
    sweepPreviewCarts: sweep,
    stop: async () => {
      clearInterval(sweeper);
      await running.stop();
      await client.close();
      await previewDb.close();
    },
  };
}
