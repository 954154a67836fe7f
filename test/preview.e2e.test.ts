import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/** x-preview-at: the graph as it will be at an instant, for preview keys only, writing nothing. */
let g: TestGraph;
const clock = new ManualClock(new Date('2026-11-01T10:00:00Z'));
let cartId: string;
const CART = `query($id: ID!) { cart(id: $id) { version lines { unitPrice { amount } } promotion { discountCodes { code } nonApplicableDiscountCodes { code reason } } totals { total { amount } } } }`;
const at = (iso: string) => ({ 'x-preview-at': iso });

/** Every table of every service: its row count and a checksum of its rows (order-independent). */
async function tableSnapshot(): Promise<Record<string, { rows: number; sha256: string }>> {
  const snapshot: Record<string, { rows: number; sha256: string }> = {};
  for (const [name, svc] of Object.entries(g.services)) {
    const tables = await svc.db.all<{ name: string }>(
      svc.db.dialect === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table'"
        : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
    );
    for (const t of tables) {
      const rows = (await svc.db.all<Record<string, unknown>>(`SELECT * FROM "${t.name}"`)).map((r) => JSON.stringify(r)).sort();
      snapshot[`${name}.${t.name}`] = { rows: rows.length, sha256: createHash('sha256').update(rows.join('\n')).digest('hex') };
    }
  }
  return snapshot;
}

beforeAll(async () => {
  g = await startTestGraph({ clock });
  // created by the operations key, whose requests may preview it (a cart is read by its own channel only)
  const created = await g.gql(`mutation { createCart(input: { market: "DE", discountCodes: ["FUTURE20"], lines: [{ sku: "SKU-1004", quantity: 1 }] }) { cart { id } userErrors { code } } }`, {}, KEYS.operations);
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

  it('writes nothing: mutations are refused and every table keeps its rows and their contents', async () => {
    const before = await tableSnapshot();
    expect(Object.keys(before).length).toBeGreaterThan(20);
    await g.gql(CART, { id: cartId }, KEYS.operations, at('2030-01-02T00:00:00Z'));
    const change = await g.gql(
      `mutation($id: ID!) { addCartLines(cartId: $id, expectedVersion: 1, lines: [{ sku: "SKU-1001", quantity: 1 }]) { cart { id } userErrors { code } } }`,
      { id: cartId }, KEYS.operations, at('2030-01-02T00:00:00Z'),
    );
    expect(change.errors?.[0].extensions.code).toBe('PREVIEW_READ_ONLY');
    const order = await g.gql(
      `mutation($id: ID!) { placeOrder(cartId: $id, idempotencyKey: "preview-1", payment: { reference: "psp-1", amount: { amount: "1.00", currencyCode: "EUR" } }) { order { id } userErrors { code } } }`,
      { id: cartId }, KEYS.operations, at('2030-01-02T00:00:00Z'),
    );
    expect(order.data?.placeOrder.userErrors ?? order.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'PREVIEW_READ_ONLY' })]));
    const campaign = await g.gql(
      `mutation { createCampaign(input: { name: "x", market: "DE", effect: { type: "percentOffCart", args: { percent: 5 } } }) { campaign { id } } }`,
      {}, KEYS.operations, at('2030-01-02T00:00:00Z'),
    );
    expect(campaign.errors?.[0].extensions.code).toBe('PREVIEW_READ_ONLY');
    const price = await g.gql(`mutation { setPrice(input: { sku: "SKU-1004", market: "DE", amount: "1.00" }) { userErrors { code } } }`, {}, KEYS.operations, at('2030-01-02T00:00:00Z'));
    expect(price.errors?.[0].extensions.code).toBe('PREVIEW_READ_ONLY');
    expect(await tableSnapshot()).toEqual(before);
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

