import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRemoteProviders } from '../subgraphs/promotions/src/services/providers/remote/config.ts';
import { TalonSimulator } from './fixtures/talon-simulator.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { waitFor } from './support/wait.ts';

/**
 * Markets are data: a market created through the graph (operations key) is learned by every service
 * without a restart, and sells in carts, promotions (native and a remote engine by routing),
 * inventory, orders and previews.
 */
let g: TestGraph;
const talon = new TalonSimulator();

const MARKET = `code name currencyCode pricesIncludeTax defaultLocale channels`;
const UPSERT_MARKET = `mutation($i: MarketInput!) { upsertMarket(input: $i) { market { ${MARKET} } userErrors { code field } } }`;
const UPSERT_LOCATION = `mutation($i: LocationInput!) { upsertLocation(input: $i) { location { code kind markets address { type data } channels } userErrors { code field } } }`;
const CART = `id version market currencyCode lines { id sku unitPrice { amount currencyCode } availability { inStock } }
  promotion { provider discountCodes { code } discounts { name amount { amount } } } totals { subtotal { amount } discount { amount } total { amount currencyCode } }`;
const NL = { code: 'NL', name: 'Netherlands', currencyCode: 'EUR', pricesIncludeTax: true, defaultLocale: 'nl-nl', channels: ['web', 'pos', 'kiosk'] };

