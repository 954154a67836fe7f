import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, CANCEL, eventsOf, FULFIL, minor, ORDER_FIELDS, RETURN } from './support/afterSales.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * Shipping in refunds, end to end through the gateway (docs/after-sales.md): a cancellation refunds
 * the shipping charge after its shipping discount with the goods, exactly; returns refund goods only
 * (and their tax where tax is added) until the return that brings back the order's last unit, which
 * refunds the shipping charge too, so that every refund adds up to what was paid, to the cent.
 */
let g: TestGraph;

const MONEY = '{ amount currencyCode }';
const CART = `id version totals { total ${MONEY} shipping ${MONEY} shippingDiscount ${MONEY} tax ${MONEY} taxStatus }`;
const ORDER = `${ORDER_FIELDS} charged: totals { shipping { amount } shippingDiscount { amount } tax { amount } taxIncluded }`;

beforeAll(async () => {
  g = await startTestGraph();
  const res = await g.gql(`mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } userErrors { code field message } } }`, {
    i: { name: 'Express 2.00 off', market: 'GB', couponRequired: false, conditions: [{ type: 'shippingMethod', args: { methods: ['express'] } }], effect: { type: 'amountOffShipping', args: { amount: '2.00' } } },
  }, KEYS.marketing);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data.createCampaign.userErrors).toEqual([]);
});
afterAll(async () => {
  await g?.stop();
});

let n = 0;

