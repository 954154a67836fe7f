import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPaymentProvider } from '../subgraphs/orders/src/services/payments/http.ts';
import { PaymentSimulator } from './fixtures/payment-simulator.ts';
import { act, ADJUST, buy, CANCEL, CREATE_CART, eventsOf, FULFIL, minor, onHand, ORDER, RETRY_REFUND, RETURN, tasksDone } from './support/afterSales.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { waitFor } from './support/wait.ts';

/**
 * After the sale, end to end through the gateway with the local payment simulator behind the
 * payment provider interface: fulfil, return with refunds prorated to the cent (EUR and JPY),
 * cancel (stock, budgets, refund), adjust, refused refunds retried, bad input.
 */
let g: TestGraph;
let psp: PaymentSimulator;

const CAMPAIGN = `mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } userErrors { code field message } } }`;

async function campaign(input: Record<string, unknown>): Promise<void> {
  const res = await g.gql(CAMPAIGN, { i: input }, KEYS.marketing);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data.createCampaign.userErrors).toEqual([]);
}

beforeAll(async () => {
  psp = new PaymentSimulator();
  const url = await psp.start();
  g = await startTestGraph({ ordersOptions: { paymentProvider: new HttpPaymentProvider({ url, apiKey: 'test-psp-key', timeoutMs: 5000, maxAttempts: 3, retryBaseMs: 10 }) } });
  // stacks with WELCOME10 within DE's 50 % cap: at most 33.3 % off the dearest bundle, ending before FUTURE20 starts
  await campaign({ name: 'Outfit', market: 'DE', couponRequired: false, validUntil: '2029-12-31T00:00:00Z', effect: { type: 'bundlePrice', args: { skus: ['SKU-1002', 'SKU-1003'], quantity: 3, price: '74.99' } } });
  await campaign({ name: 'Outfit JP', market: 'JP', couponRequired: false, effect: { type: 'bundlePrice', args: { skus: ['SKU-1002', 'SKU-1003'], quantity: 3, price: '9999' } } });
});
afterAll(async () => {
  await g?.stop();
  await psp?.stop();
});

