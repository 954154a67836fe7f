import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import type { RunningPromotions } from '../subgraphs/promotions/server.ts';
import type { PromotionProvider } from '../subgraphs/promotions/src/services/providers/provider.ts';
import { startTaxSimulator, type TaxSimulator } from './support/taxSimulator.ts';
import { waitFor } from './support/wait.ts';

/**
 * Tax behind the graph: the US market routed to a remote tax service (a local simulator). A service
 * that fails, hangs or answers wrongly refuses the order and reserves nothing; a tax-exempt customer
 * pays no tax; kiosk and in-game carts follow their contracts; concurrent selections conflict.
 */
let g: TestGraph;
let sim: TaxSimulator;

/** The native engine under a second name: a shadow that must agree with the primary on every cart. */
const twin: PromotionProvider = {
  name: 'native-twin',
  evaluate: (cart, ctx) => (g.services.promotions as RunningPromotions).registry.get('native')!.evaluate(cart, ctx),
  redeem: async () => ({ ok: true, userErrors: [] }),
  release: async () => undefined,
};

beforeAll(async () => {
  sim = await startTaxSimulator();
  g = await startTestGraph({
    promotionsOptions: { taxProviders: { remote: { sim: { url: sim.url, timeoutMs: 300 } }, markets: { US: 'sim' } }, taxTimeoutMs: 1000, providers: [twin] },
  });
});
afterAll(async () => {
  await g?.stop();
  await sim?.close();
});

const MONEY = '{ amount currencyCode }';
const TOTALS = `totals { subtotal ${MONEY} shipping ${MONEY} tax ${MONEY} taxIncluded taxStatus taxExempted ${MONEY} taxLines { kind rate name amount ${MONEY} } total ${MONEY} }`;
const CART = `id version customerId shippingMethod shippingOptions { code kind location price ${MONEY} } ${TOTALS}`;

