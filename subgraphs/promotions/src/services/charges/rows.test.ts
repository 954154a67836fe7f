import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../common/log.ts';
import type { ChargeTablesRepository } from '../../data/chargeTablesRepository.ts';
import { checkRemoval, checkRow, checkTables, indexRows, keyOf, rowsToTables, tablesToRows, type ChargeRow } from './rows.ts';
import { ChargeTablesStore } from './store.ts';
import { loadChargeTables, shadowedBands } from './tables.ts';

const quietLog = createLogger('test', 'silent');
const demo = loadChargeTables();
const index = () => indexRows(tablesToRows(demo));

describe('the tables as rows', () => {
  it('the demo tables make rows that make the same tables, and pass the import checks row by row', () => {
    expect(JSON.parse(JSON.stringify(rowsToTables(tablesToRows(demo))))).toEqual({
      ...JSON.parse(JSON.stringify(demo)),
      // rows are kept by key: tax rates and methods come back ordered by it
      taxRates: expect.arrayContaining(demo.taxRates.map((r) => expect.objectContaining(r))),
      shippingMethods: expect.arrayContaining(demo.shippingMethods.map((m) => expect.objectContaining({ market: m.market, code: m.code }))),
    });
    expect(checkTables(demo)).toBeNull();
  });

  it('keys: natural, upper-cased where lookups are', () => {
    expect(keyOf('tax-rates', { country: 'US', region: 'ny', postalPrefix: '100', category: 'standard' })).toBe('US|NY|100|standard');
    expect(keyOf('shipping-methods', { market: 'DE', code: 'standard' })).toBe('DE|standard');
    expect(keyOf('place-names', { name: 'New York', country: 'US', region: 'NY' })).toBe('region|US|NEW YORK');
    expect(keyOf('tax-rates', { country: 'US' })).toBeNull();
  });

  it('reads CSV cells: lists, numbers, JSON bands', () => {
    const r = checkRow('shipping-methods', { market: 'DE', code: 'bulky', kind: 'DELIVERY', name: 'Bulky', countries: 'DE|AT', locations: '', channels: '', minDays: '3', maxDays: '6', rates: '[{"maxWeightGrams":50000,"price":"39.00"}]' }, index());
    expect(r).toEqual({ row: expect.objectContaining({ key: 'DE|bulky', value: expect.objectContaining({ countries: ['DE', 'AT'], minDays: 3, rates: [{ maxWeightGrams: 50000, price: '39.00' }] }) }) });
  });

  it.each([
    ['tax-rates', { country: 'DE', category: 'standard', rate: '-19' }, 'INVALID_RATE', 'rate'],
    ['tax-rates', { country: 'DE', category: 'standard', rate: '19', colour: 'red' }, 'UNKNOWN_FIELD', null],
    ['tax-rates', { country: 'DE', rate: '19' }, 'MISSING_FIELD', 'category'],
    ['tax-markets', { market: 'DE', currencyCode: 'EUR', pricesIncludeTax: 'maybe', taxName: 'VAT', countries: 'DE' }, 'INVALID_VALUE', 'pricesIncludeTax'],
    ['shipping-methods', { market: 'XQ', code: 's', kind: 'DELIVERY', name: 'S', countries: 'XQ', minDays: 1, maxDays: 2, rates: [{ price: '1.00' }] }, 'MARKET_UNKNOWN', 'market'],
    ['shipping-methods', { market: 'JP', code: 's', kind: 'DELIVERY', name: 'S', countries: 'JP', minDays: 1, maxDays: 2, rates: [{ price: '1.50' }] }, 'INVALID_AMOUNT', 'rates.0.price'],
    ['shipping-methods', { market: 'DE', code: 's', kind: 'DELIVERY', name: 'S', countries: 'DE', minDays: 'soon', maxDays: 2, rates: [{ price: '1.00' }] }, 'INVALID_VALUE', 'minDays'],
    ['shipping-methods', { market: 'DE', code: 's', kind: 'DELIVERY', name: 'S', countries: 'DE', minDays: 1, maxDays: 2, rates: '[{"price":"1.00"},{"maxWeightGrams":10,"price":"2.00"}]' }, 'OVERLAPPING_BANDS', 'rates.1'],
    ['tax-markets', { market: 'JP', currencyCode: 'JPY', pricesIncludeTax: true, taxName: 'Tax', homeCountry: 'JP', countries: 'JP', extra: 1 }, 'UNKNOWN_FIELD', null],
    ['item-weights', { sku: 'SKU-1', grams: '1.5' }, 'INVALID_VALUE', 'grams'],
  ] as const)('%s %j → %s', (kind, raw, code, field) => {
    const r = checkRow(kind, raw as Record<string, unknown>, index());
    expect('error' in r && [r.error.code, r.error.field]).toEqual([code, field]);
  });

  it('a currency change a method\'s prices cannot follow is refused (checked against the whole tables)', () => {
    const r = checkRow('tax-markets', { market: 'DE', currencyCode: 'JPY', pricesIncludeTax: true, taxName: 'VAT', homeCountry: 'DE', countries: ['DE'] }, index());
    expect('error' in r && r.error.code).toBe('INVALID_AMOUNT');
  });

  it('a row others depend on cannot go; others can', () => {
    expect(checkRemoval('pickup-locations', 'store-berlin-1', index())?.message).toMatch(/no pickup location store-berlin-1 in DE/);
    expect(checkRemoval('shipping-methods', 'DE|click-and-collect', index())).toBeNull();
    expect(checkRemoval('tax-rates', 'DE||nowhere|standard', index())?.code).toBe('NOT_FOUND');
  });

  it('bands an earlier band covers are dead', () => {
    expect(shadowedBands([{ maxWeightGrams: 5000 }, { maxWeightGrams: 31500 }], 'EUR')).toEqual([]);
    expect(shadowedBands([{ maxSubtotal: '60.00', maxWeightGrams: 5000 }, { maxWeightGrams: 5000 }], 'EUR')).toEqual([]);
    expect(shadowedBands([{}, { maxWeightGrams: 5000 }], 'EUR')).toEqual([[1, 0]]);
    expect(shadowedBands([{ maxSubtotal: '60.00' }, { maxSubtotal: '50.00', maxWeightGrams: 10 }], 'EUR')).toEqual([[1, 0]]);
  });
});

