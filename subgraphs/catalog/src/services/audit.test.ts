import { describe, expect, it } from 'vitest';
import type { PriceSchedule } from '../data/catalogRepository.ts';
import { priceAuditEntries } from './audit.ts';

const NOW = '2026-11-02T09:00:00.000Z';
const row = (over: Partial<PriceSchedule>): PriceSchedule => ({ sku: 'SKU-1', market: 'DE', amount_minor: 1999, valid_from: '1970-01-01T00:00:00.000Z', valid_until: null, ...over });
const currencies = new Map([['DE', 'EUR'], ['JP', 'JPY']]);

describe('audit entries of prices', () => {
  it('records the price in effect at the new one\'s start as before: the latest that started then', () => {
    const schedule = [row({}), row({ amount_minor: 1500, valid_from: '2026-11-27T00:00:00.000Z', valid_until: '2026-11-30T00:00:00.000Z' }), row({ sku: 'SKU-2', amount_minor: 1 })];
    const [now, during, after] = priceAuditEntries([
      row({ amount_minor: 1899, valid_from: NOW }),
      row({ amount_minor: 1400, valid_from: '2026-11-28T00:00:00.000Z', valid_until: '2026-11-29T00:00:00.000Z' }),
      row({ amount_minor: 2100, valid_from: '2026-12-01T00:00:00.000Z' }),
    ], schedule, currencies, NOW);
    expect(now).toEqual({
      entityType: 'PRICE', entityId: 'SKU-1', market: 'DE', action: 'SET',
      before: { amount: '19.99', currencyCode: 'EUR', validFrom: '1970-01-01T00:00:00.000Z', validUntil: null },
      after: { amount: '18.99', currencyCode: 'EUR', validFrom: NOW, validUntil: null },
    });
    expect(during).toMatchObject({ action: 'SCHEDULED', before: { amount: '15.00' }, after: { amount: '14.00', validUntil: '2026-11-29T00:00:00.000Z' } });
    expect(after).toMatchObject({ action: 'SCHEDULED', before: { amount: '19.99' } });
  });

  it('has no before for a SKU not sold in the market then, and formats in the market\'s currency', () => {
    const [jp] = priceAuditEntries([row({ market: 'JP', amount_minor: 5990, valid_from: NOW })], [row({})], currencies, NOW);
    expect(jp).toMatchObject({ market: 'JP', before: null, after: { amount: '5990', currencyCode: 'JPY' } });
  });
});