async function usCart(headers: Record<string, string> = {}) {
  const created = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { ${CART} } userErrors { code } } }`, { i: { market: 'US', lines: [{ sku: 'SKU-1010', quantity: 2 }] } }, KEYS.web, headers);
  const cart = created.data.createCart.cart;
  const addressed = await g.gql(
    `mutation($c: ID!, $v: Int!, $a: TypedValueInput!) { setShippingAddress(cartId: $c, expectedVersion: $v, address: $a) { cart { ${CART} } } }`,
    { c: cart.id, v: cart.version, a: { type: 'address/v1', data: { country: 'US', region: 'NY', postalCode: '10001' } } },
    KEYS.web,
    headers,
  );
  return addressed.data.setShippingAddress.cart;
}

const readCart = async (id: string, headers: Record<string, string> = {}) => (await g.gql(`query($id: ID!) { cart(id: $id) { ${CART} } }`, { id }, KEYS.web, headers)).data.cart;

async function place(cart: any, key: string, headers: Record<string, string> = {}) {
  const res = await g.gql(
    `mutation($c: ID!, $k: String!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: $k, payment: $p) { order { id ${TOTALS} } userErrors { code message } } }`,
    { c: cart.id, k: key, p: { reference: `psp-${key}`, amount: cart.totals.total } },
    KEYS.web,
    headers,
  );
  return res.data.placeOrder;
}

/** every reservation inventory holds or held: a refused order adds none */
const reservations = async () => Number((await g.services.inventory.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM reservations', []))?.n);

describe('a remote tax service routed for the US', () => {
  it('taxes the cart through the service; the order keeps its lines', async () => {
    sim.mode = 'ok';
    const cart = await usCart();
    expect(cart.totals).toMatchObject({ taxStatus: 'CALCULATED', taxIncluded: false });
    expect(cart.totals.taxLines).toEqual([expect.objectContaining({ kind: 'ITEM', rate: '8.875', name: 'Simulated tax 8.875%' })]);
    const placed = await place(cart, `remote-ok-${cart.id}`);
    expect(placed.userErrors).toEqual([]);
    expect(placed.order.totals.tax).toEqual(cart.totals.tax);
  });

  it.each(['hang', 'error', 'missing-line', 'overcharge', 'garbage'] as const)('refuses the order when the service %s, and reserves nothing', async (mode) => {
    sim.mode = 'ok';
    const cart = await usCart();
    sim.mode = mode;
    const now = await readCart(cart.id);
    expect(now.totals.taxStatus).toBe('UNAVAILABLE');
    const before = await reservations();
    const refused = await place(cart, `remote-${mode}-${cart.id}`);
    expect(refused.order).toBeNull();
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'TAX_UNAVAILABLE' })]);
    expect(await reservations()).toBe(before);
    // recovered: the same cart orders at the tax the service answers
    sim.mode = 'ok';
    const again = await readCart(cart.id);
    expect(again.totals.taxStatus).toBe('CALCULATED');
    expect((await place(again, `remote-${mode}-retry-${cart.id}`)).userErrors).toEqual([]);
  });

  it('a destination the service does not know asks for an address', async () => {
    sim.mode = 'unknown-destination';
    const cart = await usCart();
    expect(cart.totals.taxStatus).toBe('ADDRESS_REQUIRED');
    expect((await place(cart, `remote-unknown-${cart.id}`)).userErrors[0].code).toBe('TAX_ADDRESS_REQUIRED');
    sim.mode = 'ok';
  });
});

describe('tax-exempt customers', () => {
  const SET = `mutation($c: ID!, $e: Boolean!, $r: String) { setCustomerTaxExemption(customerId: $c, exempt: $e, reason: $r) { exemption { customerId exempt reason } userErrors { code field } } }`;

  it('only operations set the flag, with a reason', async () => {
    const web = await g.gql(SET, { c: 'b2b-1', e: true, r: 'cert 42' }, KEYS.web);
    expect(web.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const noReason = await g.gql(SET, { c: 'b2b-1', e: true, r: ' ' }, KEYS.operations);
    expect(noReason.data.setCustomerTaxExemption.userErrors).toEqual([{ code: 'INVALID_REASON', field: 'reason' }]);
    const ok = await g.gql(SET, { c: 'b2b-1', e: true, r: 'cert 42' }, KEYS.operations);
    expect(ok.data.setCustomerTaxExemption).toEqual({ exemption: { customerId: 'b2b-1', exempt: true, reason: 'cert 42' }, userErrors: [] });
    const read = await g.gql(`query($c: ID!) { taxExemption(customerId: $c) { customerId exempt reason } }`, { c: 'b2b-1' }, KEYS.operations);
    expect(read.data.taxExemption).toEqual({ customerId: 'b2b-1', exempt: true, reason: 'cert 42' });
    const audit = await g.services.promotions.db.all<{ actor: string; before: string | null; after: string | null }>('SELECT actor, before, after FROM tax_exemption_audit WHERE customer_id = ?', ['b2b-1']);
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toBeNull();
    expect(JSON.parse(audit[0].after!)).toMatchObject({ reason: 'cert 42' });
  });

  it('an exempt customer pays no tax: none added in the US, the included VAT taken off in DE', async () => {
    sim.mode = 'ok';
    const headers = await g.asCustomer('b2b-1');
    const us = await usCart(headers);
    expect(us.totals).toMatchObject({ taxStatus: 'EXEMPT', tax: { amount: '0.00' }, total: us.totals.subtotal });
    const de = (await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { ${CART} } } }`, { i: { market: 'DE', lines: [{ sku: 'SKU-1001', quantity: 1 }] } }, KEYS.web, headers)).data.createCart.cart;
    expect(de.totals.taxStatus).toBe('EXEMPT');
    const cents = (m: { amount: string }) => Math.round(Number(m.amount) * 100);
    expect(cents(de.totals.taxExempted)).toBeGreaterThan(0);
    expect(cents(de.totals.total)).toBe(cents(de.totals.subtotal) - cents(de.totals.taxExempted));
    const placed = await place(de, `exempt-${de.id}`, headers);
    expect(placed.userErrors).toEqual([]);
    expect(placed.order.totals).toMatchObject({ taxStatus: 'EXEMPT', total: de.totals.total, taxExempted: de.totals.taxExempted });
    // cleared: taxed again
    await g.gql(SET, { c: 'b2b-1', e: false, r: null }, KEYS.operations);
    expect((await readCart(us.id, headers)).totals.taxStatus).toBe('CALCULATED');
  });
});

