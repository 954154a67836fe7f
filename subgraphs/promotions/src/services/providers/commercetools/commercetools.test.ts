/**
 * The `commercetools` adapter driven through @commercetools/platform-sdk 8.27 + @commercetools/ts-client
 * 4.10 against the local simulator (test/fixtures/commercetools-simulator.ts). Where each simulated shape
 * comes from (commercetools documentation, https://docs.commercetools.com):
 * - Client credentials flow, POST /oauth/token with HTTP Basic, { access_token, expires_in, scope, token_type },
 *   401 invalid_client / invalid_token: /api/authorization#client-credentials-flow and /api/errors#invalidtokenerror
 * - In-store carts (create, get by id and key, update actions addLineItem with externalPrice and key,
 *   removeLineItem, changeLineItemQuantity, setLineItemPrice, addDiscountCode, removeDiscountCode, recalculate):
 *   /api/projects/carts#carts-in-store and /api/projects/carts#update-actions; CartDraft.taxMode, key
 * - Discounts read back: LineItem.discountedPricePerQuantity, DiscountedLineItemPrice.includedDiscounts,
 *   Cart.discountOnTotalPrice, DiscountCodeInfo.state (DiscountCodeState):
 *   /api/projects/carts#discountcodeinfo, /api/projects/carts#discountontotalprice and
 *   /api/releases/2023-09-28-added-support-for-discounting-the-cart-total
 * - Reference expansion (`expand=discountCodes[*].discountCode`): /api/general-concepts#reference-expansion
 * - Create order from cart (OrderFromCartDraft { cart, version, orderNumber }), get by order number,
 *   changeOrderState: /api/projects/orders#create-order-in-store and /api/projects/orders#change-orderstate;
 *   "The Cart must have a shipping address set, regardless of the TaxMode" (Create Order in Store);
 *   setShippingAddress (BaseAddress, country required): /api/projects/carts#set-shipping-address;
 *   addReturnInfo (ReturnItemDraft: quantity, lineItemId, shipmentState): /api/projects/orders#add-returninfo
 * - Request bodies: the reference's types (RAML in commercetools-api-reference), as the simulator's
 *   schemas in test/fixtures/commercetools-schemas.ts; unknown fields → 400 InvalidJsonInput
 * - Query discount codes with a `where` predicate: /api/projects/discountCodes#query-discountcodes
 * - Errors: ConcurrentModification (409, currentVersion), DiscountCodeNonApplicable (reason DoesNotExist /
 *   TimeRangeNonApplicable), DuplicateField, ResourceNotFound: /api/errors and
 *   /api/general-concepts#optimistic-concurrency-control; 429 Too Many Requests and 502/503/504:
 *   /api/limits and /api/errors#503-service-unavailable (the error shapes are also in the SDK's
 *   generated models/error.d.ts).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../../common/log.ts';
import { createMetrics } from '../../../../../../common/metrics.ts';
import { openDatabase, type Db } from '../../../../../../common/storage/index.ts';
import { CommercetoolsSimulator } from '../../../../../../test/fixtures/commercetools-simulator.ts';
import { until } from '../../../../../../test/fixtures/simulator.ts';
import { quietLog } from '../../../../../../test/support/subgraph.ts';
import { remoteMigrations, RemoteRedemptionRepository, ShadowCartRepository } from '../../../data/remoteRepository.ts';
import type { CartInput } from '../../cart.ts';
import { settle } from '../../evaluation.ts';
import { RemoteCallError } from '../remote/call.ts';
import { parseRemoteProviders, type CommercetoolsConfig } from '../remote/config.ts';
import { remoteMetrics } from '../remote/metrics.ts';
import { withTimeBudget } from '../timeBudget.ts';
import { CommercetoolsProvider } from './provider.ts';

/** SQLite in memory, or a fresh PostgreSQL schema when TEST_DATABASE_URL is set (npm run test:postgres) */
const testDatabase = (prefix: string) => {
  const url = process.env.TEST_DATABASE_URL;
  return url
    ? { service: 'promotions', url, schema: `t_${prefix}_${randomBytes(6).toString('hex')}`, migrations: remoteMigrations }
    : { service: 'promotions', file: ':memory:', migrations: remoteMigrations };
};
const sim = new CommercetoolsSimulator('shop-eu');
let db: Db;
let ct: CommercetoolsProvider;
let config: CommercetoolsConfig;
let metrics: ReturnType<typeof createMetrics>;
let counters: ReturnType<typeof remoteMetrics>;
const ctx = (ms = 3000) => ({ now: new Date(), signal: AbortSignal.timeout(ms), log: quietLog });
const PARIS = { type: 'address/v1', data: { name: 'Camille Martin', street: '1 rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR', phone: '+33 1 00 00 00 00' } };
const cart = (over: Partial<CartInput> = {}): CartInput => ({
  id: 'c1',
  market: 'FR',
  channel: 'web',
  currencyCode: 'EUR',
  discountCodes: [],
  lines: [
    { id: 'L1', sku: 'SKU-1001', quantity: 2, unitPriceMinor: 1999 },
    { id: 'L2', sku: 'SKU-1002', quantity: 1, unitPriceMinor: 1000 },
  ],
  shippingAddress: PARIS,
  location: null,
  ...over,
});
/** the same cart with another quantity of L1: a change that must reach the vendor cart */
const changed = (quantity: number, over: Partial<CartInput> = {}) => cart({ lines: [{ id: 'L1', sku: 'SKU-1001', quantity, unitPriceMinor: 1999 }, { id: 'L2', sku: 'SKU-1002', quantity: 1, unitPriceMinor: 1000 }], ...over });

