import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * Every caller sees only what is theirs: a guest cart or order is read by the channel that created
 * it (with its unguessable id), marketers read no carts or orders, and quarantined orders (personal
 * data of every market) are for operations keys only.
 */
let g: TestGraph;
let cartId: string;
let orderId: string;
const CART = `query($id: ID!) { cart(id: $id) { id customerId shippingAddress { data } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id number shippingAddress { data } } }`;

beforeAll(async () => {
  g = await startTestGraph();
  const created = await g.gql(`mutation { createCart(input: { market: "DE", lines: [{ sku: "SKU-1001", quantity: 1 }] }) { cart { id version totals { total { amount currencyCode } } } } }`);
  const cart = created.data.createCart.cart;
  cartId = cart.id;
  const addressed = await g.gql(`mutation($id: ID!, $v: Int!) { setShippingAddress(cartId: $id, expectedVersion: $v, address: { type: "address/v1", data: { name: "Erika Mustermann", street: "Hauptstr. 1", phone: "+49 30 1234" } }) { cart { version } userErrors { code } } }`, { id: cartId, v: cart.version });
  expect(addressed.data.setShippingAddress.userErrors).toEqual([]);
  const placed = await g.gql(`mutation($id: ID!, $p: PaymentInput!) { placeOrder(cartId: $id, idempotencyKey: "own-1", payment: $p) { order { id } userErrors { code message } } }`, {
    id: cartId, p: { reference: 'psp-own-1', amount: cart.totals.total },
  });
  expect(placed.data.placeOrder.userErrors).toEqual([]);
  orderId = placed.data.placeOrder.order.id;
});
afterAll(async () => {
  await g?.stop();
});

describe('carts and orders by id', () => {
  it('are read by the channel that created them', async () => {
    const cart = await g.gql(CART, { id: cartId }, KEYS.web);
    expect(cart.data.cart.shippingAddress.data.name).toBe('Erika Mustermann');
    const order = await g.gql(ORDER, { id: orderId }, KEYS.web);
    expect(order.data.order.id).toBe(orderId);
  });

  it('are refused to marketing keys before any subgraph is called', async () => {
    for (const key of [KEYS.marketingDE, KEYS.marketing]) {
      const cart = await g.gql(CART, { id: cartId }, key);
      expect(cart.status).toBe(403);
      expect(cart.data ?? null).toBeNull();
      expect(cart.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const order = await g.gql(ORDER, { id: orderId }, key);
      expect(order.status).toBe(403);
      expect(order.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('do not exist for another channel', async () => {
    for (const key of [KEYS.kiosk, KEYS.inGame, KEYS.pos]) {
      const cart = await g.gql(`query($id: ID!) { cart(id: $id) { id lines { sku } } }`, { id: cartId }, key);
      expect(cart.data.cart).toBeNull();
      const order = await g.gql(`query($id: ID!) { order(id: $id) { id number } }`, { id: orderId }, key);
      expect(order.data.order).toBeNull();
    }
  });

  it('cannot be changed by another channel', async () => {
    const other = await g.gql(`mutation { createCart(input: { market: "DE" }) { cart { id version } } }`, {}, KEYS.web);
    const { id, version } = other.data.createCart.cart;
    const res = await g.gql(`mutation($id: ID!, $v: Int!) { addCartLines(cartId: $id, expectedVersion: $v, lines: [{ sku: "SKU-1002", quantity: 1 }]) { cart { id } userErrors { code } } }`, { id, v: version }, KEYS.kiosk);
    expect(res.data.addCartLines).toEqual({ cart: null, userErrors: [{ code: 'CART_NOT_FOUND' }] });
    const order = await g.gql(`mutation($id: ID!) { placeOrder(cartId: $id, idempotencyKey: "x-1", payment: { reference: "r", amount: { amount: "0.00", currencyCode: "EUR" } }) { order { id } userErrors { code } } }`, { id }, KEYS.kiosk);
    expect(order.data.placeOrder.userErrors[0].code).toBe('CART_NOT_FOUND');
  });
});

describe("a signed-in customer's cart and order", () => {
  it('are read by that customer from any channel, by no one else', async () => {
    const me = await g.asCustomer('cus-owner');
    const created = await g.gql(`mutation { createCart(input: { market: "DE", lines: [{ sku: "SKU-1003", quantity: 1 }] }) { cart { id totals { total { amount currencyCode } } } } }`, {}, KEYS.web, me);
    const cart = created.data.createCart.cart;
    const placed = await g.gql(`mutation($id: ID!, $p: PaymentInput!) { placeOrder(cartId: $id, idempotencyKey: "own-2", payment: $p) { order { id } userErrors { code } } }`, {
      id: cart.id, p: { reference: 'psp-own-2', amount: cart.totals.total },
    }, KEYS.web, me);
    const orderOfCustomer = placed.data.placeOrder.order.id;
    expect((await g.gql(ORDER, { id: orderOfCustomer }, KEYS.web, me)).data.order.id).toBe(orderOfCustomer);
    expect((await g.gql(`query($id: ID!) { order(id: $id) { id } }`, { id: orderOfCustomer }, KEYS.kiosk, me)).data.order.id).toBe(orderOfCustomer);
    // the same channel without the customer's token, or with another customer's, finds nothing
    expect((await g.gql(ORDER, { id: orderOfCustomer }, KEYS.web)).data.order).toBeNull();
    expect((await g.gql(ORDER, { id: orderOfCustomer }, KEYS.web, await g.asCustomer('cus-other'))).data.order).toBeNull();
    expect((await g.gql(CART, { id: cart.id }, KEYS.web)).data.cart).toBeNull();
  });
});

describe('quarantined orders', () => {
  it('are for operations keys only, not marketing keys', async () => {
    const imported = await g.gql(`mutation($o: [OfflineOrderInput!]!) { importOrders(orders: $o) { results { status } } }`, {
      o: [{ externalId: 'fr-till-1', market: 'FR', lines: [{ sku: 'SKU-9999', quantity: 1 }], shippingAddress: { type: 'address/v1', data: { name: 'Jean Dupont' } } }],
    }, KEYS.pos);
    expect(imported.data.importOrders.results[0].status).toBe('QUARANTINED');
    const Q = '{ quarantinedOrders { edges { node { id payload } } } }';
    for (const key of [KEYS.marketingDE, KEYS.marketing]) {
      const res = await g.gql(Q, {}, key);
      expect(res.status).toBe(403);
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    const ops = await g.gql(Q, {}, KEYS.operations);
    expect(ops.data.quarantinedOrders.edges).toHaveLength(1);
  });
});
