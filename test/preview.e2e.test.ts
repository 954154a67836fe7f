import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/** x-preview-at: the graph as it will be at an instant, for preview keys only, writing nothing. */
let g: TestGraph;
const clock = new ManualClock(new Date('2026-11-01T10:00:00Z'));
let cartId: string;
const CART = `query($id: ID!) { cart(id: $id) { version lines { unitPrice { amount } } promotion { discountCodes { code } nonApplicableDiscountCodes { code reason } } totals { total { amount } } } }`;
const at = (iso: string) => ({ 'x-preview-at': iso });

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, svc] of Object.entries(g.services)) {
    const tables = await svc.db.all<{ name: string }>(
      svc.db.dialect === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table'"
        : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
    );
    for (const t of tables) {
      const row = await svc.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t.name}"`);
      counts[`${name}.${t.name}`] = Number(row?.n);
    }
  }
  return counts;
}

beforeAll(async () => {
  g = await startTestGraph({ clock });
  const created = await g.gql(`mutation { createCart(input: { market: "DE", discountCodes: ["FUTURE20"], lines: [{ sku: "SKU-1004", quantity: 1 }] }) { cart { id } userErrors { code } } }`);
  cartId = created.data.createCart.cart.id;
  // a price scheduled for 2030
  const scheduled = await g.gql(
    `mutation { setPrice(input: { sku: "SKU-1004", market: "DE", amount: "40.00", validFrom: "2030-01-01T00:00:00Z" }) { userErrors { code } } }`,
    {},
    KEYS.marketing,
  );
  expect(scheduled.data.setPrice.userErrors).toEqual([]);
});
afterAll(async () => {
  await g?.stop();
});

describe('preview', () => {
  it('shows campaigns and prices as they will be, and says so in extensions', async () => {
    const now = await g.gql(CART, { id: cartId }, KEYS.operations);
    expect(now.data.cart.promotion.nonApplicableDiscountCodes).toEqual([{ code: 'FUTURE20', reason: 'NOT_YET_VALID' }]);
    expect(now.data.cart.lines[0].unitPrice.amount).toBe('51.18');

    const then = await fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.operations}`, ...at('2030-01-02T00:00:00Z') },
      body: JSON.stringify({ query: CART, variables: { id: cartId } }),
    });
    const body = (await then.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.cart.lines[0].unitPrice.amount).toBe('40.00');
    expect(body.data.cart.promotion.discountCodes).toEqual([{ code: 'FUTURE20' }]);
    expect(body.data.cart.totals.total.amount).toBe('32.00');
    expect(body.extensions.preview).toMatchObject({ at: '2030-01-02T00:00:00.000Z', readOnly: true });
  });

  it('switches a price exactly at its boundary', async () => {
    const q = `{ product(sku: "SKU-1004") { price(market: "DE") { amount } } }`;
    const before = await g.gql(q, {}, KEYS.operations, at('2029-12-31T23:59:59.999Z'));
    const after = await g.gql(q, {}, KEYS.operations, at('2030-01-01T00:00:00.000Z'));
    expect(before.data.product.price.amount).toBe('51.18');
    expect(after.data.product.price.amount).toBe('40.00');
  });

  it('writes nothing: mutations are refused and every table keeps its rows', async () => {
    const counts = await tableCounts();
    await g.gql(CART, { id: cartId }, KEYS.operations, at('2030-01-02T00:00:00Z'));
    const create = await g.gql(`mutation { createCart(input: { market: "DE" }) { cart { id } } }`, {}, KEYS.operations, at('2030-01-02T00:00:00Z'));
    expect(create.errors?.[0].extensions.code).toBe('PREVIEW_READ_ONLY');
    const price = await g.gql(`mutation { setPrice(input: { sku: "SKU-1004", market: "DE", amount: "1.00" }) { userErrors { code } } }`, {}, KEYS.operations, at('2030-01-02T00:00:00Z'));
    expect(price.errors?.[0].extensions.code).toBe('PREVIEW_READ_ONLY');
    expect(await tableCounts()).toEqual(counts);
    const now = await g.gql(CART, { id: cartId }, KEYS.operations);
    expect(now.data.cart.lines[0].unitPrice.amount).toBe('51.18');
  });

  it('is refused to keys without the preview scope, and for a malformed instant', async () => {
    const web = await g.gql(CART, { id: cartId }, KEYS.web, at('2030-01-02T00:00:00Z'));
    expect(web.status).toBe(403);
    expect(web.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const bad = await g.gql(CART, { id: cartId }, KEYS.operations, at('tomorrow'));
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
