import { describe, expect, it } from 'vitest';
import { identities } from '../../../../test/support/subgraph.ts';
import { validateCampaignInput } from './campaignValidation.ts';
import { complianceViolations, toPolicyView, type PriceLookup } from './compliance.ts';

const NOW = new Date('2026-11-01T10:00:00.000Z');
const values = (over: Record<string, unknown> = {}) =>
  validateCampaignInput({ name: 'x', market: 'DE', effect: { type: 'percentOffCart', args: { percent: 10 } }, ...over }, { identity: identities.marketing }, 'EUR').values;
const policy = (over: Partial<Parameters<typeof toPolicyView>[1] & object> = {}) =>
  toPolicyView('DE', { market: 'DE', max_percent: null, require_end_date: 0, max_duration_days: null, no_amount_above_price: 0, updated_at: null, ...over });
const prices = (map: Record<string, number | null>): PriceLookup => async () => new Map(Object.entries(map));
const codes = async (v: ReturnType<typeof values>, p: ReturnType<typeof policy>, lookup: PriceLookup = prices({})) =>
  (await complianceViolations(v, p, NOW, lookup, 'EUR')).map((e) => `${e.code} ${e.field}`);

describe('compliance policy checks', () => {
  it('allows everything without a policy', async () => {
    expect(await codes(values({ effect: { type: 'percentOffCart', args: { percent: 100 } } }), policy())).toEqual([]);
  });

  it('counts the duration from validFrom, or from the save without one; open-ended is too long', async () => {
    const p = policy({ max_duration_days: 10 });
    expect(await codes(values({ validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-12-11T00:00:00Z' }), p)).toEqual([]);
    expect(await codes(values({ validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-12-11T00:00:01Z' }), p)).toEqual(['DURATION_TOO_LONG validUntil']);
    expect(await codes(values({ validUntil: '2026-11-11T10:00:00Z' }), p)).toEqual([]);
    expect(await codes(values({ validUntil: '2026-11-11T10:00:01Z' }), p)).toEqual(['DURATION_TOO_LONG validUntil']);
    expect(await codes(values(), p)).toEqual(['DURATION_TOO_LONG validUntil']);
    // with an end date required too, one error says what is missing
    expect(await codes(values(), policy({ max_duration_days: 10, require_end_date: 1 }))).toEqual(['END_DATE_REQUIRED validUntil']);
  });

  it('compares an amount off SKUs with their prices; unpriced SKUs are not checked; other effects never ask', async () => {
    const p = policy({ no_amount_above_price: 1 });
    const effect = { type: 'amountOffSkus', args: { amount: '10.00', skus: ['CHEAP', 'EXACT', 'UNSOLD', 'UNKNOWN'] } };
    expect(await codes(values({ effect }), p, prices({ CHEAP: 999, EXACT: 1000, UNSOLD: null }))).toEqual(['DISCOUNT_ABOVE_PRICE effect.args.skus[0]']);
    const failing: PriceLookup = async () => {
      throw new Error('catalog down');
    };
    expect(await codes(values({ effect }), p, failing)).toEqual(['PRICE_CHECK_UNAVAILABLE effect.args.amount']);
    expect(await codes(values({ effect: { type: 'amountOffCart', args: { amount: '10.00' } } }), p, failing)).toEqual([]);
  });

  it('bounds a bundle by its dearest bundle: bundles take the dearest units first', async () => {
    const p = policy({ max_percent: 50 });
    const lookup = prices({ 'SKU-1': 1000, 'SKU-2': 10000 });
    const bundle = (price: string) => values({ effect: { type: 'bundlePrice', args: { skus: ['SKU-1', 'SKU-2'], quantity: 2, price } } });
    // two SKU-2 for 90.00 instead of 200.00 is 55 % off, though two SKU-1 would cost less than 90.00
    expect(await codes(bundle('90.00'), p, lookup)).toEqual(['DISCOUNT_CAP_EXCEEDED effect.args.price']);
    expect(await codes(bundle('100.00'), p, lookup)).toEqual([]);
  });
});
