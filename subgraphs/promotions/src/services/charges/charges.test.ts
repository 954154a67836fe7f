import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTaxSimulator, type TaxSimulator } from '../../../../../test/support/taxSimulator.ts';
import { createLogger } from '../../../../../common/log.ts';
import { ChargesService, type ChargesCart, type Discounted } from './charges.ts';
import { addWorkingDays } from './present.ts';
import { RemoteTaxProvider } from './remoteTax.ts';
import { cartWeightGrams, destinationOf, shippingOptions } from './shipping.ts';
import { loadChargeTables, parseChargeTables } from './tables.ts';
import { NativeTaxProvider, type TaxProvider } from './taxProvider.ts';

const tables = loadChargeTables();
const log = createLogger('test', 'silent');
const none: Discounted = { lineDiscountsMinor: [], cartDiscountMinor: 0, shippingDiscountMinor: 0 };

function cart(over: Partial<ChargesCart> = {}): ChargesCart {
  return {
    id: 'c1', market: 'DE', channel: 'web', currencyCode: 'EUR', customerId: null,
    lines: [{ id: 'l1', sku: 'SKU-1001', quantity: 1, unitPriceMinor: 2000 }],
    shippingAddress: { type: 'address/v1', data: { country: 'DE', postalCode: '10117' } }, shippingMethod: null, pickupLocation: null,
    ...over,
  };
}

function service(providers: TaxProvider[] = [], routing: [string, string][] = [], exempt: string[] = [], timeoutMs = 200) {
  return new ChargesService({
    tables,
    taxRouting: new Map(routing),
    taxProviders: new Map<string, TaxProvider>([['native', new NativeTaxProvider(tables)], ...providers.map((p) => [p.name, p] as [string, TaxProvider])]),
    isExempt: async (id) => exempt.includes(id),
    timeoutMs,
    log,
  });
}

describe('shipping options from the tables', () => {
  it('prices by weight band, offers delivery only to the market\'s countries, pickup per store, digital in-game only', () => {
    const options = (over: Partial<ChargesCart>) => shippingOptions(tables, { ...cart(over), destination: destinationOf(cart(over).shippingAddress) });
    expect(options({}).map((o) => [o.code, o.priceMinor])).toEqual([['standard', 490], ['express', 1290], ['click-and-collect', 0]]);
    // 6 kg: the next weight band
    const heavy = { lines: [{ id: 'l1', sku: 'SKU-1005', quantity: 5, unitPriceMinor: 1000 }] };
    expect(cartWeightGrams(tables, heavy.lines)).toBe(7000);
    expect(options(heavy).find((o) => o.code === 'standard')?.priceMinor).toBe(990);
    // beyond every band: not offered
    expect(options({ lines: [{ id: 'l1', sku: 'SKU-1005', quantity: 30, unitPriceMinor: 1000 }] }).map((o) => o.code)).toEqual(['click-and-collect']);
    // an address abroad: no delivery
    expect(options({ shippingAddress: { type: 'address/v1', data: { country: 'FR' } } }).map((o) => o.code)).toEqual(['click-and-collect']);
    expect(options({ channel: 'in-game', shippingAddress: null }).map((o) => [o.code, o.location])).toEqual([['click-and-collect', 'store-berlin-1'], ['digital', null]]);
    // subtotal bands: FR standard is cheaper from 60.00
    const fr = (price: number) => options({ market: 'FR', lines: [{ id: 'l1', sku: 'SKU-1002', quantity: 1, unitPriceMinor: price }], shippingAddress: { type: 'address/v1', data: { country: 'FR' } } });
    expect(fr(5999).find((o) => o.code === 'standard')?.priceMinor).toBe(590);
    expect(fr(6000).find((o) => o.code === 'standard')?.priceMinor).toBe(290);
  });

  it('dates delivery estimates in working days', () => {
    const friday = new Date('2026-12-04T16:00:00Z');
    expect([0, 1, 2, 5].map((d) => addWorkingDays(friday, d))).toEqual(['2026-12-04', '2026-12-07', '2026-12-08', '2026-12-11']);
  });

  it('reads address/v1 leniently and ignores other types or junk', () => {
    expect(destinationOf({ type: 'address/v1', data: { country: 'us', state: 'ny', zip: '10001' } })).toEqual({ country: 'US', region: 'NY', postalCode: '10001' });
    expect(destinationOf({ type: 'geo/v1', data: { country: 'DE' } })).toBeNull();
    expect(destinationOf({ type: 'address/v1', data: ['DE'] })).toBeNull();
    expect(destinationOf({ type: 'address/v1', data: { country: { __proto__: 'x' } } })).toBeNull();
    expect(destinationOf({ type: 'address/v1', data: { country: 'Germany' } })).toBeNull();
    // with the tables' place names, and a single-country market's country when none is given
    const names = { countryNames: tables.countryNames, regionNames: tables.regionNames, defaultCountry: 'US' };
    expect(destinationOf({ type: 'address/v1', data: { country: 'United States', state: 'New York', postcode: '10118' } }, names)).toEqual({ country: 'US', region: 'NY', postalCode: '10118' });
    expect(destinationOf({ type: 'address/v1', data: { city: 'Albany', province: 'ny' } }, names)).toEqual({ country: 'US', region: 'NY', postalCode: null });
    expect(destinationOf({ type: 'address/v1', data: { countryCode: 'deutschland' } }, names)).toEqual({ country: 'DE', region: null, postalCode: null });
    expect(destinationOf({ type: 'address/v1', data: { country: 'Atlantis' } }, names)).toBeNull();
  });

  it('taxes a US address given by names, and one without a country in the US market', async () => {
    const s = service();
    for (const data of [{ country: 'USA', state: 'New York', zip: '10001' }, { state: 'NY', zip: '10001' }]) {
      const c = cart({ market: 'US', currencyCode: 'USD', shippingAddress: { type: 'address/v1', data } });
      expect((await s.tax(c, none, s.shipping(c))).lines.map((l) => l.rate)).toEqual(['8.875']);
    }
  });

  it('refuses broken tables with the row and reason', () => {
    const broken = structuredClone(tables) as any;
    broken.shippingMethods[0].rates[0].price = '4.905';
    expect(() => parseChargeTables(broken)).toThrow(/shippingMethods\.0\.rates\.0\.price/);
    const twin = structuredClone(tables) as any;
    twin.shippingMethods.push({ ...twin.shippingMethods[0] });
    expect(() => parseChargeTables(twin)).toThrow(/already has a method standard/);
    const pickup = structuredClone(tables) as any;
    pickup.shippingMethods[2].locations = ['store-nowhere'];
    expect(() => parseChargeTables(pickup)).toThrow(/no pickup location store-nowhere/);
  });
});

