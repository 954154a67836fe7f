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
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../../common/log.ts';
import { ShadowCartRepository } from '../../../data/remoteRepository.ts';
import { settle } from '../../evaluation.ts';
import { RemoteCallError } from '../remote/call.ts';
import { withTimeBudget } from '../timeBudget.ts';
import { apiRequests, cart, changed, ctx, provider, sim, t, useCommercetools } from './commercetools.fixture.ts';

useCommercetools();

describe('commercetools evaluate', () => {
  it('creates the shadow cart in the market\'s store with external prices and codes, and maps the discounts', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    const e = await t.ct.evaluate(c, ctx());
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
    const row = await new ShadowCartRepository(t.db).get('c1');
    expect(row).toMatchObject({ market: 'FR', version: 1 });
  });

  it('sends only the changes next time, with the stored version', async () => {
    await t.ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx());
    sim.requests.length = 0;
    const c = cart({ discountCodes: [], lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 3, unitPriceMinor: 1899 }, { id: 'L3', sku: 'SKU-1003', quantity: 1, unitPriceMinor: 500 }] });
    const e = await t.ct.evaluate(c, ctx());
    const [update] = apiRequests();
    expect(update.path).toMatch(/^\/shop-eu\/in-store\/key=fr-store\/carts\/[0-9a-f-]{36}$/);
    expect(update.body.version).toBe(1);
    expect(update.body.actions.map((a: any) => a.action)).toEqual(['removeLineItem', 'changeLineItemQuantity', 'setLineItemPrice', 'addLineItem', 'removeDiscountCode']);
    expect(e.discountCodes).toEqual([]);
    expect(e.lineItemPromotions[0].discounts[0].amountMinor).toBe(3 * 190);
    expect((await new ShadowCartRepository(t.db).get('c1'))!.version).toBe(2);
  });

  it('maps the discount code states and refusals to our reasons', async () => {
    sim.discountCodes.find((d) => d.code === 'ONCE')!.applicationCount = 1;
    const e = await t.ct.evaluate(cart({ discountCodes: ['SHOES', 'BIG', 'ONCE', 'OLD', 'LATER', 'NOPE'] }), ctx());
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
    const e = await t.ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx());
    expect(e.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'SUMMER5', reason: 'NOT_COMBINABLE' })]);
    expect(e.discounts).toEqual([{ campaignId: 'ct-cd-stop', name: 'Stop', amountMinor: 100 }]);
  });

  it('retries a 409 ConcurrentModification with the current version', async () => {
    await t.ct.evaluate(cart(), ctx());
    sim.touchCart([...sim.carts.keys()][0]);
    sim.requests.length = 0;
    const e = await t.ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx());
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', 409], ['GET', 200], ['POST', 200]]);
    expect(apiRequests()[2].body.version).toBe(2);
    expect(e.discountCodes).toHaveLength(1);
  });

  it('starts a new shadow cart when the vendor deleted it, and joins a cart created meanwhile', async () => {
    await t.ct.evaluate(cart(), ctx());
    sim.carts.clear();
    const e = await t.ct.evaluate(changed(3), ctx()); // a change is written: the vendor answers 404
    expect(e.lineItemPromotions).toHaveLength(1);
    expect(sim.carts.size).toBe(1);
    await new ShadowCartRepository(t.db).delete('c1'); // our mapping lost: the key finds the vendor cart
    sim.requests.length = 0;
    await t.ct.evaluate(changed(3), ctx());
    // the vendor cart already holds this content: read, nothing written
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', 400], ['GET', 200]]);
    expect(sim.carts.size).toBe(1);
  });

  it('refuses a staff preview (it would write a shadow cart)', async () => {
    await expect(t.ct.evaluate(cart(), { ...ctx(), preview: true })).rejects.toThrow(/previews/);
    expect(sim.requests).toHaveLength(0);
    expect(await new ShadowCartRepository(t.db).get('c1')).toBeUndefined();
  });

  it('reads without writes: an unchanged cart is answered from the last sync; only what changed is written', async () => {
    const first = await t.ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx());
    const vendorCart = [...sim.carts.values()][0];
    sim.requests.length = 0;
    for (let i = 0; i < 3; i++) expect(await t.ct.evaluate(cart({ discountCodes: ['SUMMER5'] }), ctx())).toEqual(first);
    expect(sim.requests).toEqual([]);
    expect(sim.carts.get(vendorCart.id)!.version).toBe(1);
    const text = await t.metrics.registry.metrics();
    expect(text).toContain('promotions_remote_cart_syncs_total{provider="commercetools",outcome="created",service="promotions"} 1');
    expect(text).toContain('promotions_remote_cart_syncs_total{provider="commercetools",outcome="unchanged",service="promotions"} 3');
    // a customer signing in changes the hash, but commercetools holds nothing of ours to change: no write
    await t.ct.evaluate(cart({ discountCodes: ['SUMMER5'], customerId: 'cust-1' }), ctx());
    expect(sim.requests).toEqual([]);
    expect((await new ShadowCartRepository(t.db).get('c1'))!.sync_hash).not.toBeNull();
    // a new address is written (setShippingAddress), once
    const lyon = { type: 'address/v1', data: { street: '2 place Bellecour', city: 'Lyon', postalCode: '69002', country: 'fr' } };
    await t.ct.evaluate(cart({ discountCodes: ['SUMMER5'], customerId: 'cust-1', shippingAddress: lyon }), ctx());
    await t.ct.evaluate(cart({ discountCodes: ['SUMMER5'], customerId: 'cust-1', shippingAddress: lyon }), ctx());
    expect(apiRequests().map((r) => r.body.actions)).toEqual([[{ action: 'setShippingAddress', address: { country: 'FR', streetName: '2 place Bellecour', postalCode: '69002', city: 'Lyon' } }]]);
    // a caller that sends no address field at all keeps the vendor cart's address
    sim.requests.length = 0;
    await t.ct.evaluate(cart({ discountCodes: ['SUMMER5'], customerId: 'cust-1', shippingAddress: undefined }), ctx());
    expect(sim.requests).toEqual([]);
  });

  it('20 parallel reads of one cart: one vendor call, no conflict, the same answer', async () => {
    await t.ct.evaluate(cart(), ctx()); // the token, and a vendor cart
    for (const c of [cart({ discountCodes: ['SUMMER5'] }), changed(4, { discountCodes: ['SUMMER5'] })]) {
      sim.requests.length = 0;
      const answers = await Promise.all(Array.from({ length: 20 }, () => t.ct.evaluate(c, ctx())));
      expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', 200]]);
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(answers[0].discountCodes).toEqual([expect.objectContaining({ code: 'SUMMER5', amountMinor: 500 })]);
    }
    // a fresh cart: its creation is the one call
    sim.requests.length = 0;
    await Promise.all(Array.from({ length: 20 }, () => t.ct.evaluate(cart({ id: 'c-fresh' }), ctx())));
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', 201]]);
    expect(sim.requests.filter((r) => r.status === 409)).toEqual([]);
  });

  it('concurrent reads of different contents of one cart are written one after the other, without conflict', async () => {
    await t.ct.evaluate(cart(), ctx());
    sim.requests.length = 0;
    const results = await Promise.all([2, 3, 4, 5, 3].map((q) => t.ct.evaluate(changed(q), ctx())));
    expect(results.map((e) => e.lineItemPromotions[0].discounts[0].amountMinor)).toEqual([2, 3, 4, 5, 3].map((q) => q * 200));
    expect(sim.requests.filter((r) => r.status === 409)).toEqual([]);
    expect(apiRequests().every((r) => r.status === 200)).toBe(true);
  });

  it('reuses keep-alive connections (token and API calls alike)', async () => {
    await t.ct.evaluate(cart(), ctx());
    const before = sim.server.connections;
    for (let i = 0; i < 5; i++) await t.ct.evaluate(cart({ lines: [{ id: 'L1', sku: 'SKU-1001', quantity: i + 1, unitPriceMinor: 1999 }] }), ctx());
    expect(sim.server.connections - before).toBe(0);
  });

  it('converts JPY cent amounts (0 fraction digits) exactly', async () => {
    sim.cartDiscounts[0].skus = ['SKU-1001'];
    const e = await t.ct.evaluate(cart({ market: 'JP', currencyCode: 'JPY', lines: [{ id: 'J1', sku: 'SKU-1001', quantity: 3, unitPriceMinor: 1999 }] }), ctx());
    expect(sim.requests.at(-1)!.body.lineItems[0].externalPrice).toEqual({ currencyCode: 'JPY', centAmount: 1999 });
    expect(e.lineItemPromotions[0].discounts[0].amountMinor).toBe(3 * 200); // 10% of 1999 = 199.9 → 200
  });
});

