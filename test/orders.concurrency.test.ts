import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/** Stress through the real gateway and five subgraphs: no oversell, one order and one event per success, idempotent retries. */
let g: TestGraph;

const CREATE = `mutation C($input: CreateCartInput!) { createCart(input: $input) {
  cart { id channel lines { id sku quantity } totals { total { amount currencyCode } } } userErrors { code message } } }`;
const PLACE = `mutation P($cartId: ID!, $idempotencyKey: String!, $payment: PaymentInput!) {
  placeOrder(cartId: $cartId, idempotencyKey: $idempotencyKey, payment: $payment) {
    order { id number status lines { sku quantity } } userErrors { code field message } } }`;

const NORMAL = 'SKU-1010';
const SKUS = ['SKU-1058', 'SKU-1059', NORMAL];
const attr = (text: string) => [{ type: 'engraving/v1', data: { text } }];

interface Prepared {
  cartId: string;
  key: string;
  total: { amount: string; currencyCode: string };
}

async function limited<T, R>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

async function createCart(key: string, lines: { sku: string; quantity: number; attributes?: unknown[] }[]): Promise<Prepared> {
  const res = await g.gql(CREATE, { input: { market: 'DE', lines } }, key);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data.createCart.userErrors).toEqual([]);
  const cart = res.data.createCart.cart;
  expect(cart.lines).toHaveLength(lines.length);
  return { cartId: cart.id, key, total: cart.totals.total };
}

/** Stock of the locations serving DE, per SKU. */
async function stockDE(): Promise<Map<string, { onHand: number; reserved: number }>> {
  const rows = await g.services.inventory.db.all<{ sku: string; on_hand: number; reserved: number; markets: string }>(
    `SELECT s.sku, s.on_hand, s.reserved, l.markets FROM stock s JOIN locations l ON l.id = s.location WHERE s.sku IN (${SKUS.map(() => '?').join(',')})`,
    SKUS,
  );
  const m = new Map<string, { onHand: number; reserved: number }>();
  for (const r of rows) {
    if (!(JSON.parse(r.markets) as string[]).includes('DE')) continue;
    const cur = m.get(r.sku) ?? { onHand: 0, reserved: 0 };
    m.set(r.sku, { onHand: cur.onHand + Number(r.on_hand), reserved: cur.reserved + Number(r.reserved) });
  }
  return m;
}

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