describe('channels and concurrency', () => {
  it('in-game carts see digital delivery and click-and-collect through their contract, without an address', async () => {
    const created = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id version shippingOptions { code kind location } totals { taxStatus taxIncluded tax { amount } } } } }`, { i: { market: 'DE', lines: [{ sku: 'SKU-1001', quantity: 1 }] } }, KEYS.inGame);
    const cart = created.data.createCart.cart;
    expect(cart.shippingOptions.map((o: any) => o.code).sort()).toEqual(['click-and-collect', 'digital']);
    expect(cart.totals).toMatchObject({ taxStatus: 'CALCULATED', taxIncluded: true });
    const sel = await g.gql(`mutation($c: ID!, $v: Int!) { selectShippingMethod(cartId: $c, expectedVersion: $v, method: "digital") { cart { shippingMethod totals { shipping { amount } } } userErrors { code } } }`, { c: cart.id, v: cart.version }, KEYS.inGame);
    expect(sel.data.selectShippingMethod).toEqual({ cart: { shippingMethod: 'digital', totals: { shipping: { amount: '0.00' } } }, userErrors: [] });
    // web carts are not offered digital delivery
    const web = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id version } } }`, { i: { market: 'DE' } }, KEYS.web);
    const refused = await g.gql(`mutation($c: ID!, $v: Int!) { selectShippingMethod(cartId: $c, expectedVersion: $v, method: "digital") { userErrors { code } } }`, { c: web.data.createCart.cart.id, v: 1 }, KEYS.web);
    expect(refused.data.selectShippingMethod.userErrors).toEqual([{ code: 'SHIPPING_METHOD_UNAVAILABLE' }]);
  });

  it('a kiosk order without shipping is taxed as included and pays its total', async () => {
    const created = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id ${TOTALS} } } }`, { i: { market: 'DE', lines: [{ sku: 'SKU-1002', quantity: 1 }] } }, KEYS.kiosk);
    const cart = created.data.createCart.cart;
    const res = await g.gql(
      `mutation($c: ID!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: "kiosk-1", payment: $p) { order { totals { taxStatus tax ${MONEY} total ${MONEY} } shippingLine { code } } userErrors { code } } }`,
      { c: cart.id, p: { reference: 'kiosk-psp', amount: cart.totals.total } },
      KEYS.kiosk,
    );
    expect(res.data.placeOrder).toEqual({ order: { totals: { taxStatus: 'CALCULATED', tax: cart.totals.tax, total: cart.totals.total }, shippingLine: null }, userErrors: [] });
  });

  it('two selections at the same version: one wins, the other is a VERSION_CONFLICT with nothing changed', async () => {
    const created = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id version } } }`, { i: { market: 'DE', lines: [{ sku: 'SKU-1001', quantity: 1 }] } }, KEYS.web);
    const { id } = created.data.createCart.cart;
    const addr = await g.gql(`mutation($c: ID!) { setShippingAddress(cartId: $c, expectedVersion: 1, address: { type: "address/v1", data: { country: "DE" } }) { cart { version } } }`, { c: id }, KEYS.web);
    const v = addr.data.setShippingAddress.cart.version;
    const sel = (m: string) => g.gql(`mutation($c: ID!, $v: Int!, $m: String!) { selectShippingMethod(cartId: $c, expectedVersion: $v, method: $m) { cart { shippingMethod version } userErrors { code } } }`, { c: id, v, m }, KEYS.web);
    const results = await Promise.all([sel('standard'), sel('express')]);
    const won = results.filter((r) => r.data.selectShippingMethod.userErrors.length === 0);
    const lost = results.filter((r) => r.data.selectShippingMethod.userErrors.length > 0);
    expect(won).toHaveLength(1);
    expect(lost.map((r) => r.data.selectShippingMethod.userErrors[0].code)).toEqual(['VERSION_CONFLICT']);
    const final = (await g.gql(`query($id: ID!) { cart(id: $id) { shippingMethod version } }`, { id }, KEYS.web)).data.cart;
    expect(final).toEqual({ shippingMethod: won[0].data.selectShippingMethod.cart.shippingMethod, version: v + 1 });
  });

  it('concurrent orders of one taxed cart: exactly one order, charged its tax once', async () => {
    sim.mode = 'ok';
    const cart = await usCart();
    const attempts = await Promise.all([0, 1, 2, 3].map((i) => place(cart, `race-${i}-${cart.id}`)));
    const placed = attempts.filter((a) => a.order);
    expect(placed).toHaveLength(1);
    expect(attempts.filter((a) => !a.order).every((a) => ['CART_ALREADY_ORDERED', 'IDEMPOTENCY_IN_PROGRESS', 'OUT_OF_STOCK'].includes(a.userErrors[0]?.code))).toBe(true);
    const orders = await g.services.orders.db.all<{ tax_minor: number; total_minor: number }>('SELECT tax_minor, total_minor FROM orders WHERE cart_id = ?', [cart.id]);
    expect(orders).toHaveLength(1);
    expect(Number(orders[0].tax_minor)).toBe(Math.round(Number(cart.totals.tax.amount) * 100));
  });

  it('a shadow engine is compared on promotions only: shipping and tax are not differences', async () => {
    const routed = await g.gql(
      `mutation { setPromotionRouting(input: { market: "DE", provider: "native", shadowProvider: "native-twin" }) { userErrors { code } } }`,
      {},
      KEYS.marketing,
    );
    expect(routed.data.setPromotionRouting.userErrors).toEqual([]);
    const created = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id version } } }`, { i: { market: 'DE', lines: [{ sku: 'SKU-1002', quantity: 3 }] } }, KEYS.web);
    const { id } = created.data.createCart.cart;
    await g.gql(`mutation($c: ID!) { setShippingAddress(cartId: $c, expectedVersion: 1, address: { type: "address/v1", data: { country: "DE" } }) { cart { version } } }`, { c: id }, KEYS.web);
    const sel = await g.gql(`mutation($c: ID!) { selectShippingMethod(cartId: $c, expectedVersion: 2, method: "express") { cart { totals { shipping { amount } tax { amount } } } } }`, { c: id }, KEYS.web);
    expect(Number(sel.data.selectShippingMethod.cart.totals.tax.amount)).toBeGreaterThan(0);
    const report = await waitFor(async () => {
      const r = (await g.gql(`{ promotionShadowReport(market: "DE") { evaluations mismatches samples { differences } } }`, {}, KEYS.marketing)).data.promotionShadowReport;
      return r.evaluations >= 3 ? r : null;
    }, { what: 'shadow comparisons' });
    expect(report.mismatches).toBe(0);
    await g.gql(`mutation { setPromotionRouting(input: { market: "DE", provider: "native" }) { userErrors { code } } }`, {}, KEYS.marketing);
  });
});

