import { describe, expect, it } from 'vitest';
import type { PriceSchedule } from '../data/catalogRepository.ts';
import { priceAt, priceChangesBetween } from './priceSchedule.ts';

const row = (sku: string, amount: number, from: string, until: string | null = null): PriceSchedule => ({
  sku, market: 'DE', amount_minor: amount, valid_from: `${from}T00:00:00.000Z`, valid_until: until ? `${until}T00:00:00.000Z` : null,
});
const T = (d: string) => `${d}T00:00:00.000Z`;

describe('price schedule', () => {
  const base = row('A', 1000, '2026-01-01');
  const sale = row('A', 700, '2026-11-27', '2026-12-01');

  it('applies the latest-starting price valid at the instant, and the earlier one again after a sale ends', () => {
    expect(priceAt([base, sale], T('2026-11-26'))).toBe(1000);
    expect(priceAt([base, sale], T('2026-11-27'))).toBe(700);
    expect(priceAt([base, sale], '2026-11-30T23:59:59.999Z')).toBe(700);
    expect(priceAt([base, sale], T('2026-12-01'))).toBe(1000);
    expect(priceAt([base], T('2025-12-31'))).toBeNull();
  });

  it('lists the changes of a window with the price before and after, exactly at their boundaries', () => {
    const rows = [base, sale, row('B', 500, '2026-01-01'), row('C', 200, '2026-11-28')];
    expect(priceChangesBetween(rows, T('2026-11-26'), T('2026-12-01'))).toEqual([
      { sku: 'A', at: T('2026-11-27'), beforeMinor: 1000, afterMinor: 700 },
      { sku: 'C', at: T('2026-11-28'), beforeMinor: null, afterMinor: 200 },
      { sku: 'A', at: T('2026-12-01'), beforeMinor: 700, afterMinor: 1000 },
    ]);
    // the window is (from, to]: a change exactly at `from` already happened
    expect(priceChangesBetween(rows, T('2026-11-27'), T('2026-11-30'))).toEqual([{ sku: 'C', at: T('2026-11-28'), beforeMinor: null, afterMinor: 200 }]);
  });

  it('ignores a scheduled row that changes nothing (same amount as before)', () => {
    expect(priceChangesBetween([base, row('A', 1000, '2026-11-27')], T('2026-11-01'), T('2026-12-31'))).toEqual([]);
  });
});
