import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importInto, type ImportCommand } from '../scripts/import.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { testConfig } from './support/subgraph.ts';

/**
 * The native provider's tax and shipping tables are data: imported from files into the promotions
 * database while the graph runs (bad rows land in the rejects file with their line and reason), and
 * edited one row at a time through the graph (operations keys, coded userErrors, nothing changed on
 * error). A running graph prices the next cart read with the change, without a restart: a German
 * shop starts delivering to Austria at Austria's VAT, a changed rate raises SHIPPING_PRICE_CHANGED, a
 * removed method SHIPPING_METHOD_UNAVAILABLE.
 */
let g: TestGraph;
const dir = mkdtempSync(join(tmpdir(), 'charge-tables-'));

const MONEY = '{ amount currencyCode }';
const CART = `id version warnings { code message } shippingMethod
  shippingOptions { code price ${MONEY} }
  totals { subtotal ${MONEY} shipping ${MONEY} tax ${MONEY} taxStatus taxLines { kind rate name amount ${MONEY} } total ${MONEY} }`;

async function importFile(kind: ImportCommand['kind'], name: string, content: string) {
  const file = join(dir, name);
  writeFileSync(file, content);
  const config = testConfig('promotions', { urls: { catalog: g.services.catalog.url } });
  const result = await importInto(g.services.promotions.db, config, { kind, file, restart: false });
  const rejects = result.rejected ? readFileSync(result.rejectsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string }) : [];
  return { result, rejects };
}