describe('tax of a cart', () => {
  it('DE: VAT included per line and on shipping, cart-level discounts prorated', async () => {
    const c = cart({ lines: [{ id: 'a', sku: 'SKU-1001', quantity: 1, unitPriceMinor: 1000 }, { id: 'b', sku: 'SKU-1008', quantity: 1, unitPriceMinor: 3000 }], shippingMethod: 'standard' });
    const s = service();
    const shipping = s.shipping(c);
    expect(shipping.status).toBe('SELECTED');
    const tax = await s.tax(c, { lineDiscountsMinor: [0, 0], cartDiscountMinor: 400, shippingDiscountMinor: 0 }, shipping);
    // 400 off prorated 100 / 300; SKU-1008 is in the reduced category (7%)
    expect(tax.lines.map((l) => [l.id, l.rate, l.taxableMinor, l.taxMinor])).toEqual([
      ['a', '19', 900, 144],
      ['b', '7', 2700, 177],
      ['shipping', '19', 490, 78],
    ]);
    expect(tax).toMatchObject({ status: 'CALCULATED', included: true, taxMinor: 144 + 177 + 78 });
  });

  it('US in-game: digital delivery without an address is taxed at the market\'s digital destination when the tables name one', async () => {
    const withDigital = parseChargeTables({ ...tables, markets: { ...tables.markets, US: { ...tables.markets.US, digitalDestination: { country: 'US', region: 'WA' } } } });
    const s = new ChargesService({ tables: withDigital, taxRouting: new Map(), taxProviders: new Map([['native', new NativeTaxProvider(withDigital)]]), isExempt: async () => false, timeoutMs: 200, log });
    const game = (over: Partial<ChargesCart>) => cart({ market: 'US', currencyCode: 'USD', channel: 'in-game', shippingAddress: null, ...over });
    const digital = game({ shippingMethod: 'digital' });
    expect(await s.tax(digital, none, s.shipping(digital))).toMatchObject({ status: 'CALCULATED', taxMinor: 130 }); // 2000 × 6.5%
    // no method chosen, or an address in the market: as any cart
    expect((await s.tax(game({}), none, s.shipping(game({})))).status).toBe('ADDRESS_REQUIRED');
    const ny = game({ shippingMethod: 'digital', shippingAddress: { type: 'address/v1', data: { country: 'US', region: 'NY', postalCode: '12207' } } });
    expect(await s.tax(ny, none, s.shipping(ny))).toMatchObject({ status: 'CALCULATED', taxMinor: 80 }); // NY 4%
    // without one in the tables (the demo): an address is required
    const plain = service();
    expect((await plain.tax(digital, none, plain.shipping(digital))).status).toBe('ADDRESS_REQUIRED');
    // the destination must be a country of the market
    expect(() => parseChargeTables({ ...tables, markets: { ...tables.markets, US: { ...tables.markets.US, digitalDestination: { country: 'CA' } } } })).toThrow(/INVALID_COUNTRY: CA is not a country of market US/);
  });

  it('US: a destination is required; a state without a row is not guessed', async () => {
    const s = service();
    const us = (data: unknown) => cart({ market: 'US', currencyCode: 'USD', shippingAddress: data === null ? null : { type: 'address/v1', data } });
    expect((await s.tax(us(null), none, s.shipping(us(null)))).status).toBe('ADDRESS_REQUIRED');
    expect((await s.tax(us({ country: 'US' }), none, s.shipping(us({ country: 'US' })))).status).toBe('ADDRESS_REQUIRED');
    const zz = await s.tax(us({ country: 'US', region: 'ZZ' }), none, s.shipping(us({ country: 'US', region: 'ZZ' })));
    expect(zz).toMatchObject({ status: 'ADDRESS_REQUIRED', taxMinor: 0, message: expect.stringContaining('US-ZZ') });
    const ca = await s.tax(us({ country: 'US', region: 'CA', postalCode: '94105' }), none, s.shipping({ ...us({ country: 'US', region: 'CA' }), shippingMethod: 'standard' }));
    expect(ca).toMatchObject({ status: 'CALCULATED', included: false, taxMinor: 145 }); // 2000 × 7.25% = 145; CA does not tax shipping
  });

  it('a tax-exempt customer pays no tax: nothing added in the US, the included tax taken off in DE', async () => {
    const s = service([], [], ['exempt-1']);
    const de = cart({ customerId: 'exempt-1' });
    expect(await s.tax(de, none, s.shipping(de))).toMatchObject({ status: 'EXEMPT', taxMinor: 0, exemptedMinor: 319 }); // 2000 × 19/119
    const us = cart({ market: 'US', currencyCode: 'USD', customerId: 'exempt-1', shippingAddress: { type: 'address/v1', data: { country: 'US', region: 'NY' } } });
    expect(await s.tax(us, none, s.shipping(us))).toMatchObject({ status: 'EXEMPT', taxMinor: 0, exemptedMinor: 0 });
  });
});