describe('200 concurrent orders on scarce stock', () => {
  it('never oversells; reserved = live reservations; one event per order', { timeout: 180_000 }, async () => {
    const before = await stockDE();
    expect(before.get('SKU-1058')).toEqual({ onHand: 1, reserved: 0 });
    expect(before.get('SKU-1059')).toEqual({ onHand: 3, reserved: 0 });
    const channels = [KEYS.web, KEYS.kiosk, KEYS.pos];
    const shapes = Array.from({ length: 200 }, (_, i) => {
      const q = 1 + (i % 3);
      switch (i % 5) {
        case 0:
          return [{ sku: 'SKU-1058', quantity: 1 }];
        case 1:
          return [{ sku: 'SKU-1059', quantity: q }];
        case 2: // two lines drawing on the same SKU: 1 + 2 of the 3 units
          return [
            { sku: 'SKU-1059', quantity: 1, attributes: attr('A') },
            { sku: 'SKU-1059', quantity: 2, attributes: attr('B') },
          ];
        case 3:
          return [{ sku: NORMAL, quantity: q }];
        default:
          return [
            { sku: NORMAL, quantity: 1 },
            { sku: 'SKU-1058', quantity: 1, attributes: attr('gift') },
          ];
      }
    });
    const carts = await limited(shapes, 8, (lines, i) => createCart(channels[i % 3], lines));

    const results = await Promise.all(
      carts.map((c, i) => g.gql(PLACE, { cartId: c.cartId, idempotencyKey: `stress-${i}`, payment: { reference: `psp-${i}`, amount: c.total } }, c.key)),
    );

    const ok = results.filter((r) => r.data?.placeOrder?.order);
    for (const r of results) {
      expect(r.status, JSON.stringify(r.errors)).toBe(200);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      const p = r.data.placeOrder;
      if (!p.order) expect(p.userErrors.map((e: any) => e.code)).toContain('OUT_OF_STOCK');
    }
    expect(ok.length).toBeGreaterThan(0);

    // follow-up tasks commit the reservations
    await waitFor(async () => Number((await g.services.orders.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM saga_tasks WHERE status <> 'DONE'"))!.n) === 0);

    const orders = await g.services.orders.db.all<{ id: string; number: string; lines: string }>('SELECT id, number, lines FROM orders');
    expect(orders).toHaveLength(ok.length);
    expect(new Set(ok.map((r) => r.data.placeOrder.order.id))).toEqual(new Set(orders.map((o) => o.id)));
    expect(new Set(orders.map((o) => o.number)).size).toBe(orders.length);

    // exactly one OrderCreated per order, none without an order
    const events = await g.services.orders.db.all<{ aggregate_id: string; type: string; n: number }>('SELECT aggregate_id, type, COUNT(*) AS n FROM outbox GROUP BY aggregate_id, type');
    expect(events).toHaveLength(orders.length);
    for (const e of events) expect({ type: e.type, n: Number(e.n) }).toEqual({ type: 'OrderCreated', n: 1 });
    expect(new Set(events.map((e) => e.aggregate_id))).toEqual(new Set(orders.map((o) => o.id)));

    const sold = new Map<string, number>();
    for (const o of orders) for (const l of JSON.parse(o.lines) as { sku: string; quantity: number }[]) sold.set(l.sku, (sold.get(l.sku) ?? 0) + l.quantity);
    const after = await stockDE();
    for (const sku of SKUS) {
      const b = before.get(sku)!;
      const a = after.get(sku)!;
      expect(sold.get(sku) ?? 0, sku).toBeLessThanOrEqual(b.onHand);
      expect(b.onHand - a.onHand, `${sku}: stock taken = units sold`).toBe(sold.get(sku) ?? 0);
    }
    expect(sold.get('SKU-1058') ?? 0).toBeLessThanOrEqual(1);

    // no negative stock anywhere; reserved = the sum of HELD reservation lines
    const inv = g.services.inventory.db;
    const negative = await inv.all('SELECT sku, location FROM stock WHERE on_hand < 0 OR reserved < 0 OR on_hand - reserved < 0');
    expect(negative).toEqual([]);
    const mismatched = await inv.all(
      `SELECT s.sku, s.location, s.reserved, COALESCE(h.held, 0) AS held FROM stock s
       LEFT JOIN (SELECT rl.sku, rl.location, SUM(rl.quantity) AS held FROM reservation_lines rl JOIN reservations r ON r.id = rl.reservation_id
                  WHERE r.status = 'HELD' GROUP BY rl.sku, rl.location) h ON h.sku = s.sku AND h.location = s.location
       WHERE s.reserved <> COALESCE(h.held, 0)`,
    );
    expect(mismatched).toEqual([]);
    const held = await inv.get<{ n: number }>("SELECT COUNT(*) AS n FROM reservations WHERE status = 'HELD'");
    expect(Number(held!.n)).toBe(0);
  });
});

describe('idempotent retries', () => {
  it('20 concurrent retries with one key: one order, one event, identical answers', async () => {
    const cart = await createCart(KEYS.pos, [{ sku: 'SKU-1020', quantity: 2 }]);
    const vars = { cartId: cart.cartId, idempotencyKey: 'retry-key-1', payment: { reference: 'psp-retry', amount: cart.total } };
    const results = await Promise.all(Array.from({ length: 20 }, () => g.gql(PLACE, vars, KEYS.pos)));
    for (const r of results) {
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(r.data.placeOrder.userErrors).toEqual([]);
    }
    const answers = new Set(results.map((r) => JSON.stringify(r.data.placeOrder.order)));
    expect(answers.size).toBe(1);
    const order = results[0].data.placeOrder.order;
    expect(order.number).toMatch(/^\d+$/);
    const db = g.services.orders.db;
    expect(await db.all('SELECT id FROM orders WHERE cart_id = ?', [cart.cartId])).toEqual([{ id: order.id }]);
    const events = await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE aggregate_id = ?', [order.id]);
    expect(Number(events[0].n)).toBe(1);

    const other = await g.gql(PLACE, { ...vars, payment: { ...vars.payment, amount: { ...cart.total, amount: '1.00' } } }, KEYS.pos);
    expect(other.data.placeOrder).toMatchObject({ order: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED' }] });
    const again = await g.gql(PLACE, vars, KEYS.pos);
    expect(again.data.placeOrder.order).toEqual(order);
    expect(await db.all('SELECT id FROM orders WHERE cart_id = ?', [cart.cartId])).toHaveLength(1);
  });
});

describe('operators through the gateway', () => {
  it('deadLetters and replayDeadLetter need the operations scope', async () => {
    const list = await g.gql('{ deadLetters(first: 5) { totalCount edges { node { id } } pageInfo { hasNextPage } } }', {}, KEYS.operations);
    expect(list.errors).toBeUndefined();
    expect(list.data.deadLetters).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
    const replay = await g.gql('mutation { replayDeadLetter(id: "nope") { delivery { id } userErrors { code } } }', {}, KEYS.operations);
    expect(replay.data.replayDeadLetter).toEqual({ delivery: null, userErrors: [{ code: 'NOT_FOUND' }] });
    for (const key of [KEYS.web, KEYS.kiosk, KEYS.pos, KEYS.marketing]) {
      const denied = await g.gql('{ deadLetters { totalCount } }', {}, key);
      expect(denied.errors?.[0].extensions.code, key).toBe('FORBIDDEN');
    }
  });
});