async function newCart(key: string, lines: { sku: string; quantity: number }[], codes: string[] = []) {
  const res = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { ${CART} } userErrors { code field } } }`, { i: { market: 'NL', lines, discountCodes: codes } }, key);
  expect(res.errors).toBeUndefined();
  return res.data.createCart;
}

beforeAll(async () => {
  await talon.start();
  // the remote engine's application for NL is configured before the market exists: no market list anywhere
  talon.addApplication({
    id: 31,
    apiKey: 'talon-nl-application-key',
    currency: 'EUR',
    campaigns: [{ id: 1, name: 'Welkom', coupon: { code: 'WELKOM5' }, effect: { type: 'amountOffCart', amount: 5 } }],
  });
  const remoteProviders = parseRemoteProviders({ talon: { baseUrl: talon.server.url, applications: { NL: { apiKey: 'talon-nl-application-key' } } } });
  g = await startTestGraph({ promotionsOptions: { remoteProviders, providerTimeoutMs: 3000, redemptionTimeoutMs: 5000 } });
});
afterAll(async () => {
  await g?.stop();
  await talon.stop();
});

describe('a market created through the graph', () => {
  it('does not exist before: carts, campaigns and locations refuse NL', async () => {
    const cart = await newCart(KEYS.web, []);
    expect(cart.userErrors).toEqual([{ code: 'MARKET_UNKNOWN', field: 'market' }]);
    const location = await g.gql(UPSERT_LOCATION, { i: { code: 'wh-nl', name: 'Warehouse Venlo', kind: 'WAREHOUSE', markets: ['NL'] } }, KEYS.operations);
    expect(location.data.upsertLocation.userErrors).toEqual([{ code: 'MARKET_UNKNOWN', field: 'input.markets[0]' }]);
    const campaign = await g.gql(
      `mutation($i: CampaignInput!) { createCampaign(input: $i) { userErrors { code field } } }`,
      { i: { name: 'Too early', market: 'NL', effect: { type: 'percentOffCart', args: { percent: 5 } } } },
      KEYS.marketing,
    );
    expect(campaign.data.createCampaign.userErrors).toEqual([{ code: 'MARKET_UNKNOWN', field: 'market' }]);
  });

  it('refuses bad markets with coded errors and changes nothing', async () => {
    const bad = await g.gql(UPSERT_MARKET, { i: { ...NL, code: 'nl', currencyCode: 'XYZ', defaultLocale: 'not a locale!', channels: ['Web Shop'] } }, KEYS.operations);
    expect(bad.data.upsertMarket.userErrors.map((e: { code: string }) => e.code).sort()).toEqual(['CURRENCY_UNKNOWN', 'INVALID_CHANNEL', 'INVALID_LOCALE', 'INVALID_MARKET_CODE']);
    const incomplete = await g.gql(UPSERT_MARKET, { i: { code: 'NL', name: 'Netherlands' } }, KEYS.operations);
    expect(incomplete.data.upsertMarket.userErrors.map((e: { field: string }) => e.field).sort()).toEqual([
      'input.channels', 'input.currencyCode', 'input.defaultLocale', 'input.pricesIncludeTax',
    ]);
    // a key without the operations scope is refused at the gateway
    const marketing = await g.gql(UPSERT_MARKET, { i: NL }, KEYS.marketing);
    expect(marketing.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const markets = await g.gql(`{ markets { code } market(code: "NL") { code } }`, {}, KEYS.web);
    expect(markets.data.markets.map((m: { code: string }) => m.code)).toEqual(['DE', 'FR', 'GB', 'JP', 'US']);
    expect(markets.data.market).toBeNull();
  });

  it('creates NL with the operations key', async () => {
    const res = await g.gql(UPSERT_MARKET, { i: NL }, KEYS.operations);
    expect(res.data.upsertMarket).toEqual({ market: { ...NL, defaultLocale: 'nl-NL' }, userErrors: [] });
    const read = await g.gql(`{ market(code: "NL") { ${MARKET} } markets { code pricesIncludeTax } }`, {}, KEYS.web);
    expect(read.data.market.currencyCode).toBe('EUR');
    expect(read.data.markets).toContainEqual({ code: 'US', pricesIncludeTax: false });
  });

  it('gets prices, a warehouse and a store (inventory learns the market through the graph)', async () => {
    const prices = await g.gql(
      `mutation($p: [SetPriceInput!]!) { setPrices(input: $p) { userErrors { code field } } }`,
      { p: [{ sku: 'SKU-1001', market: 'NL', amount: '30.00' }, { sku: 'SKU-1002', market: 'NL', amount: '20.00' }, { sku: 'SKU-1003', market: 'NL', amount: '12.50' }] },
      KEYS.operations,
    );
    expect(prices.data.setPrices.userErrors).toEqual([]);
    const warehouse = await g.gql(UPSERT_LOCATION, { i: { code: 'wh-eu', markets: ['DE', 'FR', 'GB', 'NL'] } }, KEYS.operations);
    expect(warehouse.data.upsertLocation).toMatchObject({ location: { code: 'wh-eu', kind: 'WAREHOUSE', markets: ['DE', 'FR', 'GB', 'NL'] }, userErrors: [] });
    const store = await g.gql(UPSERT_LOCATION, {
      i: { code: 'store-amsterdam-1', name: 'Store Amsterdam', kind: 'STORE', markets: ['NL'], channels: ['pos'], address: { type: 'address/v1', data: { city: 'Amsterdam', country: 'NL' } } },
    }, KEYS.operations);
    expect(store.data.upsertLocation).toEqual({
      location: { code: 'store-amsterdam-1', kind: 'STORE', markets: ['NL'], address: { type: 'address/v1', data: { city: 'Amsterdam', country: 'NL' } }, channels: ['pos'] },
      userErrors: [],
    });
    const browse = await g.gql(`{ products(market: "NL", first: 10) { totalCount edges { node { sku price(market: "NL") { amount currencyCode } availability(market: "NL") { inStock } } } } }`, {}, KEYS.web);
    expect(browse.data.products.totalCount).toBe(3);
    expect(browse.data.products.edges[0].node).toEqual({ sku: 'SKU-1001', price: { amount: '30.00', currencyCode: 'EUR' }, availability: { inStock: true } });
  });

  it('has its own campaigns and compliance policy (native engine)', async () => {
    const policy = await g.gql(`mutation { setCompliancePolicy(market: "NL", input: { maxDiscountPercent: 20 }) { userErrors { code } } }`, {}, KEYS.operations);
    expect(policy.data.setCompliancePolicy.userErrors).toEqual([]);
    const tooMuch = await g.gql(
      `mutation($i: CampaignInput!) { createCampaign(input: $i) { userErrors { code } } }`,
      { i: { name: 'Too much', market: 'NL', effect: { type: 'percentOffCart', args: { percent: 30 } } } },
      KEYS.marketing,
    );
    expect(tooMuch.data.createCampaign.userErrors).toEqual([{ code: 'DISCOUNT_CAP_EXCEEDED' }]);
    const created = await g.gql(
      `mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { market } userErrors { code field } } }`,
      { i: { name: 'Koningsdag', market: 'NL', couponRequired: true, codes: ['ORANJE'], effect: { type: 'percentOffCart', args: { percent: 10 } } } },
      KEYS.marketing,
    );
    expect(created.data.createCampaign).toEqual({ campaign: { market: 'NL' }, userErrors: [] });
  });

  it('sells on the web: cart in EUR, the code applies, stock is reserved and the order is placed', async () => {
    const { cart, userErrors } = await newCart(KEYS.web, [{ sku: 'SKU-1001', quantity: 2 }], ['ORANJE']);
    expect(userErrors).toEqual([]);
    expect(cart).toMatchObject({ market: 'NL', currencyCode: 'EUR', promotion: { provider: 'native', discountCodes: [{ code: 'ORANJE' }] } });
    expect(cart.lines[0]).toMatchObject({ sku: 'SKU-1001', unitPrice: { amount: '30.00', currencyCode: 'EUR' }, availability: { inStock: true } });
    expect(cart.totals).toEqual({ subtotal: { amount: '60.00' }, discount: { amount: '6.00' }, total: { amount: '54.00', currencyCode: 'EUR' } });
    const before = await g.gql(`{ product(sku: "SKU-1001") { stockLevel(location: "wh-eu") { onHand } } }`, {}, KEYS.operations);
    const placed = await g.gql(
      `mutation($c: ID!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: "nl-1", payment: $p) { order { market status totals { total { amount currencyCode } } } userErrors { code } } }`,
      { c: cart.id, p: { reference: 'psp-nl-1', amount: { amount: '54.00', currencyCode: 'EUR' } } },
    );
    expect(placed.data.placeOrder).toEqual({ order: { market: 'NL', status: 'PLACED', totals: { total: { amount: '54.00', currencyCode: 'EUR' } } }, userErrors: [] });
    const after = await g.gql(`{ product(sku: "SKU-1001") { stockLevel(location: "wh-eu") { onHand } } }`, {}, KEYS.operations);
    expect(after.data.product.stockLevel.onHand).toBe(before.data.product.stockLevel.onHand - 2);
  });

  it('sells only through its channels', async () => {
    const inGame = await newCart(KEYS.inGame, []);
    expect(inGame.userErrors).toEqual([{ code: 'MARKET_CHANNEL_DISABLED', field: 'market' }]);
    const kiosk = await newCart(KEYS.kiosk, []);
    expect(kiosk.userErrors).toEqual([]);
  });

  it('routes to a remote engine (Talon.One) for NL', async () => {
    const routed = await g.gql(
      `mutation { setPromotionRouting(input: { market: "NL", provider: "talon" }) { routing { market provider } userErrors { code } } }`,
      {}, KEYS.marketing,
    );
    expect(routed.data.setPromotionRouting).toEqual({ routing: { market: 'NL', provider: 'talon' }, userErrors: [] });
    const { cart, userErrors } = await newCart(KEYS.web, [{ sku: 'SKU-1002', quantity: 1 }], ['WELKOM5']);
    expect(userErrors).toEqual([]);
    expect(cart.promotion.provider).toBe('talon');
    expect(cart.totals.total).toEqual({ amount: '15.00', currencyCode: 'EUR' });
    const back = await g.gql(`mutation { setPromotionRouting(input: { market: "NL", provider: "native" }) { userErrors { code } } }`, {}, KEYS.marketing);
    expect(back.data.setPromotionRouting.userErrors).toEqual([]);
  });

  it('previews NL: a price scheduled there shows in the preview diff', async () => {
    const from = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const at = new Date(Date.now() + 31 * 86_400_000).toISOString();
    const scheduled = await g.gql(
      `mutation($from: DateTime!) { setPrice(input: { sku: "SKU-1003", market: "NL", amount: "10.00", validFrom: $from }) { userErrors { code } } }`,
      { from }, KEYS.operations,
    );
    expect(scheduled.data.setPrice.userErrors).toEqual([]);
    const diff = await g.gql(`query($at: DateTime!) { previewDiff(market: "NL", at: $at) { priceChanges { sku before { amount } after { amount currencyCode } } } }`, { at }, KEYS.operations);
    expect(diff.errors).toBeUndefined();
    expect(diff.data.previewDiff.priceChanges).toEqual([{ sku: 'SKU-1003', before: { amount: '12.50' }, after: { amount: '10.00', currencyCode: 'EUR' } }]);
    const then = await g.gql(`{ product(sku: "SKU-1003") { price(market: "NL") { amount } } }`, {}, KEYS.operations, { 'x-preview-at': at });
    expect(then.data.product.price.amount).toBe('10.00');
  });

  it('changes: the tax flag and channels change; the currency cannot once prices exist', async () => {
    const changed = await g.gql(UPSERT_MARKET, { i: { code: 'NL', pricesIncludeTax: false, channels: ['web', 'pos', 'kiosk', 'in-game'] } }, KEYS.operations);
    expect(changed.data.upsertMarket).toMatchObject({ market: { pricesIncludeTax: false, name: 'Netherlands' }, userErrors: [] });
    // the cart service learns the change through the catalog's change counter, without a restart
    const inGame = await waitForCart(KEYS.inGame);
    expect(inGame.userErrors).toEqual([]);
    const currency = await g.gql(UPSERT_MARKET, { i: { code: 'NL', currencyCode: 'USD' } }, KEYS.operations);
    expect(currency.data.upsertMarket.userErrors).toEqual([{ code: 'CURRENCY_CHANGE_REFUSED', field: 'input.currencyCode' }]);
    const read = await g.gql(`{ market(code: "NL") { currencyCode pricesIncludeTax } }`, {}, KEYS.web);
    expect(read.data.market).toEqual({ currencyCode: 'EUR', pricesIncludeTax: false });
  });
});

/** Creates an in-game NL cart until the cart service has reloaded the market (its copy refreshes within a second). */
async function waitForCart(key: string) {
  return waitFor(async () => {
    const res = await newCart(key, []);
    return res.userErrors.length === 0 ? res : null;
  }, { what: 'the cart service to learn the new channels of NL' });
}
