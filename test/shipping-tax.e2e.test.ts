import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportView } from '../subgraphs/orders/src/services/export.ts';
import type { OrderExportRow } from '../subgraphs/orders/src/services/exportSource.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * Shipping and tax end to end through the gateway: a DE cart shows 19% VAT included, a US cart to
 * New York has sales tax added, free standard delivery from 50.00 EUR appears in Cart.promotion, and
 * the order and its OrderCreated event carry the tax and shipping lines, whose tax adds up exactly.
 */
let g: TestGraph;

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

const MONEY = '{ amount currencyCode }';
const CART = `id version market warnings { code message }
  shippingMethod pickupLocation
  shippingOptions { code name kind location locationName price ${MONEY} estimate { minDays maxDays earliest latest } }
  lines { id sku quantity unitPrice ${MONEY} }
  promotion { shippingDiscounts { id name code amount ${MONEY} } discountCodes { code amount ${MONEY} } }
  totals { subtotal ${MONEY} discount ${MONEY} shipping ${MONEY} shippingDiscount ${MONEY} tax ${MONEY} taxIncluded taxStatus taxMessage
    taxLines { lineId kind rate name taxable ${MONEY} amount ${MONEY} } taxBreakdown { rate name taxable ${MONEY} amount ${MONEY} } total ${MONEY} }`;

const cents = (m: { amount: string }) => Math.round(Number(m.amount) * 100);
/** half-even of n / d with BigInt: the reference the tax lines are checked against */
function halfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  return r * 2n > d || (r * 2n === d && q % 2n === 1n) ? q + 1n : q;
}

