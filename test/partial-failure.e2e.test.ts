import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../gateway/server.ts';
import { gatewayConfigSchema } from '../gateway/config.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { quietLog, TEST_SECRET } from './support/subgraph.ts';

/** One subgraph down: partial data with coded errors, never a 500 and never a hang. */
let g: TestGraph;
let cartId: string;
let total: { amount: string; currencyCode: string };

const CART = `query($id: ID!) { cart(id: $id) { id version lines { sku quantity availability { inStock } } promotion { provider status } totals { total { amount currencyCode } } warnings { code } } }`;

beforeAll(async () => {
  g = await startTestGraph();
  const created = await g.gql(`mutation { createCart(input: { market: "DE", discountCodes: ["WELCOME10"], lines: [{ sku: "SKU-1004", quantity: 1 }] }) { cart { id totals { total { amount currencyCode } } } } }`);
  cartId = created.data.createCart.cart.id;
  total = created.data.createCart.cart.totals.total;
});
afterAll(async () => {
  await g?.stop();
});

describe('promotions down', () => {
  beforeAll(async () => {
    await g.services.promotions.stop();
  });

  it('answers the cart with base data, a coded error and a persisted warning', async () => {
    const res = await g.gql(CART, { id: cartId });
    expect(res.status).toBe(200);
    expect(res.data.cart.lines[0].sku).toBe('SKU-1004');
    expect(res.data.cart.promotion).toBeNull();
    expect(res.errors?.[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(JSON.stringify(res.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(res.data.cart.warnings.map((w: any) => w.code)).toContain('PROMOTIONS_UNAVAILABLE');
  });

  it('refuses the order (retryable) instead of charging a price that ignored the code', async () => {
    const res = await g.gql(
      `mutation($id: ID!, $a: MoneyInput!) { placeOrder(cartId: $id, idempotencyKey: "pf-1", payment: { reference: "p", amount: $a }) { order { id } userErrors { code } } }`,
      { id: cartId, a: total },
    );
    expect(res.data.placeOrder).toEqual({ order: null, userErrors: [{ code: 'PROMOTIONS_UNAVAILABLE' }] });
    const stock = await g.services.inventory.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM reservations WHERE status = 'HELD'");
    expect(Number(stock?.n)).toBe(0);
  });

  it('keeps browsing and /health up; /ready names the missing subgraph', async () => {
    const res = await g.gql(`{ products(market: "DE", first: 2) { edges { node { sku price(market: "DE") { amount } } } } }`);
    expect(res.errors).toBeUndefined();
    expect((await fetch(g.url.replace('/graphql', '/health'))).status).toBe(200);
    const ready = await fetch(g.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { subgraphs: { name: string; reachable: boolean }[] };
    expect(body.subgraphs.filter((s) => !s.reachable).map((s) => s.name)).toEqual(['promotions']);
  });
});

describe('inventory down', () => {
  beforeAll(async () => {
    await g.services.inventory.stop();
  });

  it('answers products without availability, with a coded error', async () => {
    const res = await g.gql(`{ products(market: "DE", first: 2) { edges { node { sku availability(market: "DE") { inStock } } } } }`, {}, KEYS.kiosk);
    expect(res.status).toBe(200);
    expect(res.data.products.edges).toHaveLength(2);
    expect(res.data.products.edges[0].node.availability).toBeNull();
    expect(res.errors?.[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
  });
});

describe('inventory down, promotions up', () => {
  let g2: TestGraph;
  afterAll(async () => {
    await g2?.stop();
  });

  it('refuses orders with a retryable coded error and writes no order', async () => {
    g2 = await startTestGraph();
    const created = await g2.gql(`mutation { createCart(input: { market: "DE", lines: [{ sku: "SKU-1004", quantity: 1 }] }) { cart { id totals { total { amount currencyCode } } } } }`);
    const cart = created.data.createCart.cart;
    await g2.services.inventory.stop();
    const res = await g2.gql(
      `mutation($id: ID!, $a: MoneyInput!) { placeOrder(cartId: $id, idempotencyKey: "pf-2", payment: { reference: "p", amount: $a }) { order { id } userErrors { code message } } }`,
      { id: cart.id, a: cart.totals.total },
    );
    expect(res.status).toBe(200);
    expect(res.data.placeOrder.order).toBeNull();
    expect(res.data.placeOrder.userErrors[0].code).toBe('SERVICE_UNAVAILABLE');
    expect(res.data.placeOrder.userErrors[0].message).toMatch(/Retry/);
    const orders = await g2.services.orders.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM orders');
    expect(Number(orders?.n)).toBe(0);
  });
});

describe('a subgraph that hangs', () => {
  let g3: TestGraph;
  let hanging: Server;
  const held: ServerResponse[] = [];
  afterAll(async () => {
    for (const res of held) res.destroy();
    hanging?.close();
    await g3?.stop();
  });

  it('is given up at its timeout: partial data with a coded error, never a 500', async () => {
    // accepts connections and requests, never answers
    hanging = createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql`;
    g3 = await startTestGraph();
    // a second gateway over the same subgraphs, except inventory: the hanging server
    const urls = Object.fromEntries(Object.entries(g3.services).map(([n, s]) => [n, s.url]));
    const gw = await startGateway(gatewayConfigSchema.parse({
      port: 0, host: '127.0.0.1', supergraphFile: 'schema/supergraph.graphql', subgraphUrls: { ...urls, inventory: url },
      subgraphTimeouts: { inventory: 400 }, subgraphTimeoutMs: 5000, maxSocketsPerSubgraph: 8, identitySecret: TEST_SECRET,
      demoKeys: true, production: true, maxBodyBytes: 1_000_000, logLevel: 'silent',
    }), { log: quietLog });
    try {
      const res = await fetch(gw.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.kiosk}` },
        body: JSON.stringify({ query: `{ products(market: "DE", first: 2) { edges { node { sku availability(market: "DE") { inStock } } } } }` }),
      });
      const body = (await res.json()) as any;
      expect(res.status).toBe(200);
      expect(body.data.products.edges).toHaveLength(2);
      expect(body.data.products.edges[0].node.availability).toBeNull();
      expect(body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|abort/i);
      // the inventory server received the call and never answered it: the answer came from the 400 ms timeout
      expect(held.length).toBeGreaterThan(0);
      expect(held.filter((r) => r.writableEnded)).toHaveLength(0);
    } finally {
      await gw.stop();
    }
  });
});