/** A cart delivered to `address` with `method`, ordered and paid in full. */
async function order(market: string, lines: { sku: string; quantity: number }[], address: Record<string, unknown>, method: string): Promise<any> {
  const created = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { ${CART} } userErrors { code message } } }`, { i: { market, lines } }, KEYS.web);
  expect(created.data.createCart.userErrors).toEqual([]);
  let cart = created.data.createCart.cart;
  const addressed = await g.gql(
    `mutation($c: ID!, $v: Int!, $a: TypedValueInput!) { setShippingAddress(cartId: $c, expectedVersion: $v, address: $a) { cart { ${CART} } userErrors { code message } } }`,
    { c: cart.id, v: cart.version, a: { type: 'address/v1', data: address } },
    KEYS.web,
  );
  expect(addressed.data.setShippingAddress.userErrors).toEqual([]);
  cart = addressed.data.setShippingAddress.cart;
  const selected = await g.gql(
    `mutation($c: ID!, $v: Int!, $m: String!) { selectShippingMethod(cartId: $c, expectedVersion: $v, method: $m) { cart { ${CART} } userErrors { code message } } }`,
    { c: cart.id, v: cart.version, m: method },
    KEYS.web,
  );
  expect(selected.data.selectShippingMethod.userErrors).toEqual([]);
  cart = selected.data.selectShippingMethod.cart;
  expect(cart.totals.taxStatus).toBe('CALCULATED');
  const placed = await g.gql(
    `mutation($c: ID!, $k: String!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: $k, payment: $p) { order { ${ORDER} } userErrors { code message } } }`,
    { c: cart.id, k: `ship-refund-${++n}`, p: { reference: `psp-ship-${n}`, amount: cart.totals.total } },
    KEYS.web,
  );
  expect(placed.errors, JSON.stringify(placed.errors)).toBeUndefined();
  expect(placed.data.placeOrder.userErrors).toEqual([]);
  return placed.data.placeOrder.order;
}

async function fulfilAll(o: any, location: string): Promise<void> {
  const done = await act(g, FULFIL, { o: o.id, l: o.lines.map((l: any) => ({ lineId: l.id, quantity: l.quantity })), loc: location, k: `f-${o.id}` }, KEYS.operations);
  expect(done.userErrors).toEqual([]);
}

const GB_ADDRESS = { name: 'A. Customer', street: '1 High Street', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' };

describe('shipping in refunds', () => {
  it('a cancellation refunds the shipping charge after its shipping discount, with the goods: exactly what was paid', async () => {
    const o = await order('GB', [{ sku: 'SKU-1003', quantity: 2 }], GB_ADDRESS, 'express');
    expect(o.charged.shipping.amount).toBe('9.95');
    expect(o.charged.shippingDiscount.amount).toBe('2.00');
    const paid = minor(o.payment.amount.amount);
    const goods = o.lines.reduce((s: number, l: any) => s + minor(l.paid.amount), 0);
    // the lines' paid are the goods; the shipping charge after its discount is the rest of the payment
    expect(paid - goods).toBe(995 - 200);
    const cancelled = await act(g, CANCEL, { o: o.id, r: 'changed my mind', k: `c-${o.id}` }, KEYS.operations);
    expect(cancelled.userErrors).toEqual([]);
    expect(minor(cancelled.refund.amount.amount)).toBe(paid);
  });

  it('partial returns refund goods only; the return of the last unit refunds the shipping charge; all refunds add up to what was paid', async () => {
    const o = await order('GB', [{ sku: 'SKU-1003', quantity: 2 }, { sku: 'SKU-1004', quantity: 1 }], GB_ADDRESS, 'express');
    const [a, b] = o.lines;
    const paid = minor(o.payment.amount.amount);
    const shipping = 995 - 200;
    expect(minor(a.paid.amount) + minor(b.paid.amount) + shipping).toBe(paid);
    await fulfilAll(o, 'wh-eu');

    const first = await act(g, RETURN, { o: o.id, l: [{ lineId: a.id, quantity: 1, reason: 'UNWANTED' }], loc: 'wh-eu', k: 'r1' }, KEYS.operations);
    expect(first.userErrors).toEqual([]);
    expect(minor(first.refund.amount.amount)).toBeLessThanOrEqual(minor(a.paid.amount));
    expect(Math.abs(2 * minor(first.refund.amount.amount) - minor(a.paid.amount))).toBeLessThanOrEqual(1);
    const second = await act(g, RETURN, { o: o.id, l: [{ lineId: b.id, quantity: 1, reason: 'DEFECTIVE' }], loc: 'wh-eu', k: 'r2' }, KEYS.operations);
    // still a unit out: goods only
    expect(minor(second.refund.amount.amount)).toBe(minor(b.paid.amount));
    const last = await act(g, RETURN, { o: o.id, l: [{ lineId: a.id, quantity: 1, reason: 'UNWANTED' }], loc: 'wh-eu', k: 'r3' }, KEYS.operations);
    expect(last.order.status).toBe('RETURNED');
    expect(minor(last.refund.amount.amount)).toBe(minor(a.paid.amount) - minor(first.refund.amount.amount) + shipping);
    const refunds = [first, second, last].reduce((s, x) => s + minor(x.refund.amount.amount), 0);
    expect(refunds).toBe(paid);
    expect(last.order.refundedTotal.amount).toBe(o.payment.amount.amount);
    const returned = (await eventsOf(g, o.id)).filter((e) => e.type === 'OrderReturned');
    expect(returned.map((e) => e.payload.shippingRefund ?? null)).toEqual([null, null, { amount: '7.95', currencyCode: 'GBP' }]);
  });

  it('US: a returned unit refunds its sales tax; shipping and its tax come back with the last unit', async () => {
    const o = await order('US', [{ sku: 'SKU-1004', quantity: 2 }], { street: '350 5th Ave', city: 'New York', region: 'NY', postalCode: '10118', country: 'US' }, 'express');
    expect(o.charged.taxIncluded).toBe(false);
    const [a] = o.lines;
    const paid = minor(o.payment.amount.amount);
    const shipping = minor(o.charged.shipping.amount);
    expect(shipping).toBeGreaterThan(0);
    const tax = minor(o.charged.tax.amount);
    // the line pays its goods and its tax; shipping and its tax are the rest
    expect(minor(a.paid.amount)).toBeGreaterThan(minor(o.totals.subtotal.amount));
    expect(paid - minor(a.paid.amount)).toBeGreaterThan(shipping);
    expect(paid).toBe(minor(o.totals.subtotal.amount) - minor(o.totals.discount.amount) + shipping + tax);
    await fulfilAll(o, 'wh-us');
    const one = await act(g, RETURN, { o: o.id, l: [{ lineId: a.id, quantity: 1, reason: 'UNWANTED' }], loc: 'wh-us', k: 'u1' }, KEYS.operations);
    expect(Math.abs(2 * minor(one.refund.amount.amount) - minor(a.paid.amount))).toBeLessThanOrEqual(1);
    const two = await act(g, RETURN, { o: o.id, l: [{ lineId: a.id, quantity: 1, reason: 'UNWANTED' }], loc: 'wh-us', k: 'u2' }, KEYS.operations);
    expect(minor(one.refund.amount.amount) + minor(two.refund.amount.amount)).toBe(paid);
    expect(minor(two.refund.amount.amount) - (minor(a.paid.amount) - minor(one.refund.amount.amount))).toBe(paid - minor(a.paid.amount));
  });
});
