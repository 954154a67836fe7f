import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from './support/graph.ts';

/** /metrics: technical figures at the gateway, business figures at the services (Prometheus text). */
let g: TestGraph;
const metricsOf = async (url: string) => (await fetch(url.replace('/graphql', '/metrics'))).text();

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

describe('metrics', () => {
  it('counts operations per client, subgraph calls, rejections by reason, and orders with revenue', async () => {
    const created = await g.gql(
      'mutation Buy { createCart(input: { market: "DE", lines: [{ sku: "SKU-1003", quantity: 2 }] }) { cart { id totals { total { amount currencyCode } } } } }',
      {},
      undefined,
      { 'apollographql-client-name': 'storefront-web' },
    );
    const cart = created.data.createCart.cart;
    const placed = await g.gql(
      'mutation Pay($id: ID!, $a: MoneyInput!) { placeOrder(cartId: $id, idempotencyKey: "m-1", payment: { reference: "p", amount: $a }) { order { id } userErrors { code } } }',
      { id: cart.id, a: cart.totals.total },
    );
    expect(placed.data.placeOrder.userErrors).toEqual([]);
    await g.gql(`{ ${Array.from({ length: 60 }, (_, i) => `a${i}: markets { code }`).join(' ')} }`);

    const gateway = await metricsOf(g.url);
    expect(gateway).toMatch(/gateway_operation_seconds_count\{[^}]*operation="Buy"[^}]*client="storefront-web"[^}]*\} 1/);
    expect(gateway).toMatch(/gateway_subgraph_request_seconds_count\{[^}]*subgraph="orders"[^}]*outcome="ok"[^}]*\} [1-9]/);
    expect(gateway).toMatch(/gateway_errors_total\{[^}]*code="TOO_MANY_ALIASES"[^}]*\} 1/);

    const orders = await metricsOf(g.services.orders.url);
    expect(orders).toMatch(/orders_placed_total\{[^}]*market="DE",channel="web"[^}]*\} 1/);
    const total = Math.round(Number(cart.totals.total.amount) * 100);
    expect(orders).toMatch(new RegExp(`orders_revenue_minor_total\\{[^}]*currency="EUR"[^}]*\\} ${total}`));
    expect(await metricsOf(g.services.catalog.url)).toMatch(/process_cpu_seconds_total/);
  });
});