async function createCart(market: string, lines: { sku: string; quantity: number }[]) {
  const res = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { ${CART} } userErrors { code message } } }`, { i: { market, lines } });
  expect(res.data.createCart.userErrors).toEqual([]);
  return res.data.createCart.cart;
}

async function setAddress(cart: any, data: Record<string, unknown>) {
  const res = await g.gql(
    `mutation($c: ID!, $v: Int!, $a: TypedValueInput!) { setShippingAddress(cartId: $c, expectedVersion: $v, address: $a) { cart { ${CART} } userErrors { code message } } }`,
    { c: cart.id, v: cart.version, a: { type: 'address/v1', data } },
  );
  expect(res.data.setShippingAddress.userErrors).toEqual([]);
  return res.data.setShippingAddress.cart;
}

async function select(cart: any, method: string) {
  const res = await g.gql(
    `mutation($c: ID!, $v: Int!, $m: String!) { selectShippingMethod(cartId: $c, expectedVersion: $v, method: $m) { cart { ${CART} } userErrors { code message } } }`,
    { c: cart.id, v: cart.version, m: method },
  );
  expect(res.data.selectShippingMethod.userErrors).toEqual([]);
  return res.data.selectShippingMethod.cart;
}

const readCart = async (id: string) => (await g.gql(`query($id: ID!) { cart(id: $id) { ${CART} } }`, { id })).data.cart;
const version = async () => (await g.gql('{ chargeTablesVersion }', {}, KEYS.operations)).data.chargeTablesVersion as number;

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

describe('importing the tables while the graph runs', () => {
  it('DE starts delivering to Austria: the tax market, the rate and the method from files, bad rows in the rejects file; the next cart read charges it', async () => {
    // before: an Austrian address is not in the DE market: no delivery, tax due at home (19%)
    let cart = await setAddress(await createCart('DE', [{ sku: 'SKU-1001', quantity: 1 }]), { street: 'Stephansplatz 1', city: 'Wien', postalCode: '1010', country: 'AT' });
    expect(cart.shippingOptions.map((o: any) => o.code)).toEqual(['click-and-collect']);
    expect(cart.totals.taxLines.map((l: any) => l.rate)).toEqual(['19']);
    const before = await version();

    const markets = await importFile('tax-markets', 'tax-markets.ndjson', [
      JSON.stringify({ market: 'DE', currencyCode: 'EUR', pricesIncludeTax: true, taxName: 'VAT', homeCountry: 'DE', countries: ['DE', 'AT'] }),
      JSON.stringify({ market: 'GB', currencyCode: 'EUR', pricesIncludeTax: true, taxName: 'VAT', homeCountry: 'GB', countries: ['GB'] }),
      JSON.stringify({ market: 'FR', currencyCode: 'EUR', pricesIncludeTax: true, taxName: 'TVA', homeCountry: 'FR', countries: ['France'] }),
    ].join('\n'));
    expect(markets.result).toMatchObject({ accepted: 1, rejected: 2 });
    expect(markets.rejects.map((r) => [r.line, r.reason.split(' ')[0]])).toEqual([[2, 'CURRENCY_MISMATCH'], [3, 'INVALID_COUNTRY']]);

    const rates = await importFile('tax-rates', 'tax-rates.csv', [
      'country,region,postalPrefix,category,rate,name',
      'AT,,,standard,20,',
      'AT,,,reduced,10,',
      'AT,,,books,-5,',
      'AT,,,toys,20.12345,',
      'Austria,,,standard,20,',
    ].join('\n'));
    expect(rates.result).toMatchObject({ accepted: 2, rejected: 3 });
    expect(rates.rejects.map((r) => [r.line, r.reason.split(' ')[0]])).toEqual([[4, 'INVALID_RATE'], [5, 'INVALID_RATE'], [6, 'INVALID_COUNTRY']]);

    const methods = await importFile('shipping-methods', 'shipping-methods.ndjson', [
      JSON.stringify({ market: 'DE', code: 'standard-at', kind: 'DELIVERY', name: 'Standard delivery to Austria', countries: ['AT'], minDays: 3, maxDays: 5, rates: [{ maxWeightGrams: 5000, price: '9.90' }, { maxWeightGrams: 31500, price: '19.90' }] }),
      JSON.stringify({ market: 'NL', code: 'standard', kind: 'DELIVERY', name: 'Standaard', countries: ['NL'], minDays: 1, maxDays: 2, rates: [{ price: '4.95' }] }),
      JSON.stringify({ market: 'DE', code: 'bulky-at', kind: 'DELIVERY', name: 'Bulky', countries: ['AT'], minDays: 5, maxDays: 9, rates: [{ maxWeightGrams: 31500, price: '29.90' }, { maxWeightGrams: 5000, price: '19.90' }] }),
      JSON.stringify({ market: 'JP', code: 'cheap', kind: 'DELIVERY', name: 'Cheap', countries: ['JP'], minDays: 1, maxDays: 2, rates: [{ price: '1.50' }] }),
      JSON.stringify({ market: 'DE', code: 'pickup-vienna', kind: 'PICKUP', name: 'Pickup', locations: ['store-vienna-1'], minDays: 1, maxDays: 2, rates: [{ price: '0.00' }] }),
    ].join('\n'));
    expect(methods.result).toMatchObject({ accepted: 1, rejected: 4 });
    expect(methods.rejects.map((r) => [r.line, r.reason.split(' ')[0]])).toEqual([[2, 'MARKET_UNKNOWN'], [3, 'OVERLAPPING_BANDS'], [4, 'INVALID_AMOUNT'], [5, 'INVALID_VALUE']]);
    expect(methods.rejects[1].reason).toContain('band 2 is never used');
    // every accepted batch moved the counter
    expect(await version()).toBeGreaterThan(before);

    // the running graph, no restart: the next read offers the method and taxes at Austria's rate
    cart = await readCart(cart.id);
    expect(cart.shippingOptions.find((o: any) => o.code === 'standard-at')?.price).toEqual({ amount: '9.90', currencyCode: 'EUR' });
    cart = await select(cart, 'standard-at');
    expect(cart.totals.shipping).toEqual({ amount: '9.90', currencyCode: 'EUR' });
    expect(cart.totals.taxLines.map((l: any) => [l.kind, l.rate, l.name])).toEqual([['ITEM', '20', 'VAT 20%'], ['SHIPPING', '20', 'VAT 20%']]);
    // 990 × 20 / 120 = 165
    expect(cart.totals.taxLines[1].amount.amount).toBe('1.65');

    // a store click-and-collect still names cannot move to another market; a new one goes in
    const stores = await importFile('pickup-locations', 'pickup-locations.csv', 'code,name,market,country,region,postalCode\nstore-vienna-1,Wien Mitte,DE,AT,,1030\nstore-berlin-1,Berlin Mitte store,FR,DE,BE,10117\n');
    expect(stores.result).toMatchObject({ accepted: 1, rejected: 1 });
    expect(stores.rejects).toEqual([expect.objectContaining({ line: 3, reason: expect.stringContaining('no pickup location store-berlin-1 in DE') })]);

    // the same file again: idempotent upserts, nothing new
    const again = await importFile('tax-rates', 'tax-rates-again.csv', 'country,category,rate\nAT,standard,20\nAT,reduced,10\n');
    expect(again.result).toMatchObject({ accepted: 2, rejected: 0 });
    const at = (await g.gql(`{ taxRates(country: "AT") { country category rate } }`, {}, KEYS.operations)).data.taxRates;
    expect(at).toEqual([{ country: 'AT', category: 'reduced', rate: '10' }, { country: 'AT', category: 'standard', rate: '20' }]);
  });
});

describe('single edits through the graph', () => {
  const UPSERT_METHOD = `mutation($i: ShippingMethodInput!) { upsertShippingMethod(input: $i) { shippingMethod { market code rates { maxWeightGrams price } } version userErrors { code field message } } }`;
  const standard = (price: string) => ({ market: 'DE', code: 'standard', kind: 'DELIVERY', name: 'Standard delivery', countries: ['DE'], minDays: 2, maxDays: 4, rates: [{ maxWeightGrams: 5000, price }, { maxWeightGrams: 31500, price: '9.90' }] });

  it('a changed rate re-prices carts that selected it: SHIPPING_PRICE_CHANGED; a removed method: SHIPPING_METHOD_UNAVAILABLE', async () => {
    let cart = await select(await setAddress(await createCart('DE', [{ sku: 'SKU-1001', quantity: 1 }]), { country: 'DE', postalCode: '10117' }), 'standard');
    expect(cart.totals.shipping.amount).toBe('4.90');
    let other = await select(await setAddress(await createCart('DE', [{ sku: 'SKU-1001', quantity: 1 }]), { country: 'DE', postalCode: '10117' }), 'express');

    const changed = await g.gql(UPSERT_METHOD, { i: standard('5.50') }, KEYS.operations);
    expect(changed.data.upsertShippingMethod.userErrors).toEqual([]);
    expect(changed.data.upsertShippingMethod.shippingMethod.rates[0]).toEqual({ maxWeightGrams: 5000, price: '5.50' });
    cart = await readCart(cart.id);
    expect(cart.totals.shipping.amount).toBe('5.50');
    expect(cart.warnings.map((w: any) => w.code)).toEqual(['SHIPPING_PRICE_CHANGED']);
    expect(cart.warnings[0].message).toMatch(/4\.90 to 5\.50 EUR/);

    const removed = await g.gql(`mutation { removeShippingMethod(market: "DE", code: "express") { shippingMethod { code } userErrors { code } } }`, {}, KEYS.operations);
    expect(removed.data.removeShippingMethod).toEqual({ shippingMethod: { code: 'express' }, userErrors: [] });
    other = await readCart(other.id);
    expect(other.warnings.map((w: any) => w.code)).toEqual(['SHIPPING_METHOD_UNAVAILABLE']);
    expect(other.shippingOptions.map((o: any) => o.code)).not.toContain('express');
    expect(other.totals.shipping.amount).toBe('0.00');
  });

  it('bad input: coded userErrors, nothing changed; other keys are refused', async () => {
    const before = await version();
    const tables = async () => (await g.gql(`{ shippingMethods(market: "DE") { code rates { price } } taxRates(country: "DE") { category rate } }`, {}, KEYS.operations)).data;
    const was = await tables();
    const cases: [string, Record<string, unknown>, string, string][] = [
      [UPSERT_METHOD, { i: { ...standard('4.90'), rates: [{ maxWeightGrams: 31500, price: '9.90' }, { maxWeightGrams: 5000, price: '4.90' }] } }, 'OVERLAPPING_BANDS', 'input.rates.1'],
      [UPSERT_METHOD, { i: { ...standard('-1.00') } }, 'INVALID_AMOUNT', 'input.rates.0.price'],
      [UPSERT_METHOD, { i: { ...standard('4.90'), market: 'XQ' } }, 'MARKET_UNKNOWN', 'input.market'],
      [UPSERT_METHOD, { i: { ...standard('4.90'), minDays: 5, maxDays: 2 } }, 'INVALID_VALUE', 'input.minDays'],
      [`mutation($i: TaxRateInput!) { upsertTaxRate(input: $i) { taxRate { rate } userErrors { code field message } } }`, { i: { country: 'DE', category: 'standard', rate: '-19' } }, 'INVALID_RATE', 'input.rate'],
      [`mutation($i: TaxMarketInput!) { upsertTaxMarket(input: $i) { taxMarket { market } userErrors { code field message } } }`, { i: { market: 'JP', currencyCode: 'EUR', pricesIncludeTax: true, taxName: 'VAT', homeCountry: 'JP', countries: ['JP'] } }, 'CURRENCY_MISMATCH', 'input.currencyCode'],
      [`mutation($i: TaxMarketInput!) { upsertTaxMarket(input: $i) { taxMarket { market } userErrors { code field message } } }`, { i: { market: 'DE', currencyCode: 'EURO', pricesIncludeTax: true, taxName: 'VAT', homeCountry: 'DE', countries: ['DE'] } }, 'INVALID_CURRENCY', 'input.currencyCode'],
      [`mutation($i: TaxRateKeyInput!) { removeTaxRate(input: $i) { taxRate { rate } userErrors { code field message } } }`, { i: { country: 'DE', category: 'luxury' } }, 'NOT_FOUND', 'input'],
    ];
    for (const [query, variables, code, field] of cases) {
      const res = await g.gql(query, variables, KEYS.operations);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      const payload = Object.values(res.data as Record<string, any>)[0];
      expect(payload.userErrors.map((e: any) => [e.code, e.field]), JSON.stringify(payload.userErrors)).toEqual([[code, field]]);
    }
    expect(await version()).toBe(before);
    expect(await tables()).toEqual(was);

    const marketing = await g.gql(UPSERT_METHOD, { i: standard('1.00') }, KEYS.marketing);
    expect(marketing.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const web = await g.gql('{ taxMarkets { market } }', {}, KEYS.web);
    expect(web.errors?.length).toBeGreaterThan(0);
    expect(await version()).toBe(before);
  });

  it('US in-game carts: without a digital destination an address is required; with one, digital delivery is taxed there', async () => {
    const inGame = async () => {
      const created = await g.gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { ${CART} } userErrors { code } } }`, { i: { market: 'US', lines: [{ sku: 'SKU-1004', quantity: 1 }] } }, KEYS.inGame);
      const cart = created.data.createCart.cart;
      const res = await g.gql(
        `mutation($c: ID!, $v: Int!) { selectShippingMethod(cartId: $c, expectedVersion: $v, method: "digital") { cart { ${CART} } userErrors { code } } }`,
        { c: cart.id, v: cart.version },
        KEYS.inGame,
      );
      expect(res.data.selectShippingMethod.userErrors).toEqual([]);
      return res.data.selectShippingMethod.cart;
    };
    expect((await inGame()).totals.taxStatus).toBe('ADDRESS_REQUIRED');
    const SET = `mutation($i: TaxMarketInput!) { upsertTaxMarket(input: $i) { taxMarket { market digitalDestination { country region postalCode } } userErrors { code field } } }`;
    const us = { market: 'US', currencyCode: 'USD', pricesIncludeTax: false, taxName: 'Sales tax', homeCountry: null, countries: ['US'] };
    const wrong = await g.gql(SET, { i: { ...us, digitalDestination: { country: 'CA' } } }, KEYS.operations);
    expect(wrong.data.upsertTaxMarket.userErrors).toEqual([{ code: 'INVALID_COUNTRY', field: 'input.digitalDestination.country' }]);
    const set = await g.gql(SET, { i: { ...us, digitalDestination: { country: 'US', region: 'WA' } } }, KEYS.operations);
    expect(set.data.upsertTaxMarket).toEqual({ taxMarket: { market: 'US', digitalDestination: { country: 'US', region: 'WA', postalCode: null } }, userErrors: [] });
    const cart = await inGame();
    expect(cart.totals.taxStatus).toBe('CALCULATED');
    expect(cart.totals.taxLines.map((l: any) => [l.kind, l.rate])).toEqual([['ITEM', '6.5'], ['SHIPPING', '6.5']]);
    // a web cart without an address is not delivered digitally: still required
    const web = await createCart('US', [{ sku: 'SKU-1004', quantity: 1 }]);
    expect(web.totals.taxStatus).toBe('ADDRESS_REQUIRED');
  });

  it('every change is audited with the key and the row before and after', async () => {
    const rate = await g.gql(`mutation { upsertTaxRate(input: { country: "DE", category: "reduced", rate: "7", name: "VAT 7% (food)" }) { taxRate { name } version userErrors { code } } }`, {}, KEYS.operations);
    expect(rate.data.upsertTaxRate.userErrors).toEqual([]);
    const rows = await g.services.promotions.db.all<{ actor: string; before: string; after: string }>(
      "SELECT actor, before, after FROM charge_rows_audit WHERE kind = 'tax-rates' AND row_key = 'DE|||reduced' ORDER BY version",
    );
    expect(rows.map((r) => [r.actor, JSON.parse(r.before).name ?? null, JSON.parse(r.after).name])).toEqual([['demo:operations', null, 'VAT 7% (food)']]);
  });
});
