import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minor, onHand, tasksDone } from './support/afterSales.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { waitFor } from './support/wait.ts';

/** The after-sales operations of clients/pos-after-sales.graphql and clients/storefront-after-sales.graphql, unchanged, through the gateway. */
let g: TestGraph;

async function op(file: string, operationName: string, variables: Record<string, unknown>, key: string, headers: Record<string, string> = {}) {
  const res = await fetch(g.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify({ query: readFileSync(`clients/${file}`, 'utf8'), operationName, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: any[] };
  expect(body.errors, `${operationName}: ${JSON.stringify(body.errors)}`).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

async function storeSale(lines: { sku: string; quantity: number }[], reference: string) {
  const created = await op('pos.graphql', 'CreateStoreCart', { input: { market: 'DE', location: 'store-berlin-1', discountCodes: ['WELCOME10'], lines } }, KEYS.pos);
  expect(created.createCart.userErrors).toEqual([]);
  const cart = (await op('storefront.graphql', 'Cart', { id: created.createCart.cart.id }, KEYS.pos)).cart;
  const placed = await op('storefront.graphql', 'PlaceOrder', { cartId: cart.id, idempotencyKey: `till-${reference}`, payment: { reference, amount: cart.totals.total } }, KEYS.pos);
  expect(placed.placeOrder.userErrors).toEqual([]);
  return (await op('pos-after-sales.graphql', 'StoreOrder', { id: placed.placeOrder.order.id }, KEYS.pos)).order;
}

describe('point of sale after the sale', () => {
  it('hands over, takes back (restocked and written off), refunds to the cent', async () => {
    const order = await storeSale([{ sku: 'SKU-1004', quantity: 2 }, { sku: 'SKU-1006', quantity: 3 }], 'card-4711');
    expect(order.status).toBe('PLACED');
    const lines = order.lines.map((l: any) => ({ lineId: l.id, quantity: l.quantity }));
    const handed = await op('pos-after-sales.graphql', 'HandOverOrderLines', { orderId: order.id, lines, location: 'store-berlin-1', idempotencyKey: 'hand-over' }, KEYS.pos);
    expect(handed.fulfilOrderLines.userErrors).toEqual([]);
    expect(handed.fulfilOrderLines.order.status).toBe('FULFILLED');
    await waitFor(() => tasksDone(g), { what: 'the sale committed' });
    const before = await onHand(g, 'SKU-1006', 'store-berlin-1');

    const [a, b] = order.lines;
    const first = await op('pos-after-sales.graphql', 'ReturnOrderLines', {
      orderId: order.id, restockLocation: 'store-berlin-1', idempotencyKey: 'ret-1',
      lines: [{ lineId: b.id, quantity: 2, reason: 'UNWANTED' }, { lineId: a.id, quantity: 1, reason: 'DAMAGED' }],
    }, KEYS.pos);
    expect(first.returnOrderLines.userErrors).toEqual([]);
    expect(first.returnOrderLines.action.lines.map((l: any) => l.disposition)).toEqual(['RESTOCKED', 'WRITTEN_OFF']);
    expect(first.returnOrderLines.order.status).toBe('PARTIALLY_RETURNED');
    const second = await op('pos-after-sales.graphql', 'ReturnOrderLines', {
      orderId: order.id, restockLocation: 'store-berlin-1', idempotencyKey: 'ret-2',
      lines: [{ lineId: a.id, quantity: 1, reason: 'UNWANTED' }, { lineId: b.id, quantity: 1, reason: 'WRONG_ITEM' }],
    }, KEYS.pos);
    const done = second.returnOrderLines.order;
    expect(done.status).toBe('RETURNED');
    expect(minor(first.returnOrderLines.refund.amount.amount) + minor(second.returnOrderLines.refund.amount.amount)).toBe(minor(order.totals.total.amount));
    expect(done.refundedTotal).toEqual(order.totals.total);
    await waitFor(() => tasksDone(g), { what: 'restocked' });
    // 3 of SKU-1006 back on the shelf; the damaged SKU-1004 unit written off, the other one restocked
    expect(await onHand(g, 'SKU-1006', 'store-berlin-1')).toBe(before + 3);
  });

  it('cancels a store order nothing was handed over from; a key of another channel cannot', async () => {
    const order = await storeSale([{ sku: 'SKU-1008', quantity: 1 }], 'card-4712');
    const denied = await op('storefront-after-sales.graphql', 'CancelOrder', { orderId: order.id, reason: 'wrong size', idempotencyKey: 'c' }, KEYS.kiosk);
    expect(denied.cancelOrder.userErrors.map((e: any) => e.code)).toEqual(['ORDER_NOT_FOUND']);
    const cancelled = await op('pos-after-sales.graphql', 'CancelStoreOrder', { orderId: order.id, reason: 'wrong size', idempotencyKey: 'c' }, KEYS.pos);
    expect(cancelled.cancelOrder.userErrors).toEqual([]);
    expect(cancelled.cancelOrder.order.status).toBe('CANCELLED');
    expect(cancelled.cancelOrder.refund.amount).toEqual(order.totals.total);
  });
});

describe('offline sales after the sale', () => {
  it('an imported till sale was handed over: it is returned, not cancelled', async () => {
    const price = (await op('pos.graphql', 'ScanItem', { sku: 'SKU-1014', market: 'DE', location: 'store-berlin-1' }, KEYS.pos)).product.price;
    const imported = await op('pos.graphql', 'ImportOfflineOrders', {
      orders: [{ externalId: 'till-9-0001', market: 'DE', location: 'store-berlin-1', occurredAt: '2026-11-01T09:00:00Z', lines: [{ sku: 'SKU-1014', quantity: 2, unitPrice: price }] }],
    }, KEYS.pos);
    const orderId = imported.importOrders.results[0].order.id;
    const order = (await op('pos-after-sales.graphql', 'StoreOrder', { id: orderId }, KEYS.pos)).order;
    expect(order.status).toBe('FULFILLED');
    expect(order.lines[0]).toMatchObject({ quantity: 2, fulfilledQuantity: 2, returnedQuantity: 0 });
    const cancel = await op('pos-after-sales.graphql', 'CancelStoreOrder', { orderId, reason: 'x', idempotencyKey: 'c' }, KEYS.pos);
    expect(cancel.cancelOrder.userErrors.map((e: any) => e.code)).toEqual(['ORDER_ALREADY_FULFILLED']);
    const returned = await op('pos-after-sales.graphql', 'ReturnOrderLines', { orderId, lines: [{ lineId: order.lines[0].id, quantity: 1, reason: 'UNWANTED' }], restockLocation: 'store-berlin-1', idempotencyKey: 'r' }, KEYS.pos);
    expect(returned.returnOrderLines.userErrors).toEqual([]);
    expect(returned.returnOrderLines.refund.amount).toEqual(price);
    expect(returned.returnOrderLines.order.status).toBe('PARTIALLY_RETURNED');
  });
});

describe('storefront', () => {
  it('a signed-in customer cancels their own order; a guest order cannot be cancelled by the shop key alone', async () => {
    const customer = await g.asCustomer('carol-cancels');
    const cart = (await op('storefront.graphql', 'CreateCart', { input: { market: 'FR', lines: [{ sku: 'SKU-1012', quantity: 1 }] } }, KEYS.web, customer)).createCart.cart;
    const placed = await op('storefront.graphql', 'PlaceOrder', { cartId: cart.id, idempotencyKey: 'carol-1', payment: { reference: 'psp-carol', amount: cart.totals.total } }, KEYS.web, customer);
    const orderId = placed.placeOrder.order.id;
    const vars = { orderId, reason: 'found it cheaper', idempotencyKey: 'carol-cancel' };
    const cancelled = await op('storefront-after-sales.graphql', 'CancelOrder', vars, KEYS.web, customer);
    expect(cancelled.cancelOrder.userErrors).toEqual([]);
    expect(cancelled.cancelOrder.order.status).toBe('CANCELLED');
    expect(cancelled.cancelOrder.order.refunds).toEqual([expect.objectContaining({ status: 'SUCCEEDED', amount: cart.totals.total })]);
    const again = await op('storefront-after-sales.graphql', 'CancelOrder', vars, KEYS.web, customer);
    expect(again.cancelOrder.refund.id).toBe(cancelled.cancelOrder.refund.id);

    const guestCart = (await op('storefront.graphql', 'CreateCart', { input: { market: 'FR', lines: [{ sku: 'SKU-1012', quantity: 1 }] } }, KEYS.web)).createCart.cart;
    const guestOrder = await op('storefront.graphql', 'PlaceOrder', { cartId: guestCart.id, idempotencyKey: 'guest-1', payment: { reference: 'psp-guest', amount: guestCart.totals.total } }, KEYS.web);
    const refused = await op('storefront-after-sales.graphql', 'CancelOrder', { orderId: guestOrder.placeOrder.order.id, reason: 'x', idempotencyKey: 'g' }, KEYS.web);
    expect(refused.cancelOrder.userErrors.map((e: any) => e.code)).toEqual(['NOT_ALLOWED']);
  });
});