describe('preview carts', () => {
  const PREVIEW = at('2030-01-02T00:00:00Z');
  const CREATE = `mutation { createCart(input: { market: "DE", discountCodes: ["FUTURE20"], lines: [{ sku: "SKU-1004", quantity: 1 }] }) { cart { id version preview lines { unitPrice { amount } } totals { total { amount } } } userErrors { code } } }`;

  it('are kept apart: priced at the previewed instant, changeable in preview, invisible to live requests, never ordered, and no live table changes', async () => {
    const before = await tableSnapshot();
    const created = await g.gql(CREATE, {}, KEYS.operations, PREVIEW);
    expect(created.errors).toBeUndefined();
    const cart = created.data.createCart.cart;
    expect(cart).toMatchObject({ preview: true, version: 1, lines: [{ unitPrice: { amount: '40.00' } }], totals: { total: { amount: '32.00' } } });
    expect(cart.id).toMatch(/^preview-/);

    const added = await g.gql(
      `mutation($id: ID!) { addCartLines(cartId: $id, expectedVersion: 1, lines: [{ sku: "SKU-1004", quantity: 1 }]) { cart { version lines { quantity } } userErrors { code } } }`,
      { id: cart.id }, KEYS.operations, PREVIEW,
    );
    expect(added.data.addCartLines).toEqual({ cart: { version: 2, lines: [{ quantity: 2 }] }, userErrors: [] });
    expect((await g.gql(`query($id: ID!) { cart(id: $id) { preview version } }`, { id: cart.id }, KEYS.operations, PREVIEW)).data.cart).toEqual({ preview: true, version: 2 });

    // live requests do not see it, and nobody can order it
    expect((await g.gql(`query($id: ID!) { cart(id: $id) { id } }`, { id: cart.id }, KEYS.operations)).data.cart).toBeNull();
    const order = await g.gql(
      `mutation($id: ID!) { placeOrder(cartId: $id, idempotencyKey: "preview-cart-1", payment: { reference: "psp-2", amount: { amount: "64.00", currencyCode: "EUR" } }) { order { id } userErrors { code } } }`,
      { id: cart.id }, KEYS.operations,
    );
    expect(order.data.placeOrder.order).toBeNull();
    expect(order.data.placeOrder.userErrors.length).toBeGreaterThan(0);
    // live carts are not marked as preview
    expect((await g.gql(`query($id: ID!) { cart(id: $id) { preview } }`, { id: cartId }, KEYS.operations)).data.cart.preview).toBe(false);

    expect(await tableSnapshot()).toEqual(before);
  });

  it('expire after a day of real time', async () => {
    const created = await g.gql(CREATE, {}, KEYS.operations, PREVIEW);
    const id = created.data.createCart.cart.id;
    const read = () => g.gql(`query($id: ID!) { cart(id: $id) { id } }`, { id }, KEYS.operations, PREVIEW);
    clock.advance(23 * 3600_000);
    expect((await read()).data.cart).toEqual({ id });
    clock.advance(2 * 3600_000);
    expect((await read()).data.cart).toBeNull();
    const svc = g.services.cart as unknown as { sweepPreviewCarts(): Promise<unknown> };
    await svc.sweepPreviewCarts();
    expect((await read()).data.cart).toBeNull();
  });
});

