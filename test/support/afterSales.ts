import { expect } from 'vitest';
import type { TestGraph } from './graph.ts';

/** Operations and helpers of the after-sales tests (through the gateway). */
export const ORDER_FIELDS = `id number status currencyCode totals { subtotal { amount } discount { amount } total { amount currencyCode } }
  payment { amount { amount currencyCode } }
  lines { id sku quantity fulfilledQuantity returnedQuantity paid { amount } }
  promotion { discountCodes { code amount { amount } } lineItemPromotions { lineId discounts { name amount { amount } } } }
  refundedTotal { amount currencyCode }
  refunds { id status amount { amount currencyCode } failure providerReference tries }
  afterSales { kind actor reason adjustmentReason location amount { amount } lines { lineId quantity refund { amount } reason disposition } }`;

export const CREATE_CART = `mutation($i: CreateCartInput!) { createCart(input: $i) {
  cart { id lines { id sku quantity } totals { total { amount currencyCode } } } userErrors { code message } } }`;
export const PLACE = `mutation($c: ID!, $k: String!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: $k, payment: $p) {
  order { ${ORDER_FIELDS} } userErrors { code message } } }`;
const PAYLOAD = `order { ${ORDER_FIELDS} } action { id kind actor amount { amount } } refund { id status amount { amount currencyCode } failure } userErrors { code field message }`;
export const CANCEL = `mutation($o: ID!, $r: String!, $k: String!) { cancelOrder(orderId: $o, reason: $r, idempotencyKey: $k) { ${PAYLOAD} } }`;
export const FULFIL = `mutation($o: ID!, $l: [FulfilLineInput!]!, $loc: ID!, $k: String!) { fulfilOrderLines(orderId: $o, lines: $l, location: $loc, idempotencyKey: $k) { ${PAYLOAD} } }`;
export const RETURN = `mutation($o: ID!, $l: [ReturnLineInput!]!, $loc: ID, $k: String!) { returnOrderLines(orderId: $o, lines: $l, restockLocation: $loc, idempotencyKey: $k) { ${PAYLOAD} } }`;
export const ADJUST = `mutation($o: ID!, $i: OrderAdjustmentInput!, $k: String!) { adjustOrder(orderId: $o, input: $i, idempotencyKey: $k) { ${PAYLOAD} } }`;
export const RETRY_REFUND = `mutation($r: ID!) { retryRefund(refundId: $r) { ${PAYLOAD} } }`;
export const ORDER = `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

let counter = 0;

/** Creates a cart and places its order; returns the order. */
export async function buy(
  g: TestGraph,
  key: string,
  input: Record<string, unknown>,
  headers: Record<string, string> = {},
  reference = `psp-${Date.now()}-${++counter}`,
): Promise<any> {
  const created = await g.gql(CREATE_CART, { i: input }, key, headers);
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  expect(created.data.createCart.userErrors).toEqual([]);
  const cart = created.data.createCart.cart;
  const placed = await g.gql(PLACE, { c: cart.id, k: `buy-${++counter}`, p: { reference, amount: cart.totals.total } }, key, headers);
  expect(placed.errors, JSON.stringify(placed.errors)).toBeUndefined();
  expect(placed.data.placeOrder.userErrors).toEqual([]);
  return placed.data.placeOrder.order;
}

/** Runs an after-sales mutation and returns its payload (no GraphQL errors expected). */
export async function act(g: TestGraph, query: string, variables: Record<string, unknown>, key: string, headers: Record<string, string> = {}): Promise<any> {
  const res = await g.gql(query, variables, key, headers);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return Object.values(res.data as Record<string, unknown>)[0];
}

/** Decimal string → minor units (2 decimals, or none for JPY). */
export const minor = (amount: string) => Number(amount.replace('.', ''));

/** On hand of a SKU at a location (inventory's own table). */
export async function onHand(g: TestGraph, sku: string, location: string): Promise<number> {
  const row = await g.services.inventory.db.get<{ on_hand: number }>('SELECT on_hand FROM stock WHERE sku = ? AND location = ?', [sku, location]);
  return Number(row?.on_hand ?? 0);
}

/** Follow-up tasks of the orders service all done. */
export async function tasksDone(g: TestGraph): Promise<boolean> {
  const row = await g.services.orders.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM saga_tasks WHERE status <> 'DONE'");
  return Number(row!.n) === 0;
}

export async function eventsOf(g: TestGraph, orderId: string): Promise<{ type: string; payload: any }[]> {
  const rows = await g.services.orders.db.all<{ type: string; payload: string }>('SELECT type, payload FROM outbox WHERE aggregate_id = ? ORDER BY occurred_at, id', [orderId]);
  return rows.map((r) => ({ type: r.type, payload: JSON.parse(r.payload) }));
}
