/**
 * The migration this product exists for, through the gateway: market FR moves from commercetools'
 * built-in promotions to Talon.One with zero downtime. Both engines are local simulators
 * (test/fixtures/*-simulator.ts; the documentation pages of their shapes are listed in the adapters'
 * tests). Steps as in docs/migrating-promotion-engines.md:
 * FR on commercetools → shadowProvider talon (report shows the mismatch of a wrongly migrated
 * campaign) → campaign fixed in Talon.One → mismatches zero → rollout 10 % (sticky per cart) → 100 %
 * → talon primary, commercetools gone from the routing. No cart or order fails at any step.
 * commercetools creates orders only from carts with a shipping address (its simulator enforces it):
 * the FR carts here have one, and a cart without one gets the market's configured country.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommercetoolsSimulator } from './fixtures/commercetools-simulator.ts';
import { TalonSimulator, type TalonCampaign } from './fixtures/talon-simulator.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { parseRemoteProviders } from '../subgraphs/promotions/src/services/providers/remote/config.ts';
import { rolloutBucket } from '../subgraphs/promotions/src/services/routing.ts';
import type { RunningPromotions } from '../subgraphs/promotions/server.ts';

const talon = new TalonSimulator();
const ct = new CommercetoolsSimulator('shop-eu');
let graph: TestGraph;
let autoCampaign: TalonCampaign;

const MONEY = '{ amount currencyCode }';
const CART = `id version market promotion { provider status discounts { id name amount ${MONEY} } discountCodes { code amount ${MONEY} }
  lineItemPromotions { lineId discounts { name amount ${MONEY} } } nonApplicableDiscountCodes { code reason } }
  totals { subtotal ${MONEY} discount ${MONEY} total ${MONEY} } warnings { code }`;
/** The merchant's calls exactly as docs/migrating-promotion-engines.md writes them, by operation name. */
const DOC = new Map(
  [...readFileSync(new URL('../docs/migrating-promotion-engines.md', import.meta.url), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => [
    /^(?:query|mutation) (\w+)/.exec(m[1])![1],
    m[1],
  ]),
);

async function doc(name: string) {
  const query = DOC.get(name);
  expect(query, `docs/migrating-promotion-engines.md has ${name}`).toBeDefined();
  const res = await graph.gql(query!, {}, KEYS.marketing);
  expect(res.errors).toBeUndefined();
  return res.data;
}

async function route(name: string) {
  const data = await doc(name);
  expect(data.setPromotionRouting.userErrors).toEqual([]);
  return data.setPromotionRouting.routing;
}

async function report() {
  await (graph.services.promotions as RunningPromotions).idle();
  return (await doc('ShadowReport')).promotionShadowReport;
}

const ADDRESS = { type: 'address/v1', data: { name: 'Camille Martin', street: '1 rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR' } };

/** A FR cart with SKU-1001 × 2, SKU-1002, a shipping address and the codes; every step must price it without failure. */
async function newCart(codes: string[] = ['SUMMER5', 'FRSPRING'], address: typeof ADDRESS | null = ADDRESS) {
  const created = await graph.gql(`mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id version } userErrors { code } } }`, { input: { market: 'FR' } });
  expect(created.data.createCart.userErrors).toEqual([]);
  const { id, version } = created.data.createCart.cart;
  const added = await graph.gql(
    `mutation($id: ID!, $v: Int!, $lines: [CartLineInput!]!) { addCartLines(cartId: $id, expectedVersion: $v, lines: $lines) { cart { version } userErrors { code } } }`,
    { id, v: version, lines: [{ sku: 'SKU-1001', quantity: 2 }, { sku: 'SKU-1002', quantity: 1 }] },
  );
  expect(added.data.addCartLines.userErrors).toEqual([]);
  let v = added.data.addCartLines.cart.version;
  if (address) {
    const set = await graph.gql(
      `mutation($id: ID!, $v: Int!, $a: TypedValueInput!) { setShippingAddress(cartId: $id, expectedVersion: $v, address: $a) { cart { version } userErrors { code } } }`,
      { id, v, a: address },
    );
    expect(set.data.setShippingAddress.userErrors).toEqual([]);
    v = set.data.setShippingAddress.cart.version;
  }
  for (const code of codes) {
    const applied = await graph.gql(`mutation($id: ID!, $v: Int!, $c: String!) { applyDiscountCode(cartId: $id, expectedVersion: $v, code: $c) { cart { ${CART} } userErrors { code message } } }`, { id, v, c: code });
    expect(applied.data.applyDiscountCode.userErrors).toEqual([]);
    v = applied.data.applyDiscountCode.cart.version;
  }
  return readCart(id);
}

async function readCart(id: string) {
  const res = await graph.gql(`query($id: ID!) { cart(id: $id) { ${CART} } }`, { id });
  expect(res.errors).toBeUndefined();
  const cart = res.data.cart;
  expect(cart.promotion.status).toBe('EVALUATED');
  expect(cart.warnings.map((w: { code: string }) => w.code)).not.toContain('PROMOTIONS_UNAVAILABLE');
  return cart;
}

async function placeOrder(cart: { id: string; totals: { total: { amount: string; currencyCode: string } } }) {
  const res = await graph.gql(
    `mutation($id: ID!, $k: String!, $p: PaymentInput!) { placeOrder(cartId: $id, idempotencyKey: $k, payment: $p) { order { id status promotion { provider } totals { total ${MONEY} } } userErrors { code message } } }`,
    { id: cart.id, k: `order-${cart.id}`, p: { reference: `psp-${cart.id.slice(0, 8)}`, amount: cart.totals.total } },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.placeOrder.userErrors).toEqual([]);
  return res.data.placeOrder.order;
}

beforeAll(async () => {
  await talon.start();
  await ct.start();
  // commercetools: the merchant's current campaigns in FR
  ct.cartDiscounts.push(
    { id: 'cd-1001', key: 'fr-1001-10', name: { en: '10% off SKU-1001' }, sortOrder: '0.6', requiresDiscountCode: false, target: 'lineItems', skus: ['SKU-1001'], value: { type: 'relative', permyriad: 1000 } },
    { id: 'cd-summer5', key: 'fr-summer5', name: { en: 'SUMMER5' }, sortOrder: '0.5', requiresDiscountCode: true, target: 'totalPrice', minTotalCent: 3000, value: { type: 'absolute', centAmount: 500 } },
    { id: 'cd-spring', key: 'fr-spring', name: { en: 'FRSPRING' }, sortOrder: '0.4', requiresDiscountCode: true, target: 'totalPrice', value: { type: 'absolute', centAmount: 200 } },
  );
  ct.discountCodes.push({ id: 'dc-summer5', code: 'SUMMER5', cartDiscounts: ['cd-summer5'] }, { id: 'dc-spring', code: 'FRSPRING', cartDiscounts: ['cd-spring'] });
  // Talon.One: the same campaigns, migrated by hand, one of them wrongly (5 % instead of 10 %)
  autoCampaign = { id: 1, name: '10% off SKU-1001', skus: ['SKU-1001'], effect: { type: 'percentOffItems', percent: 5 } };
  talon.addApplication({
    id: 7,
    apiKey: 'talon-fr-application-key',
    currency: 'EUR',
    campaigns: [
      autoCampaign,
      { id: 2, name: 'SUMMER5', coupon: { code: 'SUMMER5' }, minSubtotal: 30, effect: { type: 'amountOffCart', amount: 5 } },
      { id: 3, name: 'FRSPRING', coupon: { code: 'FRSPRING' }, effect: { type: 'amountOffCart', amount: 2 } },
    ],
  });
  const remoteProviders = parseRemoteProviders({
    talon: { baseUrl: talon.server.url, applications: { FR: { apiKey: 'talon-fr-application-key' } } },
    commercetools: { apiUrl: ct.server.url, authUrl: ct.server.url, projectKey: 'shop-eu', clientId: ct.clientId, clientSecret: ct.clientSecret, markets: { FR: { storeKey: 'fr', country: 'FR' } } },
  });
  // generous budgets: this machine is shared; the budget policy itself is tested in the promotions tests
  graph = await startTestGraph({ promotionsOptions: { remoteProviders, providerTimeoutMs: 3000, redemptionTimeoutMs: 5000 } });
});

afterAll(async () => {
  await graph?.stop();
  await talon.stop();
  await ct.stop();
});

describe('migrating FR from commercetools to Talon.One', () => {
  it('1. FR is priced by commercetools; a code only the engines know is accepted', async () => {
    expect((await doc('Providers')).promotionProviders).toEqual(['commercetools', 'legacy', 'native', 'talon']);
    expect(await route('RouteToCommercetools')).toEqual({ market: 'FR', provider: 'commercetools', shadowProvider: null, rollout: null });
    const cart = await newCart();
    expect(cart.promotion.provider).toBe('commercetools');
    expect(cart.promotion.discountCodes.map((d: { code: string }) => d.code).sort()).toEqual(['FRSPRING', 'SUMMER5']);
    expect(cart.promotion.lineItemPromotions).toHaveLength(1);
    expect(Math.round(Number(cart.totals.discount.amount) * 100)).toBe(Math.round(Number(cart.promotion.lineItemPromotions[0].discounts[0].amount.amount) * 100) + 700);
    // a code no engine of the market knows is refused at entry, as any unknown code
    const unknown = await graph.gql(`mutation($id: ID!, $v: Int!) { applyDiscountCode(cartId: $id, expectedVersion: $v, code: "NOPE-FR") { userErrors { code } } }`, { id: cart.id, v: cart.version });
    expect(unknown.data.applyDiscountCode.userErrors).toEqual([{ code: 'DISCOUNT_CODE_INVALID' }]);
    const order = await placeOrder(cart);
    expect(order.promotion.provider).toBe('commercetools');
    const placed = [...ct.orders.values()].find((o) => o.orderNumber === order.id)!;
    expect(placed.cart.shippingAddress).toEqual({ country: 'FR', streetName: '1 rue de Rivoli', postalCode: '75001', city: 'Paris' });
  });

  it('1b. commercetools orders need a shipping address: a cart without one gets the market\'s configured one', async () => {
    const cart = await newCart(['SUMMER5'], null);
    const order = await placeOrder(cart);
    expect([...ct.orders.values()].find((o) => o.orderNumber === order.id)?.cart.shippingAddress).toEqual({ country: 'FR' });
  });

  it('1c. reads do not write: 20 parallel reads of one cart, no conflict and no write to the vendor cart', async () => {
    const cart = await newCart(['SUMMER5']);
    const vendor = [...ct.carts.values()].find((c) => c.key === `cg-${cart.id}`)!;
    const version = vendor.version;
    const before = ct.requests.length;
    const reads = await Promise.all(Array.from({ length: 20 }, () => readCart(cart.id)));
    for (const r of reads) expect(r.totals).toEqual(cart.totals);
    const during = ct.requests.slice(before);
    // the cart did not change since its last sync: answered from it, no vendor call at all (so no conflict)
    expect(during.map((r) => [r.method, r.path, r.status])).toEqual([]);
    expect(ct.carts.get(vendor.id)!.version).toBe(version);
  });

  it('2. talon as shadow: the report counts evaluations and shows the mismatching campaign', async () => {
    expect(await route('ShadowTalon')).toEqual({ market: 'FR', provider: 'commercetools', shadowProvider: 'talon', rollout: null });
    for (let i = 0; i < 3; i++) await newCart();
    const r = await report();
    expect(r).toMatchObject({ primaryProvider: 'commercetools', shadowProvider: 'talon' });
    expect(r.evaluations).toBeGreaterThanOrEqual(3);
    expect(r.mismatches).toBeGreaterThan(0);
    expect(r.samples[0].differences.join('\n')).toMatch(/line .* \(SKU-1001\): discount/);
    // the shadow only compares: carts are still priced by commercetools, codes applied alike
    expect(r.samples[0].differences.join('\n')).not.toMatch(/code /);
  });

  it('3. the campaign fixed in Talon.One: a fresh report shows no mismatch', async () => {
    autoCampaign.effect = { type: 'percentOffItems', percent: 10 };
    const { resetPromotionShadowReport: reset } = await doc('ResetShadowReport');
    expect(reset).toEqual({ report: { evaluations: 0, mismatches: 0, since: expect.any(String) }, userErrors: [] });
    for (let i = 0; i < 3; i++) await newCart();
    const r = await report();
    expect(r.evaluations).toBeGreaterThanOrEqual(3);
    expect(r.mismatches).toBe(0);
    expect(r.samples).toEqual([]);
  });

  it('4. rollout of 10 %: a sticky tenth of the carts is priced by Talon.One, and orders go to the engine that priced them', async () => {
    expect((await route('RolloutTen')).rollout).toEqual({ provider: 'talon', percent: 10 });
    const carts: { id: string; promotion: { provider: string }; totals: any }[] = [];
    // new carts until at least one landed in Talon.One's tenth (bounded)
    while (carts.length < 20 || !carts.some((c) => c.promotion.provider === 'talon')) {
      expect(carts.length).toBeLessThan(120);
      carts.push(await newCart(['SUMMER5']));
    }
    for (const c of carts) expect(c.promotion.provider).toBe(rolloutBucket(c.id) < 10 ? 'talon' : 'commercetools');
    const share = carts.filter((c) => c.promotion.provider === 'talon').length / carts.length;
    expect(share).toBeLessThan(0.5);
    const onTalon = carts.find((c) => c.promotion.provider === 'talon')!;
    const onCt = carts.find((c) => c.promotion.provider === 'commercetools')!;
    expect((await readCart(onTalon.id)).promotion.provider).toBe('talon'); // sticky
    expect(onTalon.totals.total).toEqual((await readCart(onCt.id)).totals.total); // same campaigns, same price
    const a = await placeOrder(onTalon);
    const b = await placeOrder(onCt);
    expect(a.promotion.provider).toBe('talon');
    expect(b.promotion.provider).toBe('commercetools');
    expect(talon.sessions.get(`7:order-${a.id}`)?.state).toBe('closed');
    expect([...ct.orders.values()].map((o) => o.orderNumber)).toContain(b.id);
  });

  it('5. rollout of 100 %, then talon primary with commercetools removed from the routing', async () => {
    expect((await route('RolloutAll')).rollout).toEqual({ provider: 'talon', percent: 100 });
    const full = await newCart();
    expect(full.promotion.provider).toBe('talon');
    await placeOrder(full);
    const open = await newCart();
    expect(await route('TalonPrimary')).toEqual({ market: 'FR', provider: 'talon', shadowProvider: null, rollout: null });
    const after = await readCart(open.id);
    expect(after.promotion.provider).toBe('talon');
    expect(after.totals).toEqual(open.totals);
    const order = await placeOrder(after);
    expect(order.promotion.provider).toBe('talon');
    // commercetools is no longer called for FR
    const before = ct.requests.length;
    await newCart();
    expect(ct.requests.length).toBe(before);
  });
});

describe('a remote engine that fails', () => {
  it('never breaks the cart: base prices and PROMOTIONS_UNAVAILABLE; placeOrder refuses with a retryable error; then recovers', async () => {
    await route('TalonPrimary');
    const cart = await newCart(['SUMMER5']);
    talon.server.fail({ status: 503, times: 1000 });
    const res = await graph.gql(`query($id: ID!) { cart(id: $id) { ${CART} } }`, { id: cart.id });
    const broken = res.data.cart;
    expect(broken.promotion).toMatchObject({ provider: 'talon', status: 'UNAVAILABLE', discountCodes: [] });
    expect(broken.totals.total).toEqual(broken.totals.subtotal);
    expect(broken.warnings.map((w: { code: string }) => w.code)).toContain('PROMOTIONS_UNAVAILABLE');
    const order = await graph.gql(
      `mutation($id: ID!, $p: PaymentInput!) { placeOrder(cartId: $id, idempotencyKey: "k-down", payment: $p) { order { id } userErrors { code message } } }`,
      { id: cart.id, p: { reference: 'psp-down', amount: broken.totals.total } },
    );
    expect(order.data.placeOrder.order).toBeNull();
    expect(order.data.placeOrder.userErrors[0].code).toBe('PROMOTIONS_UNAVAILABLE');
    talon.server.clearFaults();
    // the warning stays until the customer acknowledges it; the prices are right again at once
    const healed = (await graph.gql(`query($id: ID!) { cart(id: $id) { ${CART} } }`, { id: cart.id })).data.cart;
    expect(healed.promotion.status).toBe('EVALUATED');
    expect(healed.totals).toEqual(cart.totals);
  });
});