function provider(over: Record<string, unknown> = {}): CommercetoolsProvider {
  config = parseRemoteProviders({
    commercetools: {
      apiUrl: sim.server.url,
      authUrl: sim.server.url,
      projectKey: 'shop-eu',
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      markets: { FR: { storeKey: 'fr-store', country: 'FR' }, JP: { storeKey: 'jp-store' } },
      timeoutMs: 1000,
      retryBaseMs: 5,
      ...over,
    },
  }).commercetools!;
  return new CommercetoolsProvider(config, { redemptions: new RemoteRedemptionRepository(db), carts: new ShadowCartRepository(db), metrics: counters, log: quietLog });
}

beforeAll(async () => {
  await sim.start();
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  db = await openDatabase(testDatabase('ct'));
  metrics = createMetrics('promotions');
  counters = remoteMetrics(metrics);
  sim.cartDiscounts.length = 0;
  sim.discountCodes.length = 0;
  sim.carts.clear();
  sim.orders.clear();
  sim.storeCountries.clear();
  sim.requests.length = 0;
  sim.server.clearFaults();
  sim.server.delayMs = 0;
  const past = '2026-01-01T00:00:00Z';
  const future = '2030-01-01T00:00:00Z';
  sim.cartDiscounts.push(
    { id: 'cd-auto', key: 'auto-1001', name: { en: '10% off SKU-1001' }, sortOrder: '0.5', requiresDiscountCode: false, target: 'lineItems', skus: ['SKU-1001'], value: { type: 'relative', permyriad: 1000 } },
    { id: 'cd-summer', key: 'summer5', name: { en: 'Summer 5' }, sortOrder: '0.4', requiresDiscountCode: true, target: 'totalPrice', minTotalCent: 3000, value: { type: 'absolute', centAmount: 500 } },
    { id: 'cd-big', key: 'big', name: { en: 'Big' }, sortOrder: '0.3', requiresDiscountCode: true, target: 'totalPrice', minTotalCent: 50000, value: { type: 'absolute', centAmount: 5000 } },
    { id: 'cd-shoes', key: 'shoes', name: { en: 'Shoes' }, sortOrder: '0.2', requiresDiscountCode: true, target: 'lineItems', skus: ['SKU-1040'], value: { type: 'relative', permyriad: 2000 } },
    { id: 'cd-once', key: 'once', name: { en: 'Once' }, sortOrder: '0.1', requiresDiscountCode: true, target: 'totalPrice', value: { type: 'relative', permyriad: 1000 } },
  );
  sim.discountCodes.push(
    { id: 'dc-summer', code: 'SUMMER5', cartDiscounts: ['cd-summer'] },
    { id: 'dc-big', code: 'BIG', cartDiscounts: ['cd-big'] },
    { id: 'dc-shoes', code: 'SHOES', cartDiscounts: ['cd-shoes'] },
    { id: 'dc-once', code: 'ONCE', cartDiscounts: ['cd-once'], maxApplications: 1, applicationCount: 0 },
    { id: 'dc-old', code: 'OLD', cartDiscounts: ['cd-once'], validUntil: past },
    { id: 'dc-later', code: 'LATER', cartDiscounts: ['cd-once'], validFrom: future },
  );
  ct = provider();
});
afterEach(async () => {
  await ct.close();
  await db.close();
});

const apiRequests = () => sim.requests.filter((r) => r.path !== '/oauth/token');