describe('buy 3 units with a code and a bundle, return 1 then 2', () => {
  it.each([
    ['DE', 'WELCOME10', 'wh-eu'],
    ['JP', 'JPSALE', 'wh-us'],
  ])('%s: the refunds add up to what was paid, to the minor unit', async (market, code, location) => {
    const order = await buy(g, KEYS.web, { market, discountCodes: [code], lines: [{ sku: 'SKU-1002', quantity: 2 }, { sku: 'SKU-1003', quantity: 1 }] });
    const [a, b] = order.lines;
    // the bundle (on the lines) and the code (on the order) both priced it
    expect(order.promotion.lineItemPromotions.length).toBe(2);
    expect(order.promotion.discountCodes.map((c: any) => c.code.toUpperCase())).toEqual([code]);
    const paid = minor(order.payment.amount.amount);
    expect(minor(a.paid.amount) + minor(b.paid.amount)).toBe(paid);
    expect(minor(a.paid.amount)).toBeLessThan(minor(order.totals.subtotal.amount));
    const stockBefore = [await onHand(g, 'SKU-1002', location), await onHand(g, 'SKU-1003', location)];

    const early = await act(g, RETURN, { o: order.id, l: [{ lineId: a.id, quantity: 1, reason: 'UNWANTED' }], loc: location, k: 'r-early' }, KEYS.operations);
    expect(early.userErrors.map((e: any) => e.code)).toEqual(['NOT_RETURNABLE']);

    const part = await act(g, FULFIL, { o: order.id, l: [{ lineId: a.id, quantity: 2 }], loc: location, k: 'ship-1' }, KEYS.operations);
    expect(part.userErrors).toEqual([]);
    expect(part.order.status).toBe('PARTIALLY_FULFILLED');
    const shipped = await act(g, FULFIL, { o: order.id, l: [{ lineId: b.id, quantity: 1 }], loc: location, k: 'ship-2' }, KEYS.operations);
    expect(shipped.order.status).toBe('FULFILLED');

    const first = await act(g, RETURN, { o: order.id, l: [{ lineId: a.id, quantity: 1, reason: 'UNWANTED' }], loc: location, k: 'r-1' }, KEYS.operations);
    expect(first.userErrors).toEqual([]);
    expect(first.order.status).toBe('PARTIALLY_RETURNED');
    const second = await act(g, RETURN, { o: order.id, l: [{ lineId: a.id, quantity: 1, reason: 'WRONG_ITEM' }, { lineId: b.id, quantity: 1, reason: 'UNWANTED' }], loc: location, k: 'r-2' }, KEYS.operations);
    expect(second.userErrors).toEqual([]);
    expect(second.order.status).toBe('RETURNED');
    expect([first.refund.status, second.refund.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(minor(first.refund.amount.amount) + minor(second.refund.amount.amount)).toBe(paid);
    // one unit of line a: half of what the line cost, half-even
    const half = minor(a.paid.amount) / 2;
    expect(minor(first.refund.amount.amount)).toBe(Number.isInteger(half) ? half : Math.floor(half) % 2 === 0 ? Math.floor(half) : Math.ceil(half));
    expect(second.order.refundedTotal).toEqual({ amount: order.payment.amount.amount, currencyCode: order.currencyCode });
    const paidOut = psp.refunds.filter((r) => r.orderId === order.id);
    expect(paidOut.reduce((n, r) => n + minor(r.amount), 0)).toBe(paid);
    expect(paidOut.every((r) => r.currencyCode === order.currencyCode)).toBe(true);

    // who and why, per action
    expect(second.order.afterSales.map((x: any) => [x.kind, x.actor])).toEqual([
      ['FULFIL', 'demo:operations'],
      ['FULFIL', 'demo:operations'],
      ['RETURN', 'demo:operations'],
      ['RETURN', 'demo:operations'],
    ]);
    // the units are back on hand where the store put them
    await waitFor(() => tasksDone(g), { what: 'follow-up tasks' });
    expect([await onHand(g, 'SKU-1002', location), await onHand(g, 'SKU-1003', location)]).toEqual([stockBefore[0] + 2, stockBefore[1] + 1]);
    const events = (await eventsOf(g, order.id)).map((e) => e.type);
    expect(events.filter((t) => t === 'OrderReturned')).toHaveLength(2);
    expect(events.filter((t) => t === 'RefundIssued')).toHaveLength(2);
    expect(events).toContain('OrderFulfilled');

    // nothing is left to return
    const more = await act(g, RETURN, { o: order.id, l: [{ lineId: b.id, quantity: 1, reason: 'UNWANTED' }], loc: location, k: 'r-3' }, KEYS.operations);
    expect(more.userErrors.map((e: any) => e.code)).toEqual(['NOT_RETURNABLE']);
  });

  it('the same key again gives the same answer; another action under it is refused', async () => {
    const order = await buy(g, KEYS.web, { market: 'DE', lines: [{ sku: 'SKU-1005', quantity: 2 }] });
    const lineId = order.lines[0].id;
    await act(g, FULFIL, { o: order.id, l: [{ lineId, quantity: 2 }], loc: 'wh-eu', k: 'f' }, KEYS.operations);
    const vars = { o: order.id, l: [{ lineId, quantity: 1, reason: 'DAMAGED' }], loc: null, k: 'same' };
    const a = await act(g, RETURN, vars, KEYS.operations);
    const b = await act(g, RETURN, vars, KEYS.operations);
    expect(a.userErrors).toEqual([]);
    expect(b.action.id).toBe(a.action.id);
    expect(b.refund.id).toBe(a.refund.id);
    expect(b.order.lines[0].returnedQuantity).toBe(1);
    // a damaged unit is written off: no restock location needed
    expect(b.order.afterSales[1].lines[0].disposition).toBe('WRITTEN_OFF');
    const reused = await act(g, RETURN, { ...vars, l: [{ lineId, quantity: 1, reason: 'UNWANTED' }], loc: 'wh-eu' }, KEYS.operations);
    expect(reused.userErrors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });
});

describe('bad input changes nothing', () => {
  it('answers coded errors for unknown lines, bad quantities, duplicates, missing locations, reasons and keys', async () => {
    const order = await buy(g, KEYS.web, { market: 'DE', lines: [{ sku: 'SKU-1007', quantity: 1 }] });
    const lineId = order.lines[0].id;
    const codes = async (query: string, vars: Record<string, unknown>, key = KEYS.operations) => (await act(g, query, vars, key)).userErrors.map((e: any) => e.code);
    expect(await codes(FULFIL, { o: order.id, l: [{ lineId: 'nope', quantity: 1 }], loc: 'wh-eu', k: 'x1' })).toEqual(['LINE_NOT_FOUND']);
    expect(await codes(FULFIL, { o: order.id, l: [{ lineId, quantity: 0 }], loc: 'wh-eu', k: 'x2' })).toEqual(['INVALID_QUANTITY']);
    expect(await codes(FULFIL, { o: order.id, l: [{ lineId, quantity: 1 }, { lineId, quantity: 1 }], loc: 'wh-eu', k: 'x3' })).toEqual(['DUPLICATE_LINE']);
    expect(await codes(FULFIL, { o: order.id, l: [{ lineId, quantity: 2 }], loc: 'wh-eu', k: 'x4' })).toEqual(['NOTHING_TO_FULFIL']);
    expect(await codes(FULFIL, { o: order.id, l: [{ lineId, quantity: 1 }], loc: 'atlantis', k: 'x5' })).toEqual(['LOCATION_NOT_FOUND']);
    expect(await codes(FULFIL, { o: order.id, l: [{ lineId, quantity: 1 }], loc: 'wh-eu', k: ' ' })).toEqual(['INVALID_IDEMPOTENCY_KEY']);
    expect(await codes(FULFIL, { o: 'no-such-order', l: [{ lineId, quantity: 1 }], loc: 'wh-eu', k: 'x6' })).toEqual(['ORDER_NOT_FOUND']);
    await act(g, FULFIL, { o: order.id, l: [{ lineId, quantity: 1 }], loc: 'wh-eu', k: 'ok' }, KEYS.operations);
    expect(await codes(RETURN, { o: order.id, l: [{ lineId, quantity: 1, reason: 'UNWANTED' }], loc: null, k: 'x7' })).toEqual(['RESTOCK_LOCATION_REQUIRED']);
    expect(await codes(RETURN, { o: order.id, l: [{ lineId, quantity: 2, reason: 'UNWANTED' }], loc: 'wh-eu', k: 'x8' })).toEqual(['NOT_RETURNABLE']);
    expect(await codes(RETURN, { o: order.id, l: [{ lineId, quantity: -1, reason: 'UNWANTED' }], loc: 'wh-eu', k: 'x9' })).toEqual(['INVALID_QUANTITY']);
    expect(await codes(CANCEL, { o: order.id, r: 'changed my mind', k: 'c1' })).toEqual(['ORDER_ALREADY_FULFILLED']);
    const unchanged = (await g.gql(ORDER, { id: order.id }, KEYS.web)).data.order;
    expect(unchanged.status).toBe('FULFILLED');
    expect(unchanged.lines[0]).toMatchObject({ fulfilledQuantity: 1, returnedQuantity: 0 });
    expect(unchanged.refunds).toEqual([]);
    // a key of another channel does not see the order; the marketing key may not act at all
    expect(await codes(RETURN, { o: order.id, l: [{ lineId, quantity: 1, reason: 'UNWANTED' }], loc: 'store-berlin-1', k: 'x10' }, KEYS.pos)).toEqual(['ORDER_NOT_FOUND']);
    const denied = await g.gql(RETURN, { o: order.id, l: [{ lineId, quantity: 1, reason: 'UNWANTED' }], loc: 'wh-eu', k: 'x11' }, KEYS.marketing);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('cancel', () => {
  it('a customer cancels their own order: stock back, a budget-1 code usable again, refunded, OrderCancelled', async () => {
    await campaign({ name: 'Only once', market: 'DE', couponRequired: true, codes: ['ONLYONCE'], budget: { maxRedemptions: 1 }, validUntil: '2029-12-31T00:00:00Z', conditions: [{ type: 'minSubtotal', args: { amount: '20.00' } }], effect: { type: 'amountOffCart', args: { amount: '1.00' } } });
    const alice = await g.asCustomer('alice-after-sales');
    const stockBefore = await onHand(g, 'SKU-1011', 'wh-eu');
    const order = await buy(g, KEYS.web, { market: 'DE', discountCodes: ['ONLYONCE'], lines: [{ sku: 'SKU-1011', quantity: 2 }] }, alice);
    expect(order.promotion.discountCodes.map((c: any) => c.code.toUpperCase())).toEqual(['ONLYONCE']);
    await waitFor(() => tasksDone(g), { what: 'the order is committed' });
    expect(await onHand(g, 'SKU-1011', 'wh-eu')).toBe(stockBefore - 2);

    const used = await g.gql(CREATE_CART.replace('totals {', 'promotion { nonApplicableDiscountCodes { code reason } } totals {'), { i: { market: 'DE', discountCodes: ['ONLYONCE'], lines: [{ sku: 'SKU-1011', quantity: 1 }] } }, KEYS.web);
    expect(used.data.createCart.cart.promotion.nonApplicableDiscountCodes).toEqual([{ code: 'ONLYONCE', reason: 'USAGE_LIMIT_REACHED' }]);

    // a guest on the same channel key, or another customer, cannot cancel it
    const guest = await act(g, CANCEL, { o: order.id, r: 'not mine', k: 'g1' }, KEYS.web);
    expect(guest.userErrors.map((e: any) => e.code)).toEqual(['ORDER_NOT_FOUND']);
    const bob = await act(g, CANCEL, { o: order.id, r: 'not mine', k: 'b1' }, KEYS.web, await g.asCustomer('bob-after-sales'));
    expect(bob.userErrors.map((e: any) => e.code)).toEqual(['ORDER_NOT_FOUND']);

    const cancelled = await act(g, CANCEL, { o: order.id, r: 'ordered by mistake', k: 'cancel-1' }, KEYS.web, alice);
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.order.status).toBe('CANCELLED');
    expect(cancelled.refund).toMatchObject({ status: 'SUCCEEDED', amount: order.payment.amount });
    const again = await act(g, CANCEL, { o: order.id, r: 'ordered by mistake', k: 'cancel-1' }, KEYS.web, alice);
    expect(again.action.id).toBe(cancelled.action.id);
    const other = await act(g, CANCEL, { o: order.id, r: 'again', k: 'cancel-2' }, KEYS.operations);
    expect(other.userErrors.map((e: any) => e.code)).toEqual(['ORDER_CANCELLED']);
    const ret = await act(g, RETURN, { o: order.id, l: [{ lineId: order.lines[0].id, quantity: 1, reason: 'DAMAGED' }], loc: null, k: 'r' }, KEYS.operations);
    expect(ret.userErrors.map((e: any) => e.code)).toEqual(['ORDER_CANCELLED']);

    await waitFor(() => tasksDone(g), { what: 'cancellation tasks' });
    expect(await onHand(g, 'SKU-1011', 'wh-eu')).toBe(stockBefore);
    const retry = await g.gql(CREATE_CART.replace('totals {', 'promotion { discountCodes { code } nonApplicableDiscountCodes { code reason } } totals {'), { i: { market: 'DE', discountCodes: ['ONLYONCE'], lines: [{ sku: 'SKU-1011', quantity: 1 }] } }, KEYS.web);
    expect(retry.data.createCart.cart.promotion.discountCodes.map((c: any) => c.code.toUpperCase())).toEqual(['ONLYONCE']);
    expect(psp.refunds.filter((r) => r.orderId === order.id).map((r) => r.amount)).toEqual([order.payment.amount.amount]);
    const events = await eventsOf(g, order.id);
    const event = events.find((e) => e.type === 'OrderCancelled')!;
    expect(event.payload).toMatchObject({ reason: 'ordered by mistake', actor: 'demo:web', order: { id: order.id, status: 'CANCELLED' } });
    expect(events.filter((e) => e.type === 'RefundIssued')).toHaveLength(1);
  });

  it('a cancellation right after placing (before the commit task ran) gives back every unit once', async () => {
    const before = await onHand(g, 'SKU-1013', 'wh-eu');
    const order = await buy(g, KEYS.web, { market: 'DE', lines: [{ sku: 'SKU-1013', quantity: 3 }] });
    const cancelled = await act(g, CANCEL, { o: order.id, r: 'fraud check failed', k: 'c' }, KEYS.operations);
    expect(cancelled.userErrors).toEqual([]);
    await waitFor(() => tasksDone(g), { what: 'tasks' });
    expect(await onHand(g, 'SKU-1013', 'wh-eu')).toBe(before);
    const reserved = await g.services.inventory.db.get<{ reserved: number }>("SELECT reserved FROM stock WHERE sku = 'SKU-1013' AND location = 'wh-eu'");
    expect(Number(reserved!.reserved)).toBe(0);
  });
});

describe('adjustments and refused refunds', () => {
  it('a tax rounding correction is an adjustment with a reason code, a note and an author; never more than was paid', async () => {
    const order = await buy(g, KEYS.web, { market: 'DE', lines: [{ sku: 'SKU-1015', quantity: 1 }] });
    const input = { reason: 'TAX_CORRECTION', amount: { amount: '0.01', currencyCode: 'EUR' }, note: 'the tax was rounded incorrectly' };
    const adjusted = await act(g, ADJUST, { o: order.id, i: input, k: 'adj-1' }, KEYS.operations);
    expect(adjusted.userErrors).toEqual([]);
    expect(adjusted.refund).toMatchObject({ status: 'SUCCEEDED', amount: { amount: '0.01', currencyCode: 'EUR' } });
    const view = (await g.gql(ORDER, { id: order.id }, KEYS.web)).data.order;
    expect(view.afterSales).toEqual([expect.objectContaining({ kind: 'ADJUST', actor: 'demo:operations', reason: 'the tax was rounded incorrectly', adjustmentReason: 'TAX_CORRECTION', amount: { amount: '0.01' } })]);
    const codes = async (i: Record<string, unknown>, key = KEYS.operations) => (await act(g, ADJUST, { o: order.id, i: { ...input, ...i }, k: `adj-${JSON.stringify(i)}` }, key)).userErrors.map((e: any) => e.code);
    expect(await codes({ amount: order.payment.amount })).toEqual(['EXCEEDS_PAID']);
    expect(await codes({ amount: { amount: '-1.00', currencyCode: 'EUR' } })).toEqual(['INVALID_AMOUNT']);
    expect(await codes({ amount: { amount: '1.00', currencyCode: 'JPY' } })).toEqual(['CURRENCY_MISMATCH']);
    expect(await codes({ note: '  ' })).toEqual(['INVALID_REASON']);
    const denied = await g.gql(ADJUST, { o: order.id, i: input, k: 'adj-pos' }, KEYS.pos);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a refund the provider refuses stays visible and is retried by an operator', async () => {
    const reference = `psp-refusing-${Date.now()}`;
    psp.refusing.add(reference);
    const order = await buy(g, KEYS.web, { market: 'DE', lines: [{ sku: 'SKU-1017', quantity: 1 }] }, {}, reference);
    const cancelled = await act(g, CANCEL, { o: order.id, r: 'out of stock at the warehouse', k: 'c' }, KEYS.operations);
    expect(cancelled.refund).toMatchObject({ status: 'REFUSED', failure: 'card account closed' });
    const view = (await g.gql(ORDER, { id: order.id }, KEYS.web)).data.order;
    expect(view.refunds).toEqual([expect.objectContaining({ status: 'REFUSED', failure: 'card account closed', tries: 1 })]);
    expect(view.refundedTotal.amount).toBe('0.00');
    expect((await eventsOf(g, order.id)).map((e) => e.type)).toContain('RefundRefused');
    const metrics = await (await fetch(new URL('/metrics', g.services.orders.url))).text();
    expect(metrics).toMatch(/^orders_refunds_open\{status="REFUSED",service="orders"\} [1-9]/m);

    psp.refusing.delete(reference);
    const retried = await act(g, RETRY_REFUND, { r: cancelled.refund.id }, KEYS.operations);
    expect(retried.userErrors).toEqual([]);
    expect(retried.refund.status).toBe('SUCCEEDED');
    expect(retried.order.refundedTotal).toEqual(order.payment.amount);
    const twice = await act(g, RETRY_REFUND, { r: cancelled.refund.id }, KEYS.operations);
    expect(twice.userErrors.map((e: any) => e.code)).toEqual(['REFUND_NOT_REFUSED']);
    expect(psp.refunds.filter((r) => r.orderId === order.id)).toHaveLength(1);
  });

  it('a provider timeout leaves the refund pending; the follow-up task pays it once', async () => {
    const order = await buy(g, KEYS.web, { market: 'DE', lines: [{ sku: 'SKU-1019', quantity: 1 }] });
    // the provider is down for as long as the cancellation tries (the follow-up task may try too,
    // with the same idempotency key): the refund stays pending
    psp.server.fail({ status: 503, times: 1_000_000, path: /refunds/ });
    const cancelled = await act(g, CANCEL, { o: order.id, r: 'customer called', k: 'c' }, KEYS.operations);
    expect(cancelled.refund.status).toBe('PENDING');
    psp.server.clearFaults();
    const view = await waitFor(async () => {
      const o = (await g.gql(ORDER, { id: order.id }, KEYS.web)).data.order;
      return o.refunds[0].status === 'SUCCEEDED' ? o : null;
    }, { what: 'the refund is paid by the retried task' });
    expect(view.refunds[0].tries).toBeGreaterThanOrEqual(2);
    expect(psp.refunds.filter((r) => r.orderId === order.id)).toHaveLength(1);
  });
});
