import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/** The storefront flow through the real gateway and five subgraphs over HTTP. */
let g: TestGraph;
const contract = readFileSync('clients/storefront.graphql', 'utf8');
const op = (name: string) => ({ query: contract, operationName: name });

async function run(name: string, variables: Record<string, unknown>, key: string = KEYS.web) {
  const res = await fetch(g.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ ...op(name), variables }),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
}

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

describe('browse', () => {
  it('pages through products with prices and availability', async () => {
    const first = await run('Products', { market: 'DE', first: 20 });
    expect(first.errors).toBeUndefined();
    const edges = first.data.products.edges;
    expect(edges).toHaveLength(20);
    expect(edges[0].node).toMatchObject({ sku: 'SKU-1001', price: { currencyCode: 'EUR' }, availability: { inStock: true } });
    expect(first.data.products.pageInfo.hasNextPage).toBe(true);
    const second = await run('Products', { market: 'DE', first: 50, after: first.data.products.pageInfo.endCursor });
    expect(second.data.products.edges).toHaveLength(40);
    expect(second.data.products.pageInfo.hasNextPage).toBe(false);
    const out = second.data.products.edges.find((e: any) => e.node.sku === 'SKU-1060');
    expect(out.node.availability).toEqual({ inStock: false, quantityAvailable: 0 });
  });

  it('shows a product with typed attributes; JPY without decimals', async () => {
    const res = await run('Product', { sku: 'SKU-1003', market: 'JP' });
    expect(res.data.product.attributes).toContainEqual({ type: 'color/v1', data: { name: 'black' } });
    expect(res.data.product.price.currencyCode).toBe('JPY');
    expect(res.data.product.price.amount).toMatch(/^\d+$/);
  });

  it('refuses requests without a valid key', async () => {
    const res = await run('Products', { market: 'DE' }, 'not-a-key');
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('cart and order', () => {
  let cartId: string;
  let version: number;
  let lineId: string;

  it('creates a cart; the channel comes from the key', async () => {
    const kiosk = await run('CreateCart', { input: { market: 'DE' } }, KEYS.kiosk);
    expect(kiosk.data.createCart.cart.channel).toBe('kiosk');
    const res = await run('CreateCart', { input: { market: 'DE' } });
    expect(res.data.createCart.userErrors).toEqual([]);
    const cart = res.data.createCart.cart;
    expect(cart).toMatchObject({ version: 1, market: 'DE', channel: 'web', currencyCode: 'EUR', lines: [], discountCodes: [] });
    expect(cart.totals.total).toEqual({ amount: '0.00', currencyCode: 'EUR' });
    cartId = cart.id;
    version = cart.version;
  });

  it('accepts a valid code on an empty cart and reports why it does not apply yet', async () => {
    const res = await run('ApplyDiscountCode', { cartId, expectedVersion: version, code: 'WELCOME10' });
    expect(res.data.applyDiscountCode.userErrors).toEqual([]);
    const cart = res.data.applyDiscountCode.cart;
    expect(cart.discountCodes).toEqual(['WELCOME10']);
    expect(cart.promotion.nonApplicableDiscountCodes).toEqual([
      expect.objectContaining({ code: 'WELCOME10', reason: expect.stringMatching(/MIN_SUBTOTAL_NOT_REACHED|NO_QUALIFYING_ITEMS/) }),
    ]);
    version = cart.version;
    expect(version).toBe(2);
  });

  it('refuses an unknown code, and a code of another market, identically', async () => {
    const unknown = await run('ApplyDiscountCode', { cartId, expectedVersion: version, code: 'NOPE-123' });
    const foreign = await run('ApplyDiscountCode', { cartId, expectedVersion: version, code: 'SUMMER5' });
    expect(unknown.data.applyDiscountCode.userErrors[0].code).toBe('DISCOUNT_CODE_INVALID');
    expect(foreign.data.applyDiscountCode.userErrors[0].code).toBe('DISCOUNT_CODE_INVALID');
    expect(unknown.data.applyDiscountCode.userErrors[0].message.replace('NOPE-123', 'X')).toBe(
      foreign.data.applyDiscountCode.userErrors[0].message.replace('SUMMER5', 'X'),
    );
  });

  it('adds lines; the code applies once the subtotal reaches 50.00', async () => {
    const res = await run('AddCartLines', { cartId, expectedVersion: version, lines: [{ sku: 'SKU-1002', quantity: 3 }] });
    expect(res.data.addCartLines.userErrors).toEqual([]);
    const cart = res.data.addCartLines.cart;
    expect(cart.version).toBe(3);
    const line = cart.lines[0];
    lineId = line.id;
    const unit = Number(line.unitPrice.amount.replace('.', ''));
    const subtotal = unit * 3;
    expect(cart.totals.subtotal.amount).toBe((subtotal / 100).toFixed(2));
    expect(subtotal).toBeGreaterThanOrEqual(5000);
    const discount = cart.promotion.discountCodes.find((d: any) => d.code === 'WELCOME10');
    expect(discount).toBeDefined();
    expect(cart.promotion.provider).toBe('native');
    expect(Number(cart.totals.total.amount.replace('.', '')) + Number(cart.totals.discount.amount.replace('.', ''))).toBe(subtotal);
    expect(line.availability.inStock).toBe(true);
    version = cart.version;
  });

  it('refuses a stale version and changes nothing', async () => {
    const stale = await run('UpdateCartLine', { cartId, expectedVersion: version - 1, lineId, quantity: 5 });
    expect(stale.data.updateCartLine).toMatchObject({ cart: null, userErrors: [{ code: 'VERSION_CONFLICT', field: 'expectedVersion' }] });
    const read = await run('Cart', { id: cartId });
    expect(read.data.cart.version).toBe(version);
    expect(read.data.cart.lines[0].quantity).toBe(3);
  });

  it('refuses bad input with coded errors and nothing changed', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['AddCartLines', { cartId, expectedVersion: version, lines: [{ sku: 'SKU-0000', quantity: 1 }] }, 'PRODUCT_NOT_FOUND'],
      ['AddCartLines', { cartId, expectedVersion: version, lines: [{ sku: 'SKU-1001', quantity: 0 }] }, 'INVALID_QUANTITY'],
      ['AddCartLines', { cartId, expectedVersion: version, lines: [{ sku: 'SKU-1001', quantity: 1000 }] }, 'QUANTITY_LIMIT_EXCEEDED'],
      ['AddCartLines', { cartId, expectedVersion: version, lines: [{ sku: 'SKU-1060', quantity: 1 }] }, 'OUT_OF_STOCK'],
      ['UpdateCartLine', { cartId, expectedVersion: version, lineId, quantity: -1 }, 'INVALID_QUANTITY'],
      ['RemoveCartLine', { cartId, expectedVersion: version, lineId: 'nope' }, 'LINE_NOT_FOUND'],
      ['AddCartLines', { cartId: 'no-such-cart', expectedVersion: 1, lines: [{ sku: 'SKU-1001', quantity: 1 }] }, 'CART_NOT_FOUND'],
    ];
    for (const [name, variables, code] of cases) {
      const res = await run(name, variables);
      const payload = Object.values(res.data)[0] as any;
      expect(payload.userErrors[0]?.code, `${name} ${JSON.stringify(variables)}`).toBe(code);
      expect(payload.cart).toBeNull();
    }
    const read = await run('Cart', { id: cartId });
    expect(read.data.cart.version).toBe(version);
    expect(read.data.cart.lines).toHaveLength(1);
  });

  it('keeps the shipping address as an opaque typed blob', async () => {
    const address = { type: 'address/v1', data: { name: 'Erika Mustermann', street: 'Unter den Linden 1', city: 'Berlin', country: 'DE', extra: { floor: 3 } } };
    const res = await run('SetShippingAddress', { cartId, expectedVersion: version, address });
    expect(res.data.setShippingAddress.cart.shippingAddress).toEqual(address);
    version = res.data.setShippingAddress.cart.version;
  });

  it('raises a persisted PRICE_CHANGED warning when the merchant changes a price', async () => {
    const set = await g.gql(
      'mutation { setPrice(input: { sku: "SKU-1002", market: "DE", amount: "40.00" }) { userErrors { code } } }',
      {},
      KEYS.marketing,
    );
    expect(set.data.setPrice.userErrors).toEqual([]);
    const read = await run('Cart', { id: cartId });
    const cart = read.data.cart;
    expect(cart.lines[0].unitPrice.amount).toBe('40.00');
    expect(cart.warnings).toContainEqual(expect.objectContaining({ code: 'PRICE_CHANGED', lineId }));
    const again = await run('Cart', { id: cartId });
    expect(again.data.cart.warnings.filter((w: any) => w.code === 'PRICE_CHANGED')).toHaveLength(1);
    const ack = await run('AcknowledgeCartWarnings', { cartId, expectedVersion: again.data.cart.version });
    expect(ack.data.acknowledgeCartWarnings.cart.warnings).toEqual([]);
    version = ack.data.acknowledgeCartWarnings.cart.version;
  });

  let orderId: string;
  let total: { amount: string; currencyCode: string };

  it('refuses a payment that does not equal the total, reserving nothing', async () => {
    const read = await run('Cart', { id: cartId });
    total = read.data.cart.totals.total;
    expect(total.amount).toBe('108.00'); // 3 × 40.00 − 10%
    const res = await run('PlaceOrder', { cartId, idempotencyKey: 'k-mismatch', payment: { reference: 'psp-1', amount: { amount: '1.00', currencyCode: 'EUR' } } });
    expect(res.data.placeOrder).toMatchObject({ order: null, userErrors: [{ code: 'PAYMENT_AMOUNT_MISMATCH' }] });
  });

  it('places the order with the cart promotion object and its event', async () => {
    const res = await run('PlaceOrder', { cartId, idempotencyKey: 'k-1', payment: { reference: 'psp-1', amount: total } });
    expect(res.data.placeOrder.userErrors).toEqual([]);
    const order = res.data.placeOrder.order;
    orderId = order.id;
    expect(order).toMatchObject({ status: 'PLACED', market: 'DE', channel: 'web', totals: { total } });
    expect(order.number).toMatch(/^\d+$/);
    expect(order.promotion.discountCodes[0]).toMatchObject({ code: 'WELCOME10', amount: { amount: '12.00', currencyCode: 'EUR' } });
    expect(order.lines).toEqual([{ sku: 'SKU-1002', quantity: 3, unitPrice: { amount: '40.00', currencyCode: 'EUR' } }]);
    expect(order.shippingAddress.type).toBe('address/v1');
    const events = await g.services.orders.db.all<{ type: string; payload: string }>('SELECT type, payload FROM outbox WHERE aggregate_id = ?', [orderId]);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].payload)).toMatchObject({ type: 'OrderCreated', schemaVersion: 1, order: { id: orderId, number: order.number } });
  });

  it('replays the same key with the same answer, and refuses the key for other input', async () => {
    const again = await run('PlaceOrder', { cartId, idempotencyKey: 'k-1', payment: { reference: 'psp-1', amount: total } });
    expect(again.data.placeOrder.order.id).toBe(orderId);
    const other = await run('PlaceOrder', { cartId, idempotencyKey: 'k-1', payment: { reference: 'psp-2', amount: total } });
    expect(other.data.placeOrder.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    const count = await g.services.orders.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM orders');
    expect(Number(count?.n)).toBe(1);
  });

  it('reads the order back; stock left the warehouse; the cart is closed', async () => {
    const res = await run('Order', { id: orderId });
    expect(res.data.order.id).toBe(orderId);
    const stock = await g.gql('{ product(sku: "SKU-1002") { stockLevel(location: "wh-eu") { onHand reserved } } }', {}, KEYS.pos);
    expect(stock.data.product.stockLevel.reserved).toBe(0);
    const more = await run('AddCartLines', { cartId, expectedVersion: version + 1, lines: [{ sku: 'SKU-1001', quantity: 1 }] });
    expect(more.data.addCartLines.userErrors[0].code).toBe('CART_ALREADY_ORDERED');
  });

  it('refuses an order when stock ran out, reserving nothing', async () => {
    const a = await run('CreateCart', { input: { market: 'DE' } });
    const cart = a.data.createCart.cart;
    const add = await run('AddCartLines', { cartId: cart.id, expectedVersion: 1, lines: [{ sku: 'SKU-1058', quantity: 1 }] });
    const t = add.data.addCartLines.cart.totals.total;
    const b = await run('CreateCart', { input: { market: 'DE', lines: [] } });
    await run('AddCartLines', { cartId: b.data.createCart.cart.id, expectedVersion: 1, lines: [{ sku: 'SKU-1058', quantity: 1 }] });
    const first = await run('PlaceOrder', { cartId: b.data.createCart.cart.id, idempotencyKey: 'k-b', payment: { reference: 'p', amount: t } });
    expect(first.data.placeOrder.userErrors).toEqual([]);
    const second = await run('PlaceOrder', { cartId: cart.id, idempotencyKey: 'k-a', payment: { reference: 'p', amount: t } });
    expect(second.data.placeOrder.userErrors[0].code).toBe('OUT_OF_STOCK');
  });
});
