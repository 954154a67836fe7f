import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServiceDatabase, type RunningService } from '../common/service.ts';
import type { Db } from '../common/storage/index.ts';
import { gatewayConfigSchema } from '../gateway/config.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { startCart } from '../subgraphs/cart/server.ts';
import { startCatalog } from '../subgraphs/catalog/server.ts';
import { startInventory } from '../subgraphs/inventory/server.ts';
import { migrations } from '../subgraphs/orders/src/data/migrations.ts';
import { startPromotions } from '../subgraphs/promotions/server.ts';
import { PaymentSimulator } from './fixtures/payment-simulator.ts';
import { FULFIL, minor, ORDER, PLACE, RETURN } from './support/afterSales.ts';
import { KEYS } from './support/graph.ts';
import { freePort, ServiceProcess } from './support/processes.ts';
import { TEST_PROVIDER_TIMEOUT_MS } from './support/promotions.ts';
import { quietLog, TEST_SECRET, testConfig } from './support/subgraph.ts';
import { waitFor } from './support/wait.ts';

/**
 * A crash between the refund and the restock of a return: the orders service runs as a real child
 * process and is SIGKILLed the moment the payment provider has paid the refund, before it hears the
 * answer and before the units go back on hand. Started again on the same database (SQLite file, or
 * PostgreSQL with TEST_DATABASE_URL), its follow-up tasks finish the return: the refund is asked
 * again under the same idempotency key (paid once), the units are restocked once, and the client's
 * retry with the same key gets the recorded return.
 */
let orders: ServiceProcess;
let ordersEnv: Record<string, string>;
let gateway: RunningGateway;
let psp: PaymentSimulator;
let ordersDb: Db;
let inventory: RunningService;
const inProcess: RunningService[] = [];

async function gql(query: string, variables: Record<string, unknown>, key: string): Promise<{ data?: any; errors?: any[] }> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

beforeAll(async () => {
  psp = new PaymentSimulator();
  await psp.start();
  const ordPort = await freePort();
  const urls: Record<string, string> = { orders: `http://127.0.0.1:${ordPort}/graphql` };
  const starters = {
    catalog: (config: ReturnType<typeof testConfig>) => startCatalog({ config, log: quietLog }),
    inventory: (config: ReturnType<typeof testConfig>) => startInventory({ config, log: quietLog }),
    promotions: (config: ReturnType<typeof testConfig>) => startPromotions({ config, log: quietLog, providerTimeoutMs: TEST_PROVIDER_TIMEOUT_MS }),
    cart: (config: ReturnType<typeof testConfig>) => startCart({ config, log: quietLog }),
  };
  for (const name of ['catalog', 'inventory', 'promotions', 'cart'] as const) {
    const svc = await starters[name](testConfig(name, { urls }));
    inProcess.push(svc);
    urls[name] = svc.url;
  }
  inventory = inProcess[1];
  const ordersConfig = testConfig('orders', { urls });
  ordersEnv = {
    DATA_DIR: ordersConfig.dataDir,
    ...(ordersConfig.databaseUrl ? { ORDERS_DATABASE_URL: ordersConfig.databaseUrl, ORDERS_DATABASE_SCHEMA: ordersConfig.databaseSchema! } : {}),
    IDENTITY_SECRET: TEST_SECRET,
    LOG_LEVEL: 'warn',
    APOLLO_TELEMETRY_DISABLED: 'true',
    ORDER_TASK_INTERVAL_MS: '200',
    SERVICE_CALL_TIMEOUT_MS: '60000',
    PAYMENT_PROVIDER_URL: psp.server.url,
    PAYMENT_PROVIDER_KEY: 'test-psp-key',
    ...Object.fromEntries(Object.entries(urls).map(([n, u]) => [`SERVICE_URL_${n.toUpperCase()}`, u])),
  };
  // before the crash only the request itself runs the follow-up tasks (refund first, then restock):
  // no background sweep may restock while the refund is on its way
  orders = new ServiceProcess('orders', ordPort, { ...ordersEnv, ORDER_TASK_INTERVAL_MS: '600000', ORDER_RETENTION_INTERVAL_MS: '600000' });
  await orders.start();
  ordersDb = await openServiceDatabase(ordersConfig, migrations);
  gateway = await startGateway(
    gatewayConfigSchema.parse({
      port: 0, host: '127.0.0.1', supergraphFile: 'schema/supergraph.graphql', subgraphUrls: urls, subgraphTimeouts: {}, subgraphTimeoutMs: 60_000,
      maxSocketsPerSubgraph: 32, identitySecret: TEST_SECRET, demoKeys: true, production: false, maxBodyBytes: 1_000_000, logLevel: 'silent',
    }),
    { log: quietLog },
  );
}, 300_000);

