import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { waitFor } from './support/wait.ts';

/**
 * A subgraph stops while the graph is under load: no 5xx, no hang (every request is answered: a hung
 * one would keep its worker, and so the test, from finishing before its deadline), carts keep
 * answering with a coded error where stock is missing, and orders are refused with a retryable error
 * while inventory is down.
 */
let g: TestGraph;
// a stopped service refuses connections at once: no timeout is needed to see it down, and a healthy
// service on a loaded machine must never be taken for a down one
const SUBGRAPH_TIMEOUT_MS = 20_000;
const WORKERS = 12;

interface Sample {
  op: 'cart' | 'products' | 'order';
  phase: 'up' | 'down';
  status: number;
  body: any;
}

const CART = `query($id: ID!) { cart(id: $id) { id lines { sku availability { inStock } } promotion { status } totals { total { amount } } } }`;
const PRODUCTS = `{ products(market: "DE", first: 5) { edges { node { sku price(market: "DE") { amount } availability(market: "DE") { inStock } } } } }`;
const ORDER = `mutation($id: ID!, $k: String!, $a: MoneyInput!) { placeOrder(cartId: $id, idempotencyKey: $k, payment: { reference: "load", amount: $a }) { order { id } userErrors { code message } } }`;

beforeAll(async () => {
  g = await startTestGraph({ gatewayOverrides: { subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS } });
});
afterAll(async () => {
  await g?.stop();
});

async function newCart(i: number) {
  const sku = `SKU-10${String(10 + (i % 40)).padStart(2, '0')}`;
  const res = await g.gql(`mutation($sku: ID!) { createCart(input: { market: "DE", lines: [{ sku: $sku, quantity: 1 }] }) { cart { id totals { total { amount currencyCode } } } userErrors { code } } }`, { sku });
  const cart = res.data?.createCart.cart as { id: string; totals: { total: { amount: string; currencyCode: string } } } | undefined;
  if (!cart) throw new Error(`createCart failed: ${JSON.stringify(res.errors ?? res.data)}`);
  return cart;
}

describe('inventory stops under load', () => {
  it('keeps answering: no 5xx, no hang, coded errors, orders refused while it is down', async () => {
    const carts = [];
    for (let i = 0; i < 60; i += 10) carts.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => newCart(i + j)))));
    const readable = carts.slice(0, 10).map((c) => c.id);
    const toOrder = carts.slice(10);
    let phase: Sample['phase'] = 'up';
    let running = true;
    const samples: Sample[] = [];
    let n = 0;

    const once = async () => {
      const i = n++;
      const startedIn = phase;
      let op: Sample['op'] = i % 5 === 0 && toOrder.length ? 'order' : i % 5 === 1 ? 'products' : 'cart';
      let res;
      if (op === 'order') {
        const cart = toOrder.pop()!;
        res = await g.gql(ORDER, { id: cart.id, k: `load-${cart.id}`, a: cart.totals.total });
      } else if (op === 'products') {
        res = await g.gql(PRODUCTS, {}, KEYS.kiosk);
      } else {
        op = 'cart';
        res = await g.gql(CART, { id: readable[i % readable.length] });
      }
      // a request that straddles the stop is counted in neither phase's expectations of content
      if (startedIn === phase) samples.push({ op, phase, status: res.status, body: res });
      else samples.push({ op, phase: 'up', status: res.status, body: null });
    };
    const worker = async () => {
      while (running) await once();
    };
    const workers = Array.from({ length: WORKERS }, worker);

    const until = (check: () => boolean, what: string) => waitFor(check, { timeoutMs: 45_000, what });
    try {
      await until(() => samples.filter((s) => s.op === 'order').length >= 5 && samples.length >= 40, 'samples while inventory is up');
      await g.services.inventory.stop();
      phase = 'down';
      await until(() => samples.filter((s) => s.phase === 'down' && s.op === 'order').length >= 5 && samples.filter((s) => s.phase === 'down').length >= 60, 'samples while inventory is down');
    } finally {
      running = false;
    }
    // every request came back (this would wait forever for a hung one)
    await Promise.all(workers);

    // never a 5xx
    expect(samples.filter((s) => s.status >= 500)).toEqual([]);

    const up = samples.filter((s) => s.phase === 'up' && s.body);
    const down = samples.filter((s) => s.phase === 'down' && s.body);
    expect(up.filter((s) => s.op === 'order' && s.body.data.placeOrder.order).length).toBeGreaterThan(0);

    // while down: carts still answer with their lines, availability is a coded error
    const downCarts = down.filter((s) => s.op === 'cart');
    expect(downCarts.length).toBeGreaterThan(0);
    for (const s of downCarts) {
      expect(s.body.data.cart.lines.length).toBe(1);
      expect(s.body.data.cart.totals).not.toBeNull();
      expect(s.body.data.cart.lines[0].availability).toBeNull();
      expect(s.body.errors.map((e: any) => e.extensions.code)).toContain('SUBGRAPH_UNAVAILABLE');
    }
    // orders are refused with a retryable coded error, and none is written
    const downOrders = down.filter((s) => s.op === 'order');
    expect(downOrders.length).toBeGreaterThanOrEqual(5);
    for (const s of downOrders) {
      expect(s.body.data.placeOrder.order).toBeNull();
      expect(s.body.data.placeOrder.userErrors[0].code).toBe('SERVICE_UNAVAILABLE');
    }
    const written = await g.services.orders.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM orders');
    const accepted = samples.filter((s) => s.op === 'order' && s.body?.data?.placeOrder.order).length;
    const straddled = samples.filter((s) => s.op === 'order' && !s.body).length;
    expect(Number(written?.n)).toBeGreaterThanOrEqual(accepted);
    expect(Number(written?.n)).toBeLessThanOrEqual(accepted + straddled);

    // health stays up; readiness names inventory
    expect((await fetch(g.url.replace('/graphql', '/health'))).status).toBe(200);
    const ready = (await (await fetch(g.url.replace('/graphql', '/ready'))).json()) as { subgraphs: { name: string; reachable: boolean }[] };
    expect(ready.subgraphs.filter((s) => !s.reachable).map((s) => s.name)).toEqual(['inventory']);
  });
});