describe('commercetools errors and retries', () => {
  it('an expired token is fetched again; wrong client credentials fail without leaking the secret', async () => {
    await t.ct.evaluate(cart(), ctx());
    const issued = sim.tokensIssued;
    sim.revokeTokens();
    await t.ct.evaluate(changed(3), ctx());
    expect(sim.tokensIssued).toBe(issued + 1);
    expect(sim.requests.filter((r) => r.status === 401)).toHaveLength(1);
    await t.ct.close();
    t.ct = provider({ clientSecret: 'wrong-secret-value' });
    const err = await t.ct.evaluate(cart({ id: 'c9' }), ctx()).catch((e) => e);
    expect(err).toBeInstanceOf(RemoteCallError);
    expect(err.status).toBe(401);
    const lines: string[] = [];
    createLogger('promotions', 'info', new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) })).warn({ err }, 'promotion provider failed');
    expect(lines.join('')).toContain('"status":401');
    expect(lines.join('')).not.toContain('wrong-secret-value');
    expect(lines.join('')).not.toContain(Buffer.from(`${sim.clientId}:wrong-secret-value`).toString('base64'));
  });

  it('429 waits Retry-After, 5xx retries, and the attempts are bounded', async () => {
    await t.ct.evaluate(cart(), ctx());
    sim.requests.length = 0;
    sim.server.fail({ status: 429, retryAfter: '0', path: /carts/ });
    sim.server.fail({ status: 503, path: /carts/ });
    await t.ct.evaluate(changed(3), ctx());
    expect(apiRequests().map((r) => r.status)).toEqual([429, 503, 200]);
    sim.requests.length = 0;
    sim.server.fail({ status: 502, times: 3, path: /carts/ });
    expect((await t.ct.evaluate(changed(4), ctx()).catch((e) => e)).status).toBe(502);
    expect(apiRequests()).toHaveLength(3);
    // the failed sync is not remembered: the next read writes it
    sim.requests.length = 0;
    expect((await t.ct.evaluate(changed(4), ctx())).lineItemPromotions[0].discounts[0].amountMinor).toBe(800);
    expect(apiRequests().map((r) => r.status)).toEqual([200]);
  });

  it('a call slower than timeoutMs is abandoned and retried; a write applied meanwhile is recognised (409, re-read)', async () => {
    await t.ct.close();
    t.ct = provider({ timeoutMs: 200 });
    await t.ct.evaluate(cart(), ctx());
    sim.requests.length = 0;
    sim.server.fail({ status: 0, delayMs: 800, path: /carts\/[0-9a-f-]{36}$/ });
    const e = await t.ct.evaluate(changed(3), ctx());
    expect(e.lineItemPromotions[0].discounts[0].amountMinor).toBe(600);
    // the abandoned update was applied by the vendor: the retry conflicts, the re-read shows nothing is left to send
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['POST', undefined], ['POST', 409], ['GET', 200]]);
    expect(await t.metrics.registry.metrics()).toContain('promotions_remote_retries_total{provider="commercetools",status="0",service="promotions"} 1');
  });

  it('two service instances evaluating one cart at once: every evaluation succeeds, conflicts are resolved by re-reading', async () => {
    const other = provider();
    try {
      await t.ct.evaluate(cart(), ctx());
      const results = await Promise.all([3, 4, 5, 6].flatMap((q) => [t.ct.evaluate(changed(q), ctx()), other.evaluate(changed(q), ctx())]));
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
    await expect(withTimeBudget(60, (signal) => t.ct.evaluate(cart(), { ...ctx(), signal }))).rejects.toThrow(/time budget/);
    sim.server.delayMs = 0;
    await expect(t.ct.evaluate(cart({ market: 'DE' }), ctx())).rejects.toThrow(/no Store is configured for market DE/);
  });
});
