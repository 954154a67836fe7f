import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { waitForValue } from './support/wait.ts';

/**
 * Two replicas of every service against one PostgreSQL (run with `npm run test:postgres`):
 * reservations stay atomic, idempotency keys and order numbers hold across replicas, and
 * redemption budgets are exact under concurrency. Skipped on SQLite.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let g: TestGraph;

const CART = `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id version totals { total { amount currencyCode } } } userErrors { code message } } }`;
const PLACE = `mutation($id: ID!, $key: String!, $amount: MoneyInput!) {
  placeOrder(cartId: $id, idempotencyKey: $key, payment: { reference: "psp", amount: $amount }) { order { id number } userErrors { code message } } }`;

async function cartWith(lines: { sku: string; quantity: number }[], codes: string[] = []) {
  const res = await g.gql(CART, { input: { market: 'DE', lines, discountCodes: codes } });
  expect(res.data.createCart.userErrors).toEqual([]);
  return res.data.createCart.cart as { id: string; totals: { total: { amount: string; currencyCode: string } } };
}

describe.skipIf(!onPostgres)('two replicas per service on PostgreSQL', () => {
  beforeAll(async () => {
    g = await startTestGraph({ replicas: 2 });
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('lists both replicas of every subgraph as reachable', async () => {
    const res = await fetch(g.url.replace('/graphql', '/ready'));
    const body = (await res.json()) as { status: string; subgraphs: { name: string; reachable: boolean }[] };
    expect(res.status).toBe(200);
    expect(body.subgraphs).toHaveLength(10);
    expect(body.subgraphs.every((s) => s.reachable)).toBe(true);
  });

  it('sells the last unit once when buyers race through different replicas', async () => {
    const carts = [];
    for (let i = 0; i < 24; i++) carts.push(await cartWith([{ sku: 'SKU-1058', quantity: 1 }]));
    const results = await Promise.all(carts.map((c, i) => g.gql(PLACE, { id: c.id, key: `last-${i}`, amount: c.totals.total })));
    const won = results.filter((r) => r.data?.placeOrder.order);
    expect(won).toHaveLength(1);
    for (const r of results) if (!r.data?.placeOrder.order) expect(r.data.placeOrder.userErrors[0].code).toBe('OUT_OF_STOCK');
    // a follow-up task commits the reservation
    const row = await waitForValue(
      () => g.services.inventory.db.get<{ on_hand: number; reserved: number }>("SELECT on_hand, reserved FROM stock WHERE sku = 'SKU-1058' AND location = 'wh-eu'"),
      (r) => Number(r?.reserved) === 0,
      { what: 'the reservation committed' },
    );
    expect(row).toEqual({ on_hand: 0, reserved: 0 });
  });

  it('a tax rate changed through one replica prices every later read, whichever replica answers', async () => {
    const cart = await cartWith([{ sku: 'SKU-1001', quantity: 1 }]);
    const rates = async () => {
      const res = await g.gql(`query($id: ID!) { cart(id: $id) { totals { taxLines { rate } } } }`, { id: cart.id });
      return res.data.cart.totals.taxLines.map((l: { rate: string }) => l.rate);
    };
    expect(await rates()).toEqual(['19']);
    const SET = `mutation($r: String!) { upsertTaxRate(input: { country: "DE", category: "standard", rate: $r }) { userErrors { code } } }`;
    expect((await g.gql(SET, { r: '21' }, KEYS.operations)).data.upsertTaxRate.userErrors).toEqual([]);
    try {
      for (let i = 0; i < 8; i++) expect(await rates()).toEqual(['21']);
    } finally {
      await g.gql(SET, { r: '19' }, KEYS.operations);
    }
    expect(await rates()).toEqual(['19']);
  });

  it('keeps an idempotency key across replicas: one order, identical answers', async () => {
    const cart = await cartWith([{ sku: 'SKU-1003', quantity: 1 }]);
    const results = await Promise.all(Array.from({ length: 20 }, () => g.gql(PLACE, { id: cart.id, key: 'same-key', amount: cart.totals.total })));
    const ids = new Set(results.map((r) => r.data?.placeOrder.order?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeTruthy();
    const n = await g.services.orders.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM orders WHERE cart_id = ?', [cart.id]);
    expect(n?.n).toBe(1);
    const events = await g.services.orders.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE aggregate_id = ?', [[...ids][0] as string]);
    expect(events?.n).toBe(1);
  });

  it('redeems a budget of 3 exactly 3 times under concurrency', async () => {
    const created = await g.gql(
      `mutation($input: CampaignInput!) { createCampaign(input: $input) { campaign { id } userErrors { code field message } } }`,
      {
        input: {
          name: 'Limited 3', market: 'DE', priority: 5, stacking: 'STACKABLE', couponRequired: true, codes: ['LIMIT3'],
          validFrom: '2020-01-01T00:00:00Z', validUntil: '2099-01-01T00:00:00Z',
          effect: { type: 'percentOffCart', args: { percent: 5 } }, budget: { maxRedemptions: 3 },
        },
      },
      KEYS.marketing,
    );
    expect(created.data.createCampaign.userErrors).toEqual([]);
    const carts = [];
    for (let i = 0; i < 10; i++) carts.push(await cartWith([{ sku: 'SKU-1004', quantity: 1 }], ['LIMIT3']));
    const results = await Promise.all(carts.map((c, i) => g.gql(PLACE, { id: c.id, key: `budget-${i}`, amount: c.totals.total })));
    const won = results.filter((r) => r.data?.placeOrder.order);
    expect(won).toHaveLength(3);
    const numbers = new Set(won.map((r) => r.data.placeOrder.order.number));
    expect(numbers.size).toBe(3);
    const search = await g.gql(`{ campaigns(filter: { code: "LIMIT3" }) { edges { node { redemptions } } } }`, {}, KEYS.marketing);
    expect(search.data.campaigns.edges[0].node.redemptions).toBe(3);
  });

  it('gives every order a unique number', async () => {
    const rows = await g.services.orders.db.all<{ number: string }>('SELECT number FROM orders');
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
  });
});
