/**
 * The commercetools adapter's orders: creation from the shadow cart (which needs a shipping address),
 * cancellation and returns, against the simulator. Where the simulated shapes come from: see
 * commercetools.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { until } from '../../../../../../test/fixtures/simulator.ts';
import { RemoteRedemptionRepository } from '../../../data/remoteRepository.ts';
import { withTimeBudget } from '../timeBudget.ts';
import { apiRequests, cart, ctx, provider, sim, t, useCommercetools } from './commercetools.fixture.ts';

useCommercetools();

describe('commercetools redeem and release', () => {
  it('creates the order from the shadow cart once, and cancels it on release', async () => {
    const c = cart({ discountCodes: ['ONCE'] });
    await t.ct.evaluate(c, ctx());
    expect(await t.ct.redeem('o-1', c, 'cust-1', ctx())).toEqual({ ok: true, userErrors: [] });
    const order = [...sim.orders.values()][0];
    expect(order).toMatchObject({ orderNumber: 'o-1', orderState: 'Open', storeKey: 'fr-store' });
    expect(sim.discountCodes.find((d) => d.code === 'ONCE')!.applicationCount).toBe(1);
    const count = sim.requests.length;
    expect(await t.ct.redeem('o-1', c, 'cust-1', ctx())).toEqual({ ok: true, userErrors: [] });
    expect(sim.requests).toHaveLength(count);
    const other = await t.ct.redeem('o-2', { ...c, id: 'c2' }, null, ctx());
    expect(other.userErrors).toEqual([expect.objectContaining({ code: 'USAGE_LIMIT_REACHED' })]);
    expect(sim.orders.size).toBe(1);
    await t.ct.release('o-1', ctx());
    expect(sim.orders.get(order.id)!.orderState).toBe('Cancelled');
    expect(sim.requests.at(-1)!.body).toEqual({ version: 1, actions: [{ action: 'changeOrderState', orderState: 'Cancelled' }] });
    const after = sim.requests.length;
    await t.ct.release('o-1', ctx());
    await t.ct.release('unknown-order', ctx());
    expect(sim.requests).toHaveLength(after);
  });

  it('a cart evaluated again after its order gets a new shadow cart (the key belongs to the ordered one)', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    await t.ct.evaluate(c, ctx());
    await t.ct.redeem('o-9', c, null, ctx());
    const e = await t.ct.evaluate(c, ctx());
    expect(e.discountCodes).toEqual([expect.objectContaining({ code: 'SUMMER5', amountMinor: 500 })]);
    expect([...sim.carts.values()].map((x) => [x.key, x.state])).toEqual([['cg-c1', 'Ordered'], [undefined, 'Active']]);
  });

  it('an order whose answer was lost is found by its order number, not created twice', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    sim.server.fail({ status: 0, delayMs: 300, path: /orders$/ });
    await expect(withTimeBudget(150, (signal) => t.ct.redeem('o-3', c, null, { ...ctx(), signal }))).rejects.toThrow();
    await until(() => sim.orders.size === 1); // commercetools did create it
    expect(await t.ct.redeem('o-3', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    expect(sim.orders.size).toBe(1);
  });
});

describe('commercetools orders need a shipping address', () => {
  it('a cart without an address is refused with SHIPPING_ADDRESS_REQUIRED, nothing created, when nothing is configured', async () => {
    await t.ct.close();
    t.ct = provider({ markets: { FR: { storeKey: 'fr-store' } } }); // no address, no country
    const c = cart({ discountCodes: ['SUMMER5'], shippingAddress: null });
    await t.ct.evaluate(c, ctx()); // evaluation works without an address
    const r = await t.ct.redeem('o-none', c, null, ctx());
    expect(r).toEqual({ ok: false, userErrors: [expect.objectContaining({ code: 'SHIPPING_ADDRESS_REQUIRED', field: 'shippingAddress' })] });
    expect(sim.orders.size).toBe(0);
    expect(await new RemoteRedemptionRepository(t.db).get('commercetools', 'o-none')).toBeUndefined();
    expect(sim.discountCodes.find((d) => d.code === 'SUMMER5')!.applicationCount ?? 0).toBe(0);
  });

  it('without a configured address, the market\'s configured country is the address', async () => {
    const c = cart({ discountCodes: ['SUMMER5'], shippingAddress: null, channel: 'kiosk' });
    expect(await t.ct.redeem('o-country', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    expect([...sim.orders.values()][0].cart.shippingAddress).toEqual({ country: 'FR' });
  });

  it('pickup, kiosk and in-game carts get the configured address of their location, else of the market', async () => {
    await t.ct.close();
    const store = { country: 'FR', streetName: 'Place du Marché', postalCode: '69001', city: 'Lyon' };
    const market = { country: 'FR', streetName: 'Siège', city: 'Paris' };
    t.ct = provider({ markets: { FR: { storeKey: 'fr-store', country: 'FR', address: market, locations: { 'store-lyon': store } } } });
    sim.storeCountries.set('fr-store', ['FR']);
    const pickup = cart({ id: 'c-pickup', channel: 'pos', location: 'store-lyon', shippingAddress: null, discountCodes: ['SUMMER5'] });
    const kiosk = cart({ id: 'c-kiosk', channel: 'kiosk', shippingAddress: null, discountCodes: ['SUMMER5'] });
    const game = cart({ id: 'c-game', channel: 'in-game', location: 'unknown-place', shippingAddress: { type: 'geo/v2', data: { lat: 1 } }, discountCodes: ['SUMMER5'] });
    for (const [id, c] of [['o-pickup', pickup], ['o-kiosk', kiosk], ['o-game', game]] as const) expect(await t.ct.redeem(id, c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    const addressOf = (orderNumber: string) => [...sim.orders.values()].find((o) => o.orderNumber === orderNumber)!.cart.shippingAddress;
    expect(addressOf('o-pickup')).toEqual(store);
    expect(addressOf('o-kiosk')).toEqual(market);
    expect(addressOf('o-game')).toEqual(market);
  });

  it('the simulator holds commercetools\' rules: no order without an address, the Store\'s countries', async () => {
    await t.ct.close();
    t.ct = provider({ markets: { FR: { storeKey: 'fr-store' } } });
    const c = cart({ shippingAddress: null });
    await t.ct.evaluate(c, ctx());
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
    expect(await t.ct.redeem('o-r', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    const orderId = [...sim.orders.values()][0].id;
    const lineOf = (sku: string) => sim.orders.get(orderId)!.cart.lineItems.find((l: { variant: { sku: string } }) => l.variant.sku === sku).id;
    await t.ct.returnItems!('o-r', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    const first = sim.requests.at(-1)!;
    expect(first.body.actions).toEqual([{ action: 'addReturnInfo', items: [{ quantity: 1, lineItemId: lineOf('SKU-1001'), shipmentState: 'Returned' }], returnDate: expect.any(String) }]);
    // more than is left, a SKU that was not ordered: only what is left is reported
    await t.ct.returnItems!('o-r', [{ sku: 'SKU-1001', quantity: 5 }, { sku: 'SKU-1002', quantity: 1 }, { sku: 'SKU-9999', quantity: 1 }], ctx());
    const returned = sim.orders.get(orderId)!.returnInfo.flatMap((r) => r.items).map((i) => [i.lineItemId, i.quantity, i.shipmentState]);
    expect(returned).toEqual([[lineOf('SKU-1001'), 1, 'Returned'], [lineOf('SKU-1001'), 1, 'Returned'], [lineOf('SKU-1002'), 1, 'Returned']]);
    // everything is back: a repeated report writes nothing
    const count = sim.requests.length;
    await t.ct.returnItems!('o-r', [{ sku: 'SKU-1002', quantity: 1 }], ctx());
    expect(sim.requests.filter((r) => r.method === 'POST').length).toBe(sim.requests.slice(0, count).filter((r) => r.method === 'POST').length);
    // an order that was never redeemed with commercetools: nothing to report
    await t.ct.returnItems!('o-unknown', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    expect(sim.requests.length).toBe(count + 1); // the GET of the order above only
  });

  it('cancel and returns survive a concurrent change of the order (409) and vendor failures (5xx, 429)', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    await t.ct.redeem('o-f', c, null, ctx());
    const orderId = [...sim.orders.values()][0].id;
    sim.touchOrderBeforeNextUpdate(orderId);
    sim.server.fail({ status: 503, path: /orders\/[0-9a-f-]{36}$/ });
    sim.requests.length = 0;
    await t.ct.returnItems!('o-f', [{ sku: 'SKU-1002', quantity: 1 }], ctx());
    expect(apiRequests().map((r) => [r.method, r.status])).toEqual([['GET', 200], ['POST', 503], ['POST', 409], ['GET', 200], ['POST', 200]]);
    expect(sim.orders.get(orderId)!.returnInfo).toHaveLength(1);
    sim.touchOrderBeforeNextUpdate(orderId);
    sim.server.fail({ status: 429, retryAfter: '0', path: /orders\/[0-9a-f-]{36}$/ });
    await t.ct.release('o-f', ctx());
    expect(sim.orders.get(orderId)!.orderState).toBe('Cancelled');
    expect((await new RemoteRedemptionRepository(t.db).get('commercetools', 'o-f'))!.state).toBe('RELEASED');
    // released: returns are no longer reported, a second cancel sends nothing
    sim.requests.length = 0;
    await t.ct.release('o-f', ctx());
    await t.ct.returnItems!('o-f', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    expect(sim.requests).toEqual([]);
  });

  it('an order creation that meets a concurrent change of the vendor cart re-reads it and succeeds', async () => {
    const c = cart({ discountCodes: ['SUMMER5'] });
    await t.ct.evaluate(c, ctx());
    sim.touchCart([...sim.carts.keys()][0]);
    sim.requests.length = 0;
    expect(await t.ct.redeem('o-c', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    expect(apiRequests().map((r) => [r.method, r.path.replace(/[0-9a-f-]{36}/, 'ID'), r.status])).toEqual([
      ['POST', '/shop-eu/in-store/key=fr-store/orders', 409],
      ['GET', '/shop-eu/in-store/key=fr-store/carts/ID', 200],
      ['POST', '/shop-eu/in-store/key=fr-store/orders', 201],
    ]);
  });
});

describe('commercetools code checks', () => {
  it('queries the discount codes by code', async () => {
    expect(await t.ct.knownCodes('FR', ['summer5', 'NOPE', 'OLD'], ctx())).toEqual(new Set(['OLD']));
    expect(await t.ct.knownCodes('FR', ['SUMMER5'], ctx())).toEqual(new Set(['SUMMER5']));
    expect(sim.requests.at(-1)!.query.get('where')).toBe('code in ("SUMMER5")');
  });
});