describe('a remote tax service behind the interface (local simulator)', () => {
  let sim: TaxSimulator;
  let remote: RemoteTaxProvider;
  beforeAll(async () => {
    sim = await startTaxSimulator();
    remote = new RemoteTaxProvider({ name: 'sim', url: sim.url, timeoutMs: 150, token: 'secret-token' });
  });
  afterAll(async () => {
    await remote.close();
    await sim.close();
  });
  const ny = () => cart({ market: 'US', currencyCode: 'USD', shippingMethod: 'standard', shippingAddress: { type: 'address/v1', data: { country: 'US', region: 'NY', postalCode: '10118' } } });

  it('answers every line; the request carries the lines as decimal strings and the token', async () => {
    sim.mode = 'ok';
    const s = service([remote], [['US', 'sim']]);
    const c = ny();
    const tax = await s.tax(c, none, s.shipping(c));
    expect(tax).toMatchObject({ status: 'CALCULATED', provider: 'sim', taxMinor: 178 + 62 }); // 20.00 × 8.875% = 1.775 → 1.78; 6.95 → 0.616 → 0.62
    expect(sim.requests.at(-1)).toMatchObject({ market: 'US', pricesIncludeTax: false, destination: { region: 'NY' }, lines: [{ id: 'l1', amount: '20.00', kind: 'ITEM' }, { id: 'shipping', amount: '6.95', kind: 'SHIPPING' }], authorization: 'Bearer secret-token' });
  });

  it.each([
    ['hang', 'UNAVAILABLE'],
    ['error', 'UNAVAILABLE'],
    ['garbage', 'UNAVAILABLE'],
    ['missing-line', 'UNAVAILABLE'],
    ['overcharge', 'UNAVAILABLE'],
    ['unknown-destination', 'ADDRESS_REQUIRED'],
  ] as const)('%s → %s (never a guessed tax)', async (mode, status) => {
    sim.mode = mode;
    const s = service([remote], [['US', 'sim']], [], 1000);
    const c = ny();
    const tax = await s.tax(c, none, s.shipping(c));
    expect(tax).toMatchObject({ status, taxMinor: 0, lines: [] });
  });

  it('the caller\'s time budget bounds a slow service too', async () => {
    sim.mode = 'hang';
    const slow = new RemoteTaxProvider({ name: 'slow', url: sim.url, timeoutMs: 30_000 });
    try {
      const s = service([slow], [['US', 'slow']], [], 100);
      const c = ny();
      expect((await s.tax(c, none, s.shipping(c))).status).toBe('UNAVAILABLE');
    } finally {
      await slow.close();
    }
  });
});