afterAll(async () => {
  await gateway?.stop();
  await orders?.stop();
  await ordersDb?.close();
  for (const s of inProcess.reverse()) {
    await s.stop();
    await s.db.close();
  }
  await psp?.stop();
});

const onHand = async (sku: string, location: string) =>
  Number((await inventory.db.get<{ on_hand: number }>('SELECT on_hand FROM stock WHERE sku = ? AND location = ?', [sku, location]))?.on_hand ?? 0);

describe('SIGKILL between the refund and the restock of a return', () => {
  it('the restarted service finishes the return: refunded once, restocked once, the same answer to the retry', async () => {
    const created = await gql('mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id totals { total { amount currencyCode } } } } }', { i: { market: 'DE', discountCodes: ['WELCOME10'], lines: [{ sku: 'SKU-1041', quantity: 3 }] } }, KEYS.web);
    const cart = created.data.createCart.cart;
    const placed = await gql(PLACE, { c: cart.id, k: 'crash-order', p: { reference: 'psp-crash-1', amount: cart.totals.total } }, KEYS.web);
    const order = placed.data.placeOrder.order;
    expect(order, JSON.stringify(placed)).toBeTruthy();
    const line = order.lines[0];
    const shipped = await gql(FULFIL, { o: order.id, l: [{ lineId: line.id, quantity: 3 }], loc: 'wh-eu', k: 'ship' }, KEYS.operations);
    expect(shipped.data.fulfilOrderLines.userErrors).toEqual([]);
    const before = await onHand('SKU-1041', 'wh-eu');

    // the provider pays, then the orders process dies before it hears the answer (and before restocking)
    let killed = 0;
    psp.afterRefund = async ({ orderId }) => {
      if (orderId !== order.id || killed++) return;
      await orders.kill();
    };
    const vars = { o: order.id, l: [{ lineId: line.id, quantity: 2, reason: 'UNWANTED' }], loc: 'wh-eu', k: 'crash-return' };
    const during: { data?: any; errors?: any[] } = await gql(RETURN, vars, KEYS.operations).catch((e: Error) => ({ errors: [{ message: e.message }] }));
    expect(killed).toBe(1);
    expect(during.data?.returnOrderLines?.order ?? null).toBeNull();
    expect(psp.refunds.filter((r) => r.orderId === order.id)).toHaveLength(1);
    expect(await onHand('SKU-1041', 'wh-eu')).toBe(before);

    // started again on the same database and port, its task sweeper running
    orders = new ServiceProcess('orders', orders.port, ordersEnv);
    await orders.start();
    // the client retries with the same key until it gets an answer: the recorded return
    const retried = await waitFor(async () => {
      const r = await gql(RETURN, vars, KEYS.operations);
      return r.data?.returnOrderLines?.action ? r.data.returnOrderLines : null;
    }, { what: 'an answer to the retried return' });
    expect(retried.userErrors).toEqual([]);
    const view = await waitFor(async () => {
      const o = (await gql(ORDER, { id: order.id }, KEYS.web)).data?.order;
      return o?.refunds?.[0]?.status === 'SUCCEEDED' ? o : null;
    }, { what: 'the refund settled by the restarted service' });
    await waitFor(async () => (await onHand('SKU-1041', 'wh-eu')) === before + 2, { what: 'the units restocked by the restarted service' });
    await waitFor(async () => Number((await ordersDb.get<{ n: number }>("SELECT COUNT(*) AS n FROM saga_tasks WHERE status <> 'DONE'"))!.n) === 0, { what: 'every follow-up task done' });

    expect(view.status).toBe('PARTIALLY_RETURNED');
    expect(view.lines[0].returnedQuantity).toBe(2);
    expect(view.refunds).toHaveLength(1);
    const paidOut = psp.refunds.filter((r) => r.orderId === order.id);
    expect(paidOut).toHaveLength(1);
    expect(minor(paidOut[0].amount)).toBe(minor(view.refunds[0].amount.amount));
    // the provider saw the same idempotency key twice and paid once
    expect(psp.server.requests.filter((r) => r.headers['idempotency-key'] === paidOut[0].key).length).toBeGreaterThanOrEqual(2);
    expect(await onHand('SKU-1041', 'wh-eu')).toBe(before + 2);
    const events = await ordersDb.all<{ type: string }>('SELECT type FROM outbox WHERE aggregate_id = ?', [order.id]);
    expect(events.filter((e) => e.type === 'OrderReturned')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'RefundIssued')).toHaveLength(1);
  });
});
