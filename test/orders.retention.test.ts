import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.ts';
import { loadOrdersSettings } from '../subgraphs/orders/config.ts';
import { AttemptAbandonedError, OrdersRepository } from '../subgraphs/orders/src/data/ordersRepository.ts';
import { RetentionRepository } from '../subgraphs/orders/src/data/retentionRepository.ts';
import { requestHash } from '../subgraphs/orders/src/services/placeOrder.ts';
import { Retention } from '../subgraphs/orders/src/services/retention.ts';
import { startOrders, type RunningOrders } from '../subgraphs/orders/server.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { callSubgraph, quietLog, testConfig } from './support/subgraph.ts';

const HOUR = 3600_000;
const NOW = new Date('2026-11-10T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('retention sweep (orders database)', () => {
  let svc: RunningOrders;
  const clock = new ManualClock(NOW);
  beforeAll(async () => {
    svc = await startOrders({ config: testConfig('orders'), log: quietLog, clock, taskIntervalMs: 3_600_000, retentionIntervalMs: 3_600_000 });
    await svc.retention.sweep();
  });
  afterAll(async () => {
    await svc?.stop();
    await svc?.db.close();
  });

  it('deletes delivered webhook rows older than their retention; dead, pending and recent ones and the outbox stay', async () => {
    const rows: [string, 'DELIVERED' | 'DEAD' | 'PENDING', number][] = [
      ['delivered-3d', 'DELIVERED', 72 * HOUR],
      ['delivered-1d', 'DELIVERED', 24 * HOUR],
      ['dead-3d', 'DEAD', 72 * HOUR],
      ['pending-3d', 'PENDING', 72 * HOUR],
    ];
    for (const [id, status, age] of rows) {
      await svc.db.run("INSERT INTO outbox (id, aggregate_id, type, schema_version, payload, occurred_at, published_at) VALUES (?, ?, 'OrderCreated', 1, '{}', ?, ?)", [
        `ev-${id}`, `order-${id}`, ago(age), ago(age),
      ]);
      await svc.db.run(
        `INSERT INTO webhook_deliveries (id, event_id, subscriber, aggregate_id, event_type, occurred_at, status, attempts, failures, next_attempt_at, created_at, delivered_at, dead_at)
         VALUES (?, ?, 'http://127.0.0.1:9/hook', ?, 'OrderCreated', ?, ?, 1, 0, ?, ?, ?, ?)`,
        [id, `ev-${id}`, `order-${id}`, ago(age), status, ago(age), ago(age), status === 'DELIVERED' ? ago(age) : null, status === 'DEAD' ? ago(age) : null],
      );
    }
    const retention = new Retention(new RetentionRepository(svc.db), clock, quietLog, { deliveredRetentionMs: 48 * HOUR });
    expect(await retention.sweep()).toEqual({ purgedKeys: 0, recoveredAttempts: 0, purgedDeliveries: 1 });
    expect((await svc.db.all<{ id: string }>('SELECT id FROM webhook_deliveries ORDER BY id')).map((r) => r.id)).toEqual(['dead-3d', 'delivered-1d', 'pending-3d']);
    expect(Number((await svc.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox'))!.n)).toBe(4);
  });

  it('recovers IN_PROGRESS keys older than the attempt timeout (compensations recorded), keeps younger ones', async () => {
    for (const [key, age] of [['dead-attempt', 10 * 60_000], ['running-attempt', 30_000]] as const) {
      await svc.db.run("INSERT INTO idempotency_keys (scope, key, request_hash, status, order_id, created_at) VALUES ('k-web', ?, 'h', 'IN_PROGRESS', ?, ?)", [key, `o-${key}`, ago(age)]);
    }
    const retention = new Retention(new RetentionRepository(svc.db), clock, quietLog, { attemptTimeoutMs: 120_000 });
    expect(await retention.sweep()).toMatchObject({ recoveredAttempts: 1 });
    expect(await svc.db.all('SELECT key FROM idempotency_keys')).toEqual([{ key: 'running-attempt' }]);
    const tasks = await svc.db.all<{ order_id: string; kind: string; payload: string; status: string }>('SELECT order_id, kind, payload, status FROM saga_tasks ORDER BY kind');
    expect(tasks).toEqual([
      { order_id: 'o-dead-attempt', kind: 'RELEASE_REDEMPTIONS', payload: JSON.stringify({ orderId: 'o-dead-attempt' }), status: 'PENDING' },
      { order_id: 'o-dead-attempt', kind: 'RELEASE_RESERVATION', payload: JSON.stringify({ reservationId: 'o-dead-attempt' }), status: 'PENDING' },
    ]);
    // a second sweep (or a second replica) recovers nothing twice
    expect(await retention.sweep()).toMatchObject({ recoveredAttempts: 0 });
    expect(await svc.db.all('SELECT id FROM saga_tasks')).toHaveLength(2);
  });

  it('a recovered attempt can no longer write its order', async () => {
    const repo = new OrdersRepository(svc.db);
    const orderId = randomUUID();
    await repo.claimKey({ scope: 'k-web', key: 'slow-attempt', request_hash: 'h', status: 'IN_PROGRESS', order_id: orderId, created_at: ago(10 * 60_000) });
    await new Retention(new RetentionRepository(svc.db), clock, quietLog).sweep();
    const order = {
      id: orderId, status: 'PLACED' as const, market: 'DE', channel: 'web', currencyCode: 'EUR', cartId: `cart-${orderId}`, createdAt: NOW.toISOString(), lines: [], promotion: {},
      subtotalMinor: 100, discountMinor: 0, totalMinor: 100, shippingAddress: null, paymentReference: 'psp-x', paymentAmountMinor: 100, source: 'CART' as const, externalId: null,
    };
    const event = { id: randomUUID(), type: 'OrderCreated', schemaVersion: 1, payload: () => ({}) };
    await expect(repo.insertOrder(order, event, [], { scope: 'k-web', key: 'slow-attempt' })).rejects.toBeInstanceOf(AttemptAbandonedError);
    expect(await repo.findMany([orderId])).toEqual(new Map());
    expect(await repo.outboxFor(orderId)).toEqual([]);
  });

  it('settings: ORDER_WEBHOOK_DELIVERED_RETENTION_HOURS, ORDER_ATTEMPT_TIMEOUT_MS, ORDER_RETENTION_INTERVAL_MS, ORDER_TASK_INTERVAL_MS', () => {
    const s = loadOrdersSettings({ ORDER_WEBHOOK_DELIVERED_RETENTION_HOURS: '48', ORDER_ATTEMPT_TIMEOUT_MS: '5000', ORDER_RETENTION_INTERVAL_MS: '1000', ORDER_TASK_INTERVAL_MS: '100' });
    expect(s).toMatchObject({ deliveredRetentionMs: 48 * HOUR, attemptTimeoutMs: 5000, retentionIntervalMs: 1000, taskIntervalMs: 100 });
    expect(loadOrdersSettings({})).not.toHaveProperty('attemptTimeoutMs');
    expect(() => loadOrdersSettings({ ORDER_ATTEMPT_TIMEOUT_MS: '10' })).toThrow(/at least 1000/);
    expect(() => loadOrdersSettings({ ORDER_WEBHOOK_DELIVERED_RETENTION_HOURS: '0' })).toThrow(/ORDER|deliveredRetentionHours/);
    // the idempotency retention is clamped to 24 h in code too
    expect(new Retention(new RetentionRepository(svc.db), clock, quietLog, { idempotencyRetentionMs: HOUR }).settings.idempotencyRetentionMs).toBe(24 * HOUR);
  });
});

describe('a client retrying the key of an attempt that died with its process', () => {
  let g: TestGraph;
  beforeAll(async () => {
    g = await startTestGraph();
  });
  afterAll(async () => {
    await g?.stop();
  });

  const CREATE = 'mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id totals { total { amount currencyCode } } } userErrors { code } } }';
  const PLACE = `mutation($c: ID!, $k: String!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: $k, payment: $p) {
    order { id status lines { sku quantity } } userErrors { code message } } }`;

  it('gets one order; the dead attempt\'s reservation is released', async () => {
    const cart = (await g.gql(CREATE, { i: { market: 'DE', lines: [{ sku: 'SKU-1011', quantity: 2 }] } }, KEYS.web)).data.createCart.cart;
    const payment = { reference: 'psp-crash-1', amount: cart.totals.total };
    // learn the key's scope (the caller's key id) from a first, ordinary order
    const first = (await g.gql(CREATE, { i: { market: 'DE', lines: [{ sku: 'SKU-1012', quantity: 1 }] } }, KEYS.web)).data.createCart.cart;
    const firstOrder = await g.gql(PLACE, { c: first.id, k: 'first-key', p: { reference: 'psp-first', amount: first.totals.total } }, KEYS.web);
    expect(firstOrder.data.placeOrder.userErrors).toEqual([]);
    const learned = (await g.services.orders.db.get<{ scope: string }>("SELECT scope FROM idempotency_keys WHERE key = 'first-key'"))!.scope;
    // a guest's keys are scoped per cart: the crashed attempt's scope is this cart's
    const scope = learned.replace(`cart:${first.id}`, `cart:${cart.id}`);

    // the state a SIGKILL after "reserve stock" leaves: the key IN_PROGRESS, the stock held under the attempt's id
    const deadId = randomUUID();
    const claimedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    await g.services.orders.db.run("INSERT INTO idempotency_keys (scope, key, request_hash, status, order_id, created_at) VALUES (?, 'crash-key', ?, 'IN_PROGRESS', ?, ?)", [
      scope, requestHash({ cartId: cart.id, idempotencyKey: 'crash-key', payment }), deadId, claimedAt,
    ]);
    const held = await callSubgraph(g.services.inventory.url, 'mutation($id: ID!) { reserveStock(reservationId: $id, market: "DE", lines: [{ lineId: "l1", sku: "SKU-1011", quantity: 2 }]) { userErrors { code } } }', { id: deadId });
    expect(held.data.reserveStock.userErrors).toEqual([]);

    const answers = await Promise.all([1, 2, 3].map(() => g.gql(PLACE, { c: cart.id, k: 'crash-key', p: payment }, KEYS.web)));
    for (const a of answers) expect(a.data.placeOrder.userErrors).toEqual([]);
    const ids = new Set(answers.map((a) => a.data.placeOrder.order.id));
    expect(ids.size).toBe(1);
    expect(ids.has(deadId)).toBe(false);
    expect(await g.services.orders.db.all('SELECT id FROM orders WHERE cart_id = ?', [cart.id])).toHaveLength(1);

    const status = async (id: string) =>
      (await callSubgraph(g.services.inventory.url, 'query($id: ID!) { reservation(id: $id) { status } }', { id })).data.reservation?.status;
    expect(await waitFor(() => status(deadId), (s) => s === 'RELEASED')).toBe('RELEASED');
    expect(await waitFor(() => status([...ids][0]), (s) => s === 'COMMITTED')).toBe('COMMITTED');
    const tasks = await waitFor(
      () => g.services.orders.db.all<{ kind: string; status: string }>('SELECT kind, status FROM saga_tasks WHERE order_id = ? ORDER BY kind', [deadId]),
      (t) => t.every((x) => x.status === 'DONE'),
    );
    expect(tasks).toEqual([{ kind: 'RELEASE_REDEMPTIONS', status: 'DONE' }, { kind: 'RELEASE_RESERVATION', status: 'DONE' }]);
  });
});