async function createCart(market: string, lines: { sku: string; quantity: number }[], key = KEYS.web) {
  const res = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { ${CART} } userErrors { code message } } }`, { i: { market, lines } }, key);
  expect(res.data.createCart.userErrors).toEqual([]);
  return res.data.createCart.cart;
}

async function setAddress(cart: any, data: Record<string, unknown>) {
  const res = await g.gql(
    `mutation($c: ID!, $v: Int!, $a: TypedValueInput!) { setShippingAddress(cartId: $c, expectedVersion: $v, address: $a) { cart { ${CART} } userErrors { code message } } }`,
    { c: cart.id, v: cart.version, a: { type: 'address/v1', data } },
  );
  expect(res.data.setShippingAddress.userErrors).toEqual([]);
  return res.data.setShippingAddress.cart;
}

async function select(cart: any, method: string, location?: string) {
  const res = await g.gql(
    `mutation($c: ID!, $v: Int!, $m: String!, $l: ID) { selectShippingMethod(cartId: $c, expectedVersion: $v, method: $m, pickupLocation: $l) { cart { ${CART} } userErrors { code field message } } }`,
    { c: cart.id, v: cart.version, m: method, l: location ?? null },
  );
  return res.data.selectShippingMethod;
}

async function placeOrder(cart: any, amount: { amount: string; currencyCode: string }, key = `k-${cart.id}`) {
  const res = await g.gql(
    `mutation($c: ID!, $k: String!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: $k, payment: $p) {
       order { id number totals { subtotal ${MONEY} discount ${MONEY} shipping ${MONEY} shippingDiscount ${MONEY} tax ${MONEY} taxIncluded taxStatus
         taxLines { lineId kind rate amount ${MONEY} } taxBreakdown { rate amount ${MONEY} } total ${MONEY} }
         shippingLine { code kind location price ${MONEY} discount ${MONEY} amount ${MONEY} }
         promotion { shippingDiscounts { id amount ${MONEY} } } }
       userErrors { code field message } } }`,
    { c: cart.id, k: key, p: { reference: `psp-${cart.id}`, amount } },
  );
  return res.data.placeOrder;
}

function expectTaxAddsUp(totals: any) {
  const sum = totals.taxLines.reduce((s: number, l: any) => s + cents(l.amount), 0);
  expect(sum).toBe(cents(totals.tax));
  expect(totals.taxBreakdown.reduce((s: number, b: any) => s + cents(b.amount), 0)).toBe(cents(totals.tax));
}

describe('DE: prices include 19% VAT; free standard delivery from 50.00', () => {
  it('shows the VAT included per line, and shipping options for the address', async () => {
    let cart = await createCart('DE', [{ sku: 'SKU-1001', quantity: 1 }]);
    // no address: click-and-collect only (delivery needs a destination)
    expect(cart.shippingOptions.map((o: any) => [o.code, o.location])).toEqual([['click-and-collect', 'store-berlin-1']]);
    expect(cart.totals).toMatchObject({ taxIncluded: true, taxStatus: 'CALCULATED', shipping: { amount: '0.00' } });
    const gross = BigInt(cents(cart.lines[0].unitPrice));
    expect(cart.totals.taxLines).toEqual([
      { lineId: cart.lines[0].id, kind: 'ITEM', rate: '19', name: 'VAT 19%', taxable: cart.totals.subtotal, amount: { amount: (Number(halfEven(gross * 19n, 119n)) / 100).toFixed(2), currencyCode: 'EUR' } },
    ]);
    // included: the total is what the prices say
    expect(cart.totals.total).toEqual(cart.totals.subtotal);

    cart = await setAddress(cart, { name: 'Erika Mustermann', street: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' });
    const codes = cart.shippingOptions.map((o: any) => o.code);
    expect(codes).toEqual(expect.arrayContaining(['standard', 'express', 'click-and-collect']));
    const standard = cart.shippingOptions.find((o: any) => o.code === 'standard');
    expect(standard).toMatchObject({ kind: 'DELIVERY', price: { amount: '4.90', currencyCode: 'EUR' }, estimate: { minDays: 2, maxDays: 4 } });
    expect(standard.estimate.earliest < standard.estimate.latest).toBe(true);
    expect(standard.estimate.earliest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('charges standard delivery below 50.00, with its VAT on a shipping line', async () => {
    let cart = await createCart('DE', [{ sku: 'SKU-1001', quantity: 1 }]);
    expect(cents(cart.totals.subtotal)).toBeLessThan(5000);
    cart = await setAddress(cart, { country: 'DE', postalCode: '10117', city: 'Berlin' });
    const selected = await select(cart, 'standard');
    expect(selected.userErrors).toEqual([]);
    cart = selected.cart;
    expect(cart.shippingMethod).toBe('standard');
    expect(cart.promotion.shippingDiscounts).toEqual([]);
    expect(cart.totals.shipping).toEqual({ amount: '4.90', currencyCode: 'EUR' });
    expect(cents(cart.totals.total)).toBe(cents(cart.totals.subtotal) + 490);
    const shippingLine = cart.totals.taxLines.find((l: any) => l.kind === 'SHIPPING');
    expect(shippingLine).toMatchObject({ lineId: null, rate: '19', taxable: { amount: '4.90' }, amount: { amount: '0.78' } }); // 490 × 19 / 119 = 78.2
    expectTaxAddsUp(cart.totals);
  });

  it('makes standard delivery free from 50.00 and shows it in Cart.promotion; the order and OrderCreated carry tax and shipping', async () => {
    let cart = await createCart('DE', [{ sku: 'SKU-1002', quantity: 3 }, { sku: 'SKU-1005', quantity: 2 }]);
    expect(cents(cart.totals.subtotal)).toBeGreaterThanOrEqual(5000);
    cart = await setAddress(cart, { country: 'DE', postalCode: '80331', city: 'München' });
    cart = (await select(cart, 'standard')).cart;
    expect(cart.promotion.shippingDiscounts).toEqual([
      { id: 'seed-de-free-shipping', name: 'Free standard delivery from 50 €', code: null, amount: cart.totals.shipping },
    ]);
    expect(cart.totals.shippingDiscount).toEqual(cart.totals.shipping);
    expect(cart.totals.total).toEqual(cart.totals.subtotal);
    // the shipping line is taxed on nothing
    expect(cart.totals.taxLines.find((l: any) => l.kind === 'SHIPPING')).toMatchObject({ taxable: { amount: '0.00' }, amount: { amount: '0.00' } });
    expectTaxAddsUp(cart.totals);
    for (const line of cart.totals.taxLines.filter((l: any) => l.kind === 'ITEM')) {
      expect(cents(line.amount)).toBe(Number(halfEven(BigInt(cents(line.taxable)) * 19n, 119n)));
    }
    // express is not free
    const express = (await select(cart, 'express')).cart;
    expect(express.promotion.shippingDiscounts).toEqual([]);
    expect(cents(express.totals.total)).toBe(cents(express.totals.subtotal) + cents(express.totals.shipping));
    cart = (await select(express, 'standard')).cart;

    const wrong = await placeOrder(cart, { amount: (cents(cart.totals.total) / 100 + 4.9).toFixed(2), currencyCode: 'EUR' });
    expect(wrong.userErrors[0].code).toBe('PAYMENT_AMOUNT_MISMATCH');
    const placed = await placeOrder(cart, cart.totals.total, `ok-${cart.id}`);
    expect(placed.userErrors).toEqual([]);
    const order = placed.order;
    expect(order.totals).toMatchObject({ tax: cart.totals.tax, taxIncluded: true, taxStatus: 'CALCULATED', shipping: cart.totals.shipping, shippingDiscount: cart.totals.shipping, total: cart.totals.total });
    expect(order.shippingLine).toMatchObject({ code: 'standard', kind: 'DELIVERY', price: { amount: '4.90' }, discount: { amount: '4.90' }, amount: { amount: '0.00' } });
    expect(order.promotion.shippingDiscounts).toEqual([{ id: 'seed-de-free-shipping', amount: cart.totals.shipping }]);
    expectTaxAddsUp(order.totals);
    const events = await g.services.orders.db.all<{ payload: string }>('SELECT payload FROM outbox WHERE aggregate_id = ?', [order.id]);
    const event = JSON.parse(events[0].payload);
    expect(event.order.totals).toMatchObject({ tax: cart.totals.tax, taxIncluded: true, shipping: cart.totals.shipping, shippingDiscount: cart.totals.shipping });
    expect(event.order.totals.taxLines).toHaveLength(3);
    expect(event.order.shippingLine).toMatchObject({ code: 'standard', amount: { amount: '0.00', currencyCode: 'EUR' } });
  });

  it('offers click-and-collect at the store by its code, and refuses methods that are not offered', async () => {
    let cart = await createCart('DE', [{ sku: 'SKU-1003', quantity: 1 }]);
    const refused = await select(cart, 'express');
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'SHIPPING_METHOD_UNAVAILABLE', field: 'method' })]);
    expect(refused.cart).toBeNull();
    const bad = await select(cart, '../etc');
    expect(bad.userErrors[0].code).toBe('INVALID_SHIPPING_METHOD');
    const wrongStore = await select(cart, 'click-and-collect', 'store-paris-9');
    expect(wrongStore.userErrors[0]).toMatchObject({ code: 'SHIPPING_METHOD_UNAVAILABLE', field: 'pickupLocation' });
    const ok = await select(cart, 'click-and-collect', 'store-berlin-1');
    expect(ok.userErrors).toEqual([]);
    cart = ok.cart;
    expect(cart).toMatchObject({ shippingMethod: 'click-and-collect', pickupLocation: 'store-berlin-1', version: 2 });
    expect(cart.totals.shipping.amount).toBe('0.00');
  });
});

describe('US: sales tax by destination, added to the total', () => {
  it('needs a destination, then adds New York City sales tax per line and on shipping', async () => {
    let cart = await createCart('US', [{ sku: 'SKU-1004', quantity: 2 }, { sku: 'SKU-1007', quantity: 1 }]);
    expect(cart.totals).toMatchObject({ taxIncluded: false, taxStatus: 'ADDRESS_REQUIRED', tax: { amount: '0.00', currencyCode: 'USD' } });
    expect(cart.totals.taxMessage).toMatch(/address/);
    const early = await placeOrder(cart, cart.totals.total);
    expect(early.userErrors).toEqual([expect.objectContaining({ code: 'TAX_ADDRESS_REQUIRED' })]);

    cart = await setAddress(cart, { name: 'A. Shopper', street: '350 5th Ave', city: 'New York', region: 'NY', postalCode: '10118', country: 'US' });
    cart = (await select(cart, 'standard')).cart;
    const t = cart.totals;
    expect(t).toMatchObject({ taxIncluded: false, taxStatus: 'CALCULATED' });
    expect(t.taxLines.map((l: any) => [l.kind, l.rate])).toEqual([['ITEM', '8.875'], ['ITEM', '8.875'], ['SHIPPING', '8.875']]);
    for (const line of t.taxLines) expect(cents(line.amount)).toBe(Number(halfEven(BigInt(cents(line.taxable)) * 88750n, 1_000_000n)));
    expectTaxAddsUp(t);
    expect(cents(t.total)).toBe(cents(t.subtotal) - cents(t.discount) + cents(t.shipping) - cents(t.shippingDiscount) + cents(t.tax));
    expect(cents(t.tax)).toBeGreaterThan(0);

    // paying the amount without the tax is refused
    const short = await placeOrder(cart, { amount: ((cents(t.total) - cents(t.tax)) / 100).toFixed(2), currencyCode: 'USD' });
    expect(short.userErrors[0].code).toBe('PAYMENT_AMOUNT_MISMATCH');
    const placed = await placeOrder(cart, t.total, `us-${cart.id}`);
    expect(placed.userErrors).toEqual([]);
    expect(placed.order.totals).toMatchObject({ tax: t.tax, taxIncluded: false, total: t.total, shipping: t.shipping });
    expectTaxAddsUp(placed.order.totals);

    // the export carries them too
    const row = await g.services.orders.db.get<OrderExportRow>('SELECT * FROM orders WHERE id = ?', [placed.order.id]);
    const exported = exportView(row!);
    expect(exported.charges).toMatchObject({ shipping: t.shipping.amount, shippingMethod: { code: 'standard', location: null }, tax: t.tax.amount, taxIncluded: false, taxByRate: `8.875:${t.tax.amount}` });
    expect(exported.charges.taxLines).toHaveLength(3);
  });

  it('taxes upstate New York at the state rate', async () => {
    let cart = await createCart('US', [{ sku: 'SKU-1004', quantity: 1 }]);
    cart = await setAddress(cart, { country: 'US', region: 'ny', postalCode: '12207', city: 'Albany' });
    expect(cart.totals.taxLines.map((l: any) => l.rate)).toEqual(['4']);
  });
});

describe('persisted shipping warnings', () => {
  it('a price the merchant changed moves the cart to another shipping band: SHIPPING_PRICE_CHANGED, kept until acknowledged', async () => {
    let cart = await createCart('FR', [{ sku: 'SKU-1020', quantity: 1 }]);
    const price = await g.gql(`mutation($i: SetPriceInput!) { setPrice(input: $i) { userErrors { code } } }`, { i: { sku: 'SKU-1020', market: 'FR', amount: '30.00' } }, KEYS.marketing);
    expect(price.data.setPrice.userErrors).toEqual([]);
    cart = (await g.gql(`query($id: ID!) { cart(id: $id) { ${CART} } }`, { id: cart.id })).data.cart;
    cart = await setAddress(cart, { country: 'FR', postalCode: '75001' });
    cart = (await select(cart, 'standard')).cart;
    expect(cart.totals.shipping.amount).toBe('5.90');
    const cleared = await g.gql(`mutation($c: ID!, $v: Int!) { acknowledgeCartWarnings(cartId: $c, expectedVersion: $v) { cart { version warnings { code } } } }`, { c: cart.id, v: cart.version });
    expect(cleared.data.acknowledgeCartWarnings.cart.warnings).toEqual([]);

    await g.gql(`mutation($i: SetPriceInput!) { setPrice(input: $i) { userErrors { code } } }`, { i: { sku: 'SKU-1020', market: 'FR', amount: '65.00' } }, KEYS.marketing);
    const read = async () => (await g.gql(`query($id: ID!) { cart(id: $id) { ${CART} } }`, { id: cart.id })).data.cart;
    const after = await read();
    expect(after.totals.shipping.amount).toBe('2.90');
    expect(after.warnings.map((w: any) => w.code).sort()).toEqual(['PRICE_CHANGED', 'SHIPPING_PRICE_CHANGED']);
    expect(after.warnings.find((w: any) => w.code === 'SHIPPING_PRICE_CHANGED').message).toMatch(/5\.90 to 2\.90 EUR/);
    // read again: remembered, not raised twice
    expect((await read()).warnings.filter((w: any) => w.code === 'SHIPPING_PRICE_CHANGED')).toHaveLength(1);
  });
});

describe('a selected method that is no longer offered', () => {
  it('is refused at placeOrder (nothing reserved) until another is selected', async () => {
    let cart = await setAddress(await createCart('DE', [{ sku: 'SKU-1011', quantity: 1 }]), { country: 'DE' });
    cart = (await select(cart, 'express')).cart;
    // the customer moves the address abroad: express no longer reaches it (their own change: no warning)
    cart = await setAddress(cart, { country: 'AT', postalCode: '1010' });
    expect(cart.shippingOptions.map((o: any) => o.code)).toEqual(['click-and-collect']);
    expect(cart.totals.shipping.amount).toBe('0.00');
    expect(cart.warnings).toEqual([]);
    const reservations = async () => Number((await g.services.inventory.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM reservations', []))?.n);
    const before = await reservations();
    const refused = await placeOrder(cart, cart.totals.total);
    expect(refused).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'SHIPPING_METHOD_UNAVAILABLE' })] });
    expect(await reservations()).toBe(before);
    cart = (await select(cart, 'click-and-collect')).cart;
    expect(cart.pickupLocation).toBe('store-berlin-1');
    const placed = await placeOrder(cart, cart.totals.total, `collect-${cart.id}`);
    expect(placed.userErrors).toEqual([]);
    expect(placed.order.shippingLine).toMatchObject({ code: 'click-and-collect', kind: 'PICKUP', location: 'store-berlin-1', amount: { amount: '0.00' } });
  });
});

describe('the channel apps\' operations', () => {
  it('storefront: ShippingOptions and SelectShippingMethod; in-game: InGameDelivery', async () => {
    const storefront = readFileSync('clients/storefront-delivery.graphql', 'utf8');
    const run = async (document: string, operationName: string, variables: Record<string, unknown>, key: string) => {
      const res = await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: document, operationName, variables }) });
      return (await res.json()) as { data?: any; errors?: any[] };
    };
    const cart = await setAddress(await createCart('DE', [{ sku: 'SKU-1002', quantity: 2 }]), { country: 'DE' });
    const options = await run(storefront, 'ShippingOptions', { id: cart.id }, KEYS.web);
    expect(options.errors).toBeUndefined();
    expect(options.data.cart.shippingOptions.map((o: any) => o.code)).toContain('express');
    const selected = await run(storefront, 'SelectShippingMethod', { cartId: cart.id, expectedVersion: cart.version, method: 'express' }, KEYS.web);
    expect(selected.data.selectShippingMethod.cart).toMatchObject({ shippingMethod: 'express', totals: { shipping: { amount: '12.90' }, taxIncluded: true, taxStatus: 'CALCULATED' } });

    const inGame = readFileSync('clients/ingame.graphql', 'utf8');
    const bought = await run(inGame, 'InGameBuy', { input: { market: 'GB', lines: [{ sku: 'SKU-1001', quantity: 1 }] } }, KEYS.inGame);
    const id = bought.data.createCart.cart.id;
    const digital = await run(readFileSync('clients/ingame-delivery.graphql', 'utf8'), 'InGameDelivery', { cartId: id, expectedVersion: bought.data.createCart.cart.version, method: 'digital' }, KEYS.inGame);
    expect(digital.errors).toBeUndefined();
    expect(digital.data.selectShippingMethod).toMatchObject({ userErrors: [], cart: { totals: { shipping: { amount: '0.00', currencyCode: 'GBP' }, taxIncluded: true } } });
  });
});

