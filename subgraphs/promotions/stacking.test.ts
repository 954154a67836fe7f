import { describe, expect, it } from 'vitest';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { identities } from '../../test/support/subgraph.ts';

/** A compliance policy that bounds stacking, through the subgraph's API. */
const promotions = usePromotionsService();

const count = async () => Number((await promotions.svc.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM campaigns WHERE market = 'GB'`))?.n);

describe('the percent cap bounds stacking', () => {
  it('refuses a stackable campaign that, with those active together, could exceed the cap; nothing saved', async () => {
    // nothing but the cap: bounding stacking needs no opt-in
    const set = await promotions.call(
      `mutation { setCompliancePolicy(market: "GB", input: { maxDiscountPercent: 50 }) { policy { maxDiscountPercent } userErrors { code } } }`,
      {}, identities.operations,
    );
    expect(set.data.setCompliancePolicy).toEqual({ policy: { maxDiscountPercent: 50 }, userErrors: [] });
    const quarter = { market: 'GB', effect: { type: 'percentOffCart', args: { percent: 25 } }, validUntil: '2026-12-01T00:00:00Z' };
    expect((await promotions.createCampaign({ ...quarter, name: 'First quarter' })).userErrors).toEqual([]);
    const before = await count();

    const second = await promotions.createCampaign({ ...quarter, name: 'Second quarter' });
    expect(second.campaign).toBeNull();
    expect(second.userErrors).toEqual([expect.objectContaining({ code: 'DISCOUNT_CAP_EXCEEDED', field: 'stacking' })]);
    // with the market's own 15 % off two SKUs: 1 − 0.75 × 0.75 × 0.85
    expect(second.userErrors[0].message).toMatch(/"First quarter".*52\.2% off/);
    expect(await count()).toBe(before);

    // alone (EXCLUSIVE), later (no overlap) or in another channel, it can never stack
    expect((await promotions.createCampaign({ ...quarter, name: 'Exclusive quarter', stacking: 'EXCLUSIVE' })).userErrors).toEqual([]);
    expect((await promotions.createCampaign({ ...quarter, name: 'January quarter', validFrom: '2026-12-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' })).userErrors).toEqual([]);
    // a smaller share fits: 1 − 0.75 × 0.85 × 0.8 = 49 %
    expect((await promotions.createCampaign({ ...quarter, name: 'Twenty', effect: { type: 'percentOffCart', args: { percent: 20 } } })).userErrors).toEqual([]);
    // and now the cap is nearly used up: 5.00 off from 100.00 adds 5 %
    const amount = await promotions.createCampaign({ ...quarter, name: 'Five off', effect: { type: 'amountOffCart', args: { amount: '5.00' } }, conditions: [{ type: 'minSubtotal', args: { amount: '100.00' } }] });
    expect(amount.userErrors.map((e) => `${e.code} ${e.field}`)).toEqual(['DISCOUNT_CAP_EXCEEDED stacking']);
  });

  it('cannot be switched off: capStacking false is refused with nothing changed; the policy reads true', async () => {
    await promotions.call(`mutation { setCompliancePolicy(market: "JP", input: { maxDiscountPercent: 40 }) { userErrors { code } } }`, {}, identities.operations);
    const off = await promotions.call(
      `mutation { setCompliancePolicy(market: "JP", input: { maxDiscountPercent: 90, capStacking: false }) { policy { maxDiscountPercent } userErrors { code field } } }`,
      {}, identities.operations,
    );
    expect(off.data.setCompliancePolicy).toEqual({ policy: null, userErrors: [{ code: 'INVALID_POLICY', field: 'capStacking' }] });
    const policy = await promotions.call(`{ compliancePolicy(market: "JP") { maxDiscountPercent capStacking } }`);
    expect(policy.data.compliancePolicy).toEqual({ maxDiscountPercent: 40, capStacking: true });
    // 25 % with the market's 500 off from 5000 (JPSALE) is 35 %: within 40 %; a second 25 % is not (53.75 %)
    expect((await promotions.createCampaign({ market: 'JP', name: 'Stacks within the cap', effect: { type: 'percentOffCart', args: { percent: 25 } } })).userErrors).toEqual([]);
    expect((await promotions.createCampaign({ market: 'JP', name: 'One too many', effect: { type: 'percentOffCart', args: { percent: 25 } } })).userErrors.map((e) => `${e.code} ${e.field}`)).toEqual(['DISCOUNT_CAP_EXCEEDED stacking']);
  });
});
