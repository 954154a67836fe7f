import { GraphClient } from '../../common/graphClient.ts';
import { serviceIdentity } from '../../common/identity.ts';
import { createLogger } from '../../common/log.ts';
import { databaseReady, openServiceDatabase, type RunningService, type ServiceOptions } from '../../common/service.ts';
import { systemClock } from '../../common/clock.ts';
import { createMetrics } from '../../common/metrics.ts';
import { orderMetrics, orderStateGauges } from './src/services/metrics.ts';
import { OrdersStatsRepository } from './src/data/statsRepository.ts';
import { startSubgraph } from '../../common/subgraph.ts';
import type { OrdersContext } from './src/context.ts';
import { DEFAULT_IDEMPOTENCY_RETENTION_MS, parseWebhooks } from './config.ts';
import { DeliveriesRepository } from '../../common/events/deliveriesRepository.ts';
import { migrations } from './src/data/migrations.ts';
import { OrdersRepository } from './src/data/ordersRepository.ts';
import { ReconciliationRepository } from './src/data/reconciliationRepository.ts';
import { RetentionRepository } from './src/data/retentionRepository.ts';
import { resolvers } from './src/resolvers/index.ts';
import { GraphOrderDependencies } from './src/services/dependencies.ts';
import { createOrderLoader } from './src/services/ordersService.ts';
import { PlaceOrder } from './src/services/placeOrder.ts';
import { Quarantine } from './src/services/quarantine.ts';
import { Relay, type RelaySettings, type WebhookSubscriber } from '../../common/events/relay.ts';
import { DEFAULT_RETENTION_SETTINGS, Retention } from './src/services/retention.ts';
import { TaskRunner } from './src/services/tasks.ts';
import { AfterSalesRepository } from './src/data/afterSalesRepository.ts';
import { AfterSales } from './src/services/afterSales/afterSales.ts';
import { createAfterSalesLoaders } from './src/services/afterSales/views.ts';
import { DEFAULT_HTTP_PAYMENT_SETTINGS, HttpPaymentProvider } from './src/services/payments/http.ts';
import { ManualPaymentProvider, type PaymentProvider } from './src/services/payments/provider.ts';
import { Refunds } from './src/services/payments/refunds.ts';

export interface OrdersOptions extends ServiceOptions {
  /** how often pending follow-up tasks are retried, ms */
  taskIntervalMs?: number;
  /** webhook subscribers of OrderCreated (docs/events.md); none = the relay does not run */
  webhooks?: WebhookSubscriber[];
  /** timeouts, backoff, dead-letter threshold of the relay */
  relay?: Partial<RelaySettings>;
  /** DONE idempotency keys older than this are purged (default 7 days, never less than 24 h) */
  idempotencyRetentionMs?: number;
  /** DELIVERED webhook delivery rows older than this are purged (default 30 days) */
  deliveredRetentionMs?: number;
  /** an IN_PROGRESS idempotency key older than this belongs to a dead attempt and is recovered (default 2 min) */
  attemptTimeoutMs?: number;
  /** how often retention and crash recovery run, ms (default 60 s) */
  retentionIntervalMs?: number;
  /** the payment provider's HTTP API (refunds); absent = the manual provider */
  payments?: { url: string; apiKey: string; timeoutMs?: number; maxAttempts?: number; retryBaseMs?: number };
  /** a payment provider object (tests); wins over `payments` */
  paymentProvider?: PaymentProvider;
}

export interface RunningOrders extends RunningService {
  /** the webhook relay, null without subscribers */
  relay: Relay | null;
  /** retention of keys and deliveries, recovery of abandoned attempts */
  retention: Retention;
}

/** Builds the orders subgraph: placeOrder saga, outbox, follow-up tasks, offline imports. */
export async function startOrders({
  config,
  clock = systemClock,
  log = createLogger('orders', config.logLevel),
  taskIntervalMs = 2000,
  webhooks = [],
  relay: relaySettings = {},
  idempotencyRetentionMs = DEFAULT_IDEMPOTENCY_RETENTION_MS,
  deliveredRetentionMs = DEFAULT_RETENTION_SETTINGS.deliveredRetentionMs,
  attemptTimeoutMs = DEFAULT_RETENTION_SETTINGS.attemptTimeoutMs,
  retentionIntervalMs = 60_000,
  payments,
  paymentProvider,
}: OrdersOptions): Promise<RunningOrders> {
  const subscribers = parseWebhooks(webhooks);
  const db = await openServiceDatabase(config, migrations);
  const repo = new OrdersRepository(db);
  const client = new GraphClient({ caller: 'orders', secret: config.identitySecret, timeoutMs: config.callTimeoutMs });
  const background = new GraphOrderDependencies(client, config.urls, serviceIdentity('orders'), 'background');
  const provider: PaymentProvider =
    paymentProvider ??
    (payments
      ? new HttpPaymentProvider({ ...DEFAULT_HTTP_PAYMENT_SETTINGS, ...Object.fromEntries(Object.entries(payments).filter(([, v]) => v !== undefined)), url: payments.url, apiKey: payments.apiKey })
      : new ManualPaymentProvider());
  const afterSalesRepo = new AfterSalesRepository(db);
  const tasks = new TaskRunner(repo, background, clock, log, new Refunds(afterSalesRepo, provider, clock, log));
  tasks.start(taskIntervalMs);
  const retention = new Retention(new RetentionRepository(db), clock, log, { idempotencyRetentionMs, deliveredRetentionMs, attemptTimeoutMs });
  retention.start(retentionIntervalMs, () => void tasks.sweep().catch(() => undefined));
  const deliveries = new DeliveriesRepository(db);
  const reconciliations = new ReconciliationRepository(db);
  const relay = subscribers.length ? new Relay(deliveries, subscribers, clock, log, relaySettings) : null;
  relay?.start();
  const metrics = createMetrics('orders');
  const business = orderMetrics(metrics);
  orderStateGauges(metrics, new OrdersStatsRepository(db));
  const running = await startSubgraph<OrdersContext>(
    {
      name: 'orders',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      resolvers: resolvers as any,
      secret: config.identitySecret,
      log,
      production: config.production,
      clock,
      metrics,
      context: (base) => {
        const deps = new GraphOrderDependencies(client, config.urls, base.identity, base.requestId);
        const orders = createOrderLoader(repo);
        return {
          ...base,
          orders,
          placeOrder: new PlaceOrder(
            repo,
            deps,
            base.clock,
            base.log,
            (id) => orders.clear(id).load(id),
            (id) => {
              relay?.kick();
              return tasks.runFor(id);
            },
            (order) => business.placed(order),
            retention,
          ),
          quarantine: new Quarantine(repo, base.clock, (m, skus) => deps.prices(m, skus)),
          afterSales: new AfterSales(afterSalesRepo, repo, deps, base.clock, base.log, (id) => {
            relay?.kick();
            return tasks.runFor(id);
          }),
          afterSalesLoaders: createAfterSalesLoaders(afterSalesRepo),
          deliveries,
          reconciliations,
        };
      },
      ready: databaseReady(db),
    },
    config.port,
    config.host,
  );
  return {
    ...running,
    db,
    relay,
    retention,
    stop: async () => {
      tasks.stop();
      await retention.stop();
      await relay?.stop();
      await running.stop();
      await client.close();
      await provider.close?.();
    },
  };
}
