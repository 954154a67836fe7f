import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/** /metrics: technical figures at the gateway, business figures at the services (Prometheus text). */
let g: TestGraph;
const metricsOf = async (url: string) => (await fetch(url.replace('/graphql', '/metrics'))).text();

const broken = { name: 'broken', evaluate: async () => { throw new Error('engine down'); }, redeem: async () => ({ ok: true, userErrors: [] }), release: async () => {} };

beforeAll(async () => {
  g = await startTestGraph({ promotionsOptions: { providers: [broken] } });
});

/** The value of one Prometheus sample whose labels include all of `labels` (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
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
    // the client label is the key's channel: a name the caller chooses cannot use up the label budget
    expect(gateway).toMatch(/gateway_operation_seconds_count\{[^}]*operation="Buy"[^}]*client="web"[^}]*\} 1/);
    expect(gateway).not.toMatch(/client="storefront-web"/);
    expect(gateway).toMatch(/gateway_subgraph_request_seconds_count\{[^}]*subgraph="orders"[^}]*outcome="ok"[^}]*\} [1-9]/);
    expect(gateway).toMatch(/gateway_errors_total\{[^}]*code="TOO_MANY_ALIASES"[^}]*\} 1/);

    const orders = await metricsOf(g.services.orders.url);
    expect(orders).toMatch(/orders_placed_total\{[^}]*market="DE",channel="web"[^}]*\} 1/);
    const total = Math.round(Number(cart.totals.total.amount) * 100);
    expect(orders).toMatch(new RegExp(`orders_revenue_minor_total\\{[^}]*currency="EUR"[^}]*\\} ${total}`));
    expect(await metricsOf(g.services.catalog.url)).toMatch(/process_cpu_seconds_total/);
  });

  it('has the business figures: carts evaluated, provider latency and errors, shadow mismatches, low stock, quarantine, dead letters', async () => {
    const promotionsUrl = g.services.promotions.url;
    const before = await metricsOf(promotionsUrl);
    const cart = async (market: string) => (await g.gql(`mutation { createCart(input: { market: "${market}", lines: [{ sku: "SKU-1004", quantity: 1 }] }) { cart { id totals { total { amount } } } } }`)).data.createCart.cart;
    await cart('DE');
    const route = (input: Record<string, unknown>) => g.gql(`mutation($i: PromotionRoutingInput!) { setPromotionRouting(input: $i) { userErrors { code } } }`, { i: input }, KEYS.marketing);
    expect((await route({ market: 'GB', provider: 'native', shadowProvider: 'legacy' })).data.setPromotionRouting.userErrors).toEqual([]);
    await cart('GB');
    expect((await route({ market: 'JP', provider: 'broken' })).data.setPromotionRouting.userErrors).toEqual([]);
    await cart('JP');

    let after = '';
    await eventually(async () => {
      after = await metricsOf(promotionsUrl);
      return sample(after, 'promotions_shadow_comparisons_total', { market: 'GB', shadow: 'legacy' }) >= 1;
    });
    const evaluatedDE = (t: string) => sample(t, 'promotions_carts_evaluated_total', { market: 'DE', provider: 'native', outcome: 'ok' });
    expect(evaluatedDE(after)).toBeGreaterThan(evaluatedDE(before));
    expect(sample(after, 'promotions_carts_evaluated_total', { market: 'JP', provider: 'broken', outcome: 'unavailable' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'promotions_provider_errors_total', { provider: 'broken', call: 'evaluate', kind: 'error' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'promotions_provider_duration_seconds_count', { provider: 'native', call: 'evaluate' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/promotions_shadow_mismatches_total/);

    const inventory = g.services.inventory.url;
    const lowBefore = sample(await metricsOf(inventory), 'inventory_low_stock_skus', { location: 'wh-eu' });
    const stock = await g.gql(`{ product(sku: "SKU-1020") { stockLevel(location: "wh-eu") { onHand reserved } } }`, {}, KEYS.operations);
    const level = stock.data.product.stockLevel;
    expect(level.onHand - level.reserved).toBeGreaterThan(3);
    const adjusted = await g.gql(
      `mutation($d: Int!) { adjustStock(input: { sku: "SKU-1020", location: "wh-eu", delta: $d, reason: DAMAGE }) { userErrors { code } } }`,
      { d: -(level.onHand - level.reserved) }, KEYS.operations,
    );
    expect(adjusted.errors).toBeUndefined();
    expect(sample(await metricsOf(inventory), 'inventory_low_stock_skus', { location: 'wh-eu' })).toBe(lowBefore + 1);

    const orders = g.services.orders.url;
    const held = (t: string) => sample(t, 'orders_quarantined', { status: 'HELD' });
    const heldBefore = held(await metricsOf(orders));
    const imported = await g.gql(
      `mutation($o: [OfflineOrderInput!]!) { importOrders(orders: $o) { results { status } } }`,
      { o: [{ externalId: 'metrics-1', market: 'DE', location: 'store-berlin-1', occurredAt: '2026-11-01T09:00:00Z', lines: [{ sku: 'SKU-9999', quantity: 1, unitPrice: { amount: '1.00', currencyCode: 'EUR' } }] }] },
      KEYS.pos,
    );
    expect(imported.data.importOrders.results[0].status).toBe('QUARANTINED');
    const ordersText = await metricsOf(orders);
    expect(held(ordersText)).toBe(heldBefore + 1);
    expect(ordersText).toMatch(/^orders_dead_letters(\{[^}]*\})? 0$/m);
  });
});