describe('commercetools evaluate', () => {
  it('creates the shadow cart in the market\'s store with external prices and codes, and maps the discounts', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    const e = await ct.evaluate(c, ctx());
    const [token, create] = sim.requests;
    expect(token.path).toBe('/oauth/token');
    expect(create.method).toBe('POST');
    expect(create.path).toBe('/shop-eu/in-store/key=fr-store/carts');
    expect(create.query.getAll('expand')).toContain('discountCodes[*].discountCode');
    expect(create.body).toMatchObject({
      key: 'cg-c1',
      currency: 'EUR',
      country: 'FR',
      taxMode: 'Disabled',
      discountCodes: ['SUMMER5'],
      lineItems: [
        { sku: 'SKU-1001', quantity: 2, key: 'l-L1', externalPrice: { currencyCode: 'EUR', centAmount: 1999 } },
        { sku: 'SKU-1002', quantity: 1, key: 'l-L2', externalPrice: { currencyCode: 'EUR', centAmount: 1000 } },
      ],
      // postal fields only: no name or phone number leaves for the vendor
      shippingAddress: { country: 'FR', streetName: '1 rue de Rivoli', postalCode: '75001', city: 'Paris' },
    });
    expect(JSON.stringify(create.body)).not.toMatch(/Camille|\+33/);
    // 10% of 19.99 per unit = 2.00 (half-even), × 2
    expect(e.lineItemPromotions).toEqual([{ lineId: 'L1', discounts: [{ campaignId: 'ct-cd-auto', name: '10% off SKU-1001', amountMinor: 400 }], discountCodes: [] }]);
    expect(e.discountCodes).toEqual([{ code: 'SUMMER5', name: 'Summer 5', campaignId: 'ct-cd-summer', amountMinor: 500 }]);
    expect(settle(c, 'commercetools', e).totalMinor).toBe(4998 - 400 - 500);
    const row = await new ShadowCartRepository(db).get('c1');
    expect(row).toMatchObject({ market: 'FR', version: 1 });
  });

  it('sends only the changes next time, with the stored version', async () => {
    await ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx());
    sim.requests.length = 0;
    const c = cart({ discountCodes: [], lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 3, unitPriceMinor: 1899 }, { id: 'L3', sku: 'SKU-1003', quantity: 1, unitPriceMinor: 500 }] });
    const e = await ct.evaluate(c, ctx());
    const [update] = apiRequests();
    expect(update.path).toMatch(/^\/shop-eu\/in-store\/key=fr-store\/carts\/[0-9a-f-]{36}$/);
    expect(update.body.version).toBe(1);
    expect(update.body.actions.map((a: any) => a.action)).toEqual(['removeLineItem', 'changeLineItemQuantity', 'setLineItemPrice', 'addLineItem', 'removeDiscountCode']);
    expect(e.discountCodes).toEqual([]);
    expect(e.lineItemPromotions[0].discounts[0].amountMinor).toBe(3 * 190);
    expect((await new ShadowCartRepository(db).get('c1'))!.version).toBe(2);
  });

  it('maps the discount code states and refusals to our reasons', async () => {
    sim.discountCodes.find((d) => d.code === 'ONCE')!.applicationCount = 1;
    const e = await ct.evaluate(cart({ discountCodes: ['SHOES', 'BIG', 'ONCE', 'OLD', 'LATER', 'NOPE'] }), ctx());
    expect(Object.fromEntries(e.nonApplicableDiscountCodes.map((n) => [n.code, n.reason]))).toEqual({
      SHOES: 'NO_QUALIFYING_ITEMS',
      BIG: 'MIN_SUBTOTAL_NOT_REACHED',
      ONCE: 'USAGE_LIMIT_REACHED',
      OLD: 'EXPIRED',
      LATER: 'NOT_YET_VALID',
    }); // NOPE does not exist: an invalid code, not listed
    const cartSent = [...sim.carts.values()][0];
    expect(cartSent.codes).toEqual(['dc-shoes', 'dc-big', 'dc-once']);
  });

  it('a code stopped by an earlier discount is NOT_COMBINABLE', async () => {
    sim.cartDiscounts.push({ id: 'cd-stop', key: 'stop', name: { en: 'Stop' }, sortOrder: '0.9', requiresDiscountCode: false, target: 'totalPrice', value: { type: 'absolute', centAmount: 100 }, stackingMode: 'StopAfterThisDiscount' });
    const e = await ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx());
    expect(e.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'SUMMER5', reason: 'NOT_COMBINABLE' })]);
    expect(e.discounts).toEqual([{ campaignId: 'ct-cd-stop', name: 'Stop', amountMinor: 100 }]);
  });

  it('retries a 409 ConcurrentModification with the current version', async () => {
    await ct.evaluate(cart(), ctx());
    sim.touchCart([...sim.carts.keys()][0]);
    sim.requests.length = 0;
    const e = await ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx());
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', 409], ['GET', 200], ['POST', 200]]);
    expect(apiRequests()[2].body.version).toBe(2);
    expect(e.discountCodes).toHaveLength(1);
  });

  it('starts a new shadow cart when the vendor deleted it, and joins a cart created meanwhile', async () => {
    await ct.evaluate(cart(), ctx());
    sim.carts.clear();
    const e = await ct.evaluate(changed(3), ctx()); // a change is written: the vendor answers 404
    expect(e.lineItemPromotions).toHaveLength(1);
    expect(sim.carts.size).toBe(1);
    await new ShadowCartRepository(db).delete('c1'); // our mapping lost: the key finds the vendor cart
    sim.requests.length = 0;
    await ct.evaluate(changed(3), ctx());
    // the vendor cart already holds this content: read, nothing written
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', 400], ['GET', 200]]);
    expect(sim.carts.size).toBe(1);
  });

  it('refuses a staff preview (it would write a shadow cart)', async () => {
    await expect(ct.evaluate(cart(), { ...ctx(), preview: true })).rejects.toThrow(/previews/);
    expect(sim.requests).toHaveLength(0);
    expect(await new ShadowCartRepository(db).get('c1')).toBeUndefined();
  });

  it('reads without writes: an unchanged cart is answered from the last sync; only what changed is written', async () => {
    const first = await ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx());
    const vendorCart = [...sim.carts.values()][0];
    sim.requests.length = 0;
    for (let i = 0; i < 3; i++) expect(await ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx())).toEqual(first);
    expect(sim.requests).toEqual([]);
    expect(sim.carts.get(vendorCart.id)!.version).toBe(1);
    const text = await metrics.registry.metrics();
    expect(text).toContain('promotions_remote_cart_syncs_total{provider="commercetools",outcome="created",service="promotions"} 1');
    expect(text).toContain('promotions_remote_cart_syncs_total{provider="commercetools",outcome="unchanged",service="promotions"} 3');
    // a customer signing in changes the hash, but commercetools holds nothing of ours to change: no write
    await ct.evaluate(cart({ discountCodes: ['SUMMER5'], customerId: 'cust-1' }), ctx());
    expect(sim.requests).toEqual([]);
    expect((await new ShadowCartRepository(db).get('c1'))!.sync_hash).not.toBeNull();
    // a new address is written (setShippingAddress), once
    const lyon = { type: 'address/v1', data: { street: '2 place Bellecour', city: 'Lyon', postalCode: '69002', country: 'fr' } };
    await ct.evaluate(cart({ discountCodes: ['SUMMER5'], customerId: 'cust-1', shippingAddress: lyon }), ctx());
    await ct.evaluate(cart({ discountCodes: ['SUMMER5'], customerId: 'cust-1', shippingAddress: lyon }), ctx());
    expect(apiRequests().map((r) => r.body.actions)).toEqual([[{ action: 'setShippingAddress', address: { country: 'FR', streetName: '2 place Bellecour', postalCode: '69002', city: 'Lyon' } }]]);
    // a caller that sends no address field at all keeps the vendor cart's address
    sim.requests.length = 0;
    await ct.evaluate(cart({ discountCodes: ['SUMMER5'], customerId: 'cust-1', shippingAddress: undefined }), ctx());
    expect(sim.requests).toEqual([]);
  });

  it('20 parallel reads of one cart: one vendor call, no conflict, the same answer', async () => {
    await ct.evaluate(cart(), ctx()); // the token, and a vendor cart
    for (const c of [cart({ discountCodes: ['SUMMER5'] }), changed(4, { discountCodes: ['SUMMER5'] })]) {
      sim.requests.length = 0;
      const answers = await Promise.all(Array.from({ length: 20 }, () => ct.evaluate(c, ctx())));
      expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', 200]]);
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(answers[0].discountCodes).toEqual([expect.objectContaining({ code: 'SUMMER5', amountMinor: 500 })]);
    }
    // a fresh cart: its creation is the one call
    sim.requests.length = 0;
    await Promise.all(Array.from({ length: 20 }, () => ct.evaluate(cart({ id: 'c-fresh' }), ctx())));
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', 201]]);
    expect(sim.requests.filter((r) => r.status === 409)).toEqual([]);
  });

  it('concurrent reads of different contents of one cart are written one after the other, without conflict', async () => {
    await ct.evaluate(cart(), ctx());
    sim.requests.length = 0;
    const results = await Promise.all([2, 3, 4, 5, 3].map((q) => ct.evaluate(changed(q), ctx())));
    expect(results.map((e) => e.lineItemPromotions[0].discounts[0].amountMinor)).toEqual([2, 3, 4, 5, 3].map((q) => q * 200));
    expect(sim.requests.filter((r) => r.status === 409)).toEqual([]);
    expect(apiRequests().every((r) => r.status === 200)).toBe(true);
  });

  it('reuses keep-alive connections (token and API calls alike)', async () => {
    await ct.evaluate(cart(), ctx());
    const before = sim.server.connections;
    for (let i = 0; i < 5; i++) await ct.evaluate(cart({ lines: [{ id: 'L1', sku: 'SKU-1001', quantity: i + 1, unitPriceMinor: 1999 }] }), ctx());
    expect(sim.server.connections - before).toBe(0);
  });

  it('converts JPY cent amounts (0 fraction digits) exactly', async () => {
    sim.cartDiscounts[0].skus = ['SKU-1001'];
    const e = await ct.evaluate(cart({ market: 'JP', currencyCode: 'JPY', lines: [{ id: 'J1', sku: 'SKU-1001', quantity: 3, unitPriceMinor: 1999 }] }), ctx());
    expect(sim.requests.at(-1)!.body.lineItems[0].externalPrice).toEqual({ currencyCode: 'JPY', centAmount: 1999 });
    expect(e.lineItemPromotions[0].discounts[0].amountMinor).toBe(3 * 200); // 10% of 1999 = 199.9 → 200
  });
});