describe('previewDiff: what changes between now and then', () => {
  const DIFF = `query($m: String!, $at: DateTime!) { previewDiff(market: $m, at: $at) {
    market at from
    campaignsStarting { name validFrom } campaignsEnding { name validUntil }
    codesBecomingValid { code count at campaign { name } } codesExpiring { code count batch { pattern } at campaign { name } }
    priceChanges { sku at before { amount } after { amount } product { name } }
  } }`;

  it('lists campaigns that start or end, their codes, and prices that change, at their instants', async () => {
    const now = clock.now().getTime();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    const day = 86_400_000;
    const create = (input: Record<string, unknown>) =>
      g.gql(`mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } userErrors { code field message } } }`, { i: input }, KEYS.marketing);
    const starting = await create({ name: 'Black Friday DE', market: 'DE', validFrom: iso(2 * day), validUntil: iso(5 * day), couponRequired: true, codes: ['BFDIFF'], effect: { type: 'percentOffCart', args: { percent: 20 } } });
    expect(starting.data.createCampaign.userErrors).toEqual([]);
    const ending = await create({ name: 'Autumn DE', market: 'DE', validUntil: iso(3 * day), effect: { type: 'percentOffCart', args: { percent: 5 } } });
    expect(ending.data.createCampaign.userErrors).toEqual([]);
    const batch = await g.gql(`mutation($c: ID!) { generateCouponCodes(campaignId: $c, count: 3, pattern: "AU-####") { batch { id } userErrors { code } } }`, { c: ending.data.createCampaign.campaign.id }, KEYS.marketing);
    expect(batch.data.generateCouponCodes.userErrors).toEqual([]);
    const later = await create({ name: 'Christmas DE', market: 'DE', validFrom: iso(30 * day), effect: { type: 'percentOffCart', args: { percent: 10 } } });
    expect(later.data.createCampaign.userErrors).toEqual([]);
    const prices = await g.gql(
      `mutation($p: [SetPriceInput!]!) { setPrices(input: $p) { products { sku } userErrors { code field } } }`,
      { p: [{ sku: 'SKU-1010', market: 'DE', amount: '9.99', validFrom: iso(2 * day), validUntil: iso(4 * day) }, { sku: 'SKU-1011', market: 'DE', amount: '1.00', validFrom: iso(40 * day) }] },
      KEYS.marketing,
    );
    expect(prices.data.setPrices).toEqual({ products: [{ sku: 'SKU-1010' }, { sku: 'SKU-1011' }], userErrors: [] });
    await waitFor(async () => (await g.gql(`query($id: ID!) { couponBatch(id: $id) { status } }`, { id: batch.data.generateCouponCodes.batch.id }, KEYS.marketing)).data.couponBatch.status === 'COMPLETED');

    const res = await g.gql(DIFF, { m: 'DE', at: iso(7 * day) }, KEYS.marketingDE);
    expect(res.errors).toBeUndefined();
    const diff = res.data.previewDiff;
    expect(diff).toMatchObject({ market: 'DE', at: iso(7 * day), from: iso(0) });
    expect(diff.campaignsStarting).toEqual([{ name: 'Black Friday DE', validFrom: iso(2 * day) }]);
    expect(diff.campaignsEnding).toEqual([{ name: 'Autumn DE', validUntil: iso(3 * day) }, { name: 'Black Friday DE', validUntil: iso(5 * day) }]);
    expect(diff.codesBecomingValid).toEqual([{ code: 'BFDIFF', count: 1, at: iso(2 * day), campaign: { name: 'Black Friday DE' } }]);
    expect(diff.codesExpiring).toEqual([
      { code: null, count: 3, batch: { pattern: 'AU-####' }, at: iso(3 * day), campaign: { name: 'Autumn DE' } },
      { code: 'BFDIFF', count: 1, batch: null, at: iso(5 * day), campaign: { name: 'Black Friday DE' } },
    ]);
    const before = diff.priceChanges.find((c: any) => c.sku === 'SKU-1010').before.amount;
    expect(diff.priceChanges).toEqual([
      { sku: 'SKU-1010', at: iso(2 * day), before: { amount: before }, after: { amount: '9.99' }, product: { name: expect.any(String) } },
      { sku: 'SKU-1010', at: iso(4 * day), before: { amount: '9.99' }, after: { amount: before }, product: { name: expect.any(String) } },
    ]);

    // the sale price ends exactly at its boundary
    const price = (t: number) => g.gql(`{ product(sku: "SKU-1010") { price(market: "DE") { amount } } }`, {}, KEYS.operations, at(new Date(now + t).toISOString()));
    expect((await price(4 * day - 1)).data.product.price.amount).toBe('9.99');
    expect((await price(4 * day)).data.product.price.amount).toBe(before);
  });

  it('keeps markets apart, needs the marketing scope, and refuses an instant in the past', async () => {
    // another market is refused at the gateway, before any subgraph is asked
    const fr = await g.gql(DIFF, { m: 'FR', at: '2027-01-01T00:00:00Z' }, KEYS.marketingDE);
    expect(fr.status).toBe(403);
    expect(fr.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const web = await g.gql(DIFF, { m: 'DE', at: '2027-01-01T00:00:00Z' }, KEYS.web);
    expect(web.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const past = await g.gql(DIFF, { m: 'DE', at: '2020-01-01T00:00:00Z' }, KEYS.marketing);
    expect(past.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a price whose end is not after its start, writing nothing of the list', async () => {
    const res = await g.gql(
      `mutation($p: [SetPriceInput!]!) { setPrices(input: $p) { products { sku } userErrors { code field } } }`,
      { p: [{ sku: 'SKU-1012', market: 'DE', amount: '5.00', validFrom: '2027-02-01T00:00:00Z' }, { sku: 'SKU-1012', market: 'DE', amount: '4.00', validFrom: '2027-02-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' }] },
      KEYS.marketing,
    );
    expect(res.data.setPrices).toEqual({ products: [], userErrors: [{ code: 'INVALID_VALIDITY', field: 'input[1].validUntil' }] });
    const diff = await g.gql(DIFF, { m: 'DE', at: '2027-03-01T00:00:00Z' }, KEYS.marketing);
    expect(diff.data.previewDiff.priceChanges.filter((c: any) => c.sku === 'SKU-1012')).toEqual([]);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