describe('ChargeTablesStore', () => {
  function fakeRepo(rows: ChargeRow[]) {
    const state = { version: 1, rows, fail: false, loads: 0 };
    const repo = {
      version: async () => {
        if (state.fail) throw new Error('database away');
        return state.version;
      },
      snapshot: async () => {
        state.loads++;
        return { version: state.version, rows: state.rows };
      },
    } as unknown as ChargeTablesRepository;
    return { repo, state };
  }

  it('reloads only when the change counter moved, and keeps the tables known when the database is away', async () => {
    const { repo, state } = fakeRepo(tablesToRows(demo));
    const store = new ChargeTablesStore(repo, quietLog);
    expect(await store.refresh()).toBe(1);
    expect(store.snapshot().markets.DE.taxName).toBe('VAT');
    await store.refresh();
    expect(state.loads).toBe(1);
    state.rows = state.rows.map((r) => (r.kind === 'tax-markets' && r.key === 'DE' ? { ...r, value: { ...r.value, taxName: 'MwSt' } } : r)) as ChargeRow[];
    state.version = 2;
    expect(await store.refresh()).toBe(2);
    expect(store.snapshot().markets.DE.taxName).toBe('MwSt');
    state.fail = true;
    expect(await store.refresh()).toBe(2);
    expect(store.snapshot().markets.DE.taxName).toBe('MwSt');
  });

  it('looks keys up in records without a prototype', async () => {
    const { repo } = fakeRepo(tablesToRows(demo));
    const store = new ChargeTablesStore(repo, quietLog);
    await store.refresh();
    expect(store.snapshot().pickupLocations.constructor).toBeUndefined();
    expect(store.snapshot().productTaxCategories.toString).toBeUndefined();
  });
});