describe('commercetools errors and retries', () => {
  it('an expired token is fetched again; wrong client credentials fail without leaking the secret', async () => {
    await ct.evaluate(cart(), ctx());
    const issued = sim.tokensIssued;
    sim.revokeTokens();
    await ct.evaluate(changed(3), ctx());
    expect(sim.tokensIssued).toBe(issued + 1);
    expect(sim.requests.filter((r) => r.status === 401)).toHaveLength(1);
    await ct.close();
    ct = provider({ clientSecret: 'wrong-secret-value' });
    const err = await ct.evaluate(cart({ id: 'c9' }), ctx()).catch((e) => e);
    expect(err).toBeInstanceOf(RemoteCallError);
    expect(err.status).toBe(401);
    const lines: string[] = [];
    createLogger('promotions', 'info', new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) })).warn({ err }, 'promotion provider failed');
    expect(lines.join('')).toContain('"status":401');
    expect(lines.join('')).not.toContain('wrong-secret-value');
    expect(lines.join('')).not.toContain(Buffer.from(`${sim.clientId}:wrong-secret-value`).toString('base64'));
  });

  it('429 waits Retry-After, 5xx retries, and the attempts are bounded', async () => {
    await ct.evaluate(cart(), ctx());
    sim.requests.length = 0;
    sim.server.fail({ status: 429, retryAfter: '0', path: /carts/ });
    sim.server.fail({ status: 503, path: /carts/ });
    await ct.evaluate(changed(3), ctx());
    expect(apiRequests().map((r) => r.status)).toEqual([429, 503, 200]);
    sim.requests.length = 0;
    sim.server.fail({ status: 502, times: 3, path: /carts/ });
    expect((await ct.evaluate(changed(4), ctx()).catch((e) => e)).status).toBe(502);
    expect(apiRequests()).toHaveLength(3);
    // the failed sync is not remembered: the next read writes it
    sim.requests.length = 0;
    expect((await ct.evaluate(changed(4), ctx())).lineItemPromotions[0].discounts[0].amountMinor).toBe(800);
    expect(apiRequests().map((r) => r.status)).toEqual([200]);
  });

  it('a call slower than timeoutMs is abandoned and retried; a write applied meanwhile is recognised (409, re-read)', async () => {
    await ct.close();
    ct = provider({ timeoutMs: 200 });
    await ct.evaluate(cart(), ctx());
    sim.requests.length = 0;
    sim.server.fail({ status: 0, delayMs: 800, path: /carts\/[0-9a-f-]{36}$/ });
    const e = await ct.evaluate(changed(3), ctx());
    expect(e.lineItemPromotions[0].discounts[0].amountMinor).toBe(600);
    // the abandoned update was applied by the vendor: the retry conflicts, the re-read shows nothing is left to send
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', undefined], ['POST', 409], ['GET', 200]]);
    expect(await metrics.registry.metrics()).toContain('promotions_remote_retries_total{provider="commercetools",status="0",service="promotions"} 1');
  });

  it('two service instances evaluating one cart at once: every evaluation succeeds, conflicts are resolved by re-reading', async () => {
    const other = provider();
    try {
      await ct.evaluate(cart(), ctx());
      const results = await Promise.all([3, 4, 5, 6].flatMap((q) => [ct.evaluate(changed(q), ctx()), other.evaluate(changed(q), ctx())]));
      expect(results.map((e) => e.lineItemPromotions[0].discounts[0].amountMinor)).toEqual([3, 3, 4, 4, 5, 5, 6, 6].map((q) => q * 200));
      // whatever the order of the writes, the next read of the last content is right
      expect((await other.evaluate(changed(6), ctx())).lineItemPromotions[0].discounts[0].amountMinor).toBe(1200);
      expect([...sim.carts.values()]).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('a slow answer is cut by the time budget; an unconfigured market fails', async () => {
    sim.server.delayMs = 500;
    await expect(withTimeBudget(60, (signal) => ct.evaluate(cart(), { ...ctx(), signal }))).rejects.toThrow(/time budget/);
    sim.server.delayMs = 0;
    await expect(ct.evaluate(cart({ market: 'DE' }), ctx())).rejects.toThrow(/no Store is configured for market DE/);
  });
});

describe('commercetools redeem and release', () => {
  it('creates the order from the shadow cart once, and cancels it on release', async () => {
    const c = cart({ discountCodes: ['ONCE'] });
    await ct.evaluate(c, ctx());
    expect(await ct.redeem('o-1', c, 'cust-1', ctx())).toEqual({ ok: true, userErrors: [] });
    const order = [...sim.orders.values()][0];
    expect(order).toMatchObject({ orderNumber: 'o-1', orderState: 'Open', storeKey: 'fr-store' });
    expect(sim.discountCodes.find((d) => d.code === 'ONCE')!.applicationCount).toBe(1);
    const count = sim.requests.length;
    expect(await ct.redeem('o-1', c, 'cust-1', ctx())).toEqual({ ok: true, userErrors: [] });
    expect(sim.requests).toHaveLength(count);
    const other = await ct.redeem('o-2', { ...c, id: 'c2' }, null, ctx());
    expect(other.userErrors).toEqual([expect.objectContaining({ code: 'USAGE_LIMIT_REACHED' })]);
    expect(sim.orders.size).toBe(1);
    await ct.release('o-1', ctx());
    expect(sim.orders.get(order.id)!.orderState).toBe('Cancelled');
    expect(sim.requests.at(-1)!.body).toEqual({ version: 1, actions: [{ action: 'changeOrderState', orderState: 'Cancelled' }] });
    const after = sim.requests.length;
    await ct.release('o-1', ctx());
    await ct.release('unknown-order', ctx());
    expect(sim.requests).toHaveLength(after);
  });

  it('a cart evaluated again after its order gets a new shadow cart (the key belongs to the ordered one)', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    await ct.evaluate(c, ctx());
    await ct.redeem('o-9', c, null, ctx());
    const e = await ct.evaluate(c, ctx());
    expect(e.discountCodes).toEqual([expect.objectContaining({ code: 'SUMMER5', amountMinor: 500 })]);
    expect([...sim.carts.values()].map((x) => [x.key, x.state])).toEqual([['cg-c1', 'Ordered'], [undefined, 'Active']]);
  });

  it('an order whose answer was lost is found by its order number, not created twice', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    sim.server.fail({ status: 0, delayMs: 300, path: /orders$/ });
    await expect(withTimeBudget(150, (signal) => ct.redeem('o-3', c, null, { ...ctx(), signal }))).rejects.toThrow();
    await until(() => sim.orders.size === 1); // commercetools did create it
    expect(await ct.redeem('o-3', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    expect(sim.orders.size).toBe(1);
  });
});

describe('commercetools orders need a shipping address', () => {
  it('a cart without an address is refused with SHIPPING_ADDRESS_REQUIRED, nothing created, when nothing is configured', async () => {
    await ct.close();
    ct = provider({ markets: { FR: { storeKey: 'fr-store' } } }); // no address, no country
    const c = cart({ discountCodes: ['SUMMER5'], shippingAddress: null });
    await ct.evaluate(c, ctx()); // evaluation works without an address
    const r = await ct.redeem('o-none', c, null, ctx());
    expect(r).toEqual({ ok: false, userErrors: [expect.objectContaining({ code: 'SHIPPING_ADDRESS_REQUIRED', field: 'shippingAddress' })] });
    expect(sim.orders.size).toBe(0);
    expect(await new RemoteRedemptionRepository(db).get('commercetools', 'o-none')).toBeUndefined();
    expect(sim.discountCodes.find((d) => d.code === 'SUMMER5')!.applicationCount ?? 0).toBe(0);
  });

  it('without a configured address, the market\'s configured country is the address', async () => {
    const c = cart({ discountCodes: ['SUMMER5'], shippingAddress: null, channel: 'kiosk' });
    expect(await ct.redeem('o-country', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    expect([...sim.orders.values()][0].cart.shippingAddress).toEqual({ country: 'FR' });
  });

  it('pickup, kiosk and in-game carts get the configured address of their location, else of the market', async () => {
    await ct.close();
    const store = { country: 'FR', streetName: 'Place du Marché', postalCode: '69001', city: 'Lyon' };
    const market = { country: 'FR', streetName: 'Siège', city: 'Paris' };
    ct = provider({ markets: { FR: { storeKey: 'fr-store', country: 'FR', address: market, locations: { 'store-lyon': store } } } });
    sim.storeCountries.set('fr-store', ['FR']);
    const pickup = cart({ id: 'c-pickup', channel: 'pos', location: 'store-lyon', shippingAddress: null, discountCodes: ['SUMMER5'] });
    const kiosk = cart({ id: 'c-kiosk', channel: 'kiosk', shippingAddress: null, discountCodes: ['SUMMER5'] });
    const game = cart({ id: 'c-game', channel: 'in-game', location: 'unknown-place', shippingAddress: { type: 'geo/v2', data: { lat: 1 } }, discountCodes: ['SUMMER5'] });
    for (const [id, c] of [['o-pickup', pickup], ['o-kiosk', kiosk], ['o-game', game]] as const) expect(await ct.redeem(id, c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    const addressOf = (orderNumber: string) => [...sim.orders.values()].find((o) => o.orderNumber === orderNumber)!.cart.shippingAddress;
    expect(addressOf('o-pickup')).toEqual(store);
    expect(addressOf('o-kiosk')).toEqual(market);
    expect(addressOf('o-game')).toEqual(market);
  });

  it('the simulator holds commercetools\' rules: no order without an address, the Store\'s countries', async () => {
    await ct.close();
    ct = provider({ markets: { FR: { storeKey: 'fr-store' } } });
    const c = cart({ shippingAddress: null });
    await ct.evaluate(c, ctx());
    const vendor = [...sim.carts.values()][0];
    const token = sim.requests.find((r) => r.path === '/oauth/token')!;
    expect(token.status).toBe(200);
    const auth: any = await (await fetch(`${sim.server.url}/oauth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString('base64')}` } })).json();
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${sim.server.url}/shop-eu/in-store/key=fr-store${path}`, { method: 'POST', headers: { authorization: `Bearer ${auth.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const noAddress = await post('/orders', { cart: { typeId: 'cart', id: vendor.id }, version: vendor.version, orderNumber: 'x-1' });
    expect([noAddress.status, noAddress.body.errors[0].code]).toEqual([400, 'InvalidOperation']);
    // unknown and missing fields are refused as the reference's types say
    const unknownField = await post('/orders', { cart: { typeId: 'cart', id: vendor.id }, version: vendor.version, orderNumber: 'x-1', shippingAddress: { country: 'FR' } });
    expect([unknownField.status, unknownField.body.errors[0].code]).toEqual([400, 'InvalidJsonInput']);
    expect(unknownField.body.message).toMatch(/shippingAddress/);
    const missing = await post('/carts', { lineItems: [] });
    expect([missing.status, missing.body.errors[0].code]).toEqual([400, 'InvalidJsonInput']);
    expect(missing.body.message).toMatch(/currency/);
    const badAction = await post(`/carts/${vendor.id}`, { version: vendor.version, actions: [{ action: 'setShippingAddress', address: { city: 'Paris' } }] });
    expect([badAction.status, badAction.body.errors[0].code]).toEqual([400, 'InvalidJsonInput']);
    const unknownAction = await post(`/carts/${vendor.id}`, { version: vendor.version, actions: [{ action: 'setTeleportAddress' }] });
    expect([unknownAction.status, unknownAction.body.errors[0].code]).toEqual([400, 'InvalidJsonInput']);
    // a country the Store does not serve
    sim.storeCountries.set('fr-store', ['FR']);
    const set = await post(`/carts/${vendor.id}`, { version: vendor.version, actions: [{ action: 'setShippingAddress', address: { country: 'DE' } }] });
    expect(set.status).toBe(200);
    const elsewhere = await post('/orders', { cart: { typeId: 'cart', id: vendor.id }, version: set.body.version, orderNumber: 'x-2' });
    expect([elsewhere.status, elsewhere.body.errors[0].code]).toEqual([400, 'CountryNotConfiguredInStore']);
    expect(sim.orders.size).toBe(0);
  });
});

describe('commercetools after-sales', () => {
  it('returned items are added to the order as return info, never beyond what was ordered', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    expect(await ct.redeem('o-r', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    const orderId = [...sim.orders.values()][0].id;
    const lineOf = (sku: string) => sim.orders.get(orderId)!.cart.lineItems.find((l: { variant: { sku: string } }) => l.variant.sku === sku).id;
    await ct.returnItems!('o-r', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    const first = sim.requests.at(-1)!;
    expect(first.body.actions).toEqual([{ action: 'addReturnInfo', items: [{ quantity: 1, lineItemId: lineOf('SKU-1001'), shipmentState: 'Returned' }], returnDate: expect.any(String) }]);
    // more than is left, a SKU that was not ordered: only what is left is reported
    await ct.returnItems!('o-r', [{ sku: 'SKU-1001', quantity: 5 }, { sku: 'SKU-1002', quantity: 1 }, { sku: 'SKU-9999', quantity: 1 }], ctx());
    const returned = sim.orders.get(orderId)!.returnInfo.flatMap((r) => r.items).map((i) => [i.lineItemId, i.quantity, i.shipmentState]);
    expect(returned).toEqual([[lineOf('SKU-1001'), 1, 'Returned'], [lineOf('SKU-1001'), 1, 'Returned'], [lineOf('SKU-1002'), 1, 'Returned']]);
    // everything is back: a repeated report writes nothing
    const count = sim.requests.length;
    await ct.returnItems!('o-r', [{ sku: 'SKU-1002', quantity: 1 }], ctx());
    expect(sim.requests.filter((r) => r.method === 'POST').length).toBe(sim.requests.slice(0, count).filter((r) => r.method === 'POST').length);
    // an order that was never redeemed with commercetools: nothing to report
    await ct.returnItems!('o-unknown', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    expect(sim.requests.length).toBe(count + 1); // the GET of the order above only
  });

  it('cancel and returns survive a concurrent change of the order (409) and vendor failures (5xx, 429)', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    await ct.redeem('o-f', c, null, ctx());
    const orderId = [...sim.orders.values()][0].id;
    sim.touchOrderBeforeNextUpdate(orderId);
    sim.server.fail({ status: 503, path: /orders\/[0-9a-f-]{36}$/ });
    sim.requests.length = 0;
    await ct.returnItems!('o-f', [{ sku: 'SKU-1002', quantity: 1 }], ctx());
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['GET', 200], ['POST', 503], ['POST', 409], ['GET', 200], ['POST', 200]]);
    expect(sim.orders.get(orderId)!.returnInfo).toHaveLength(1);
    sim.touchOrderBeforeNextUpdate(orderId);
    sim.server.fail({ status: 429, retryAfter: '0', path: /orders\/[0-9a-f-]{36}$/ });
    await ct.release('o-f', ctx());
    expect(sim.orders.get(orderId)!.orderState).toBe('Cancelled');
    expect((await new RemoteRedemptionRepository(db).get('commercetools', 'o-f'))!.state).toBe('RELEASED');
    // released: returns are no longer reported, a second cancel sends nothing
    sim.requests.length = 0;
    await ct.release('o-f', ctx());
    await ct.returnItems!('o-f', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    expect(sim.requests).toEqual([]);
  });

  it('an order creation that meets a concurrent change of the vendor cart re-reads it and succeeds', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    await ct.evaluate(c, ctx());
    sim.touchCart([...sim.carts.keys()][0]);
    sim.requests.length = 0;
    expect(await ct.redeem('o-c', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    expect(apiRequests().map((r) => [r.method, r.path.replace(/[0-9a-f-]{36}/, 'ID'), r.status])).toEqual([
      ['POST', '/shop-eu/in-store/key=fr-store/orders', 409],
      ['GET', '/shop-eu/in-store/key=fr-store/carts/ID', 200],
      ['POST', '/shop-eu/in-store/key=fr-store/orders', 201],
    ]);
  });
});

describe('commercetools code checks', () => {
  it('queries the discount codes by code', async () => {
    expect(await ct.knownCodes('FR', ['summer5', 'NOPE', 'OLD'], ctx())).toEqual(new Set(['OLD']));
    expect(await ct.knownCodes('FR', ['SUMMER5'], ctx())).toEqual(new Set(['SUMMER5']));
    expect(sim.requests.at(-1)!.query.get('where')).toBe('code in ("SUMMER5")');
  });
});
